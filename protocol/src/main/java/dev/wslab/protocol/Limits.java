package dev.wslab.protocol;

/**
 * Limits bounds what a peer can make this endpoint hold in memory. Every limit is checked before the
 * memory is allocated: a frame header that announces 2^63 bytes allocates nothing.
 *
 * @param maxMessageSize the largest message (the sum of its fragments' payloads) accepted, in bytes;
 *     a larger one fails the connection with 1009. Default 1 MiB: large enough for typical JSON
 *     messages, small enough that a thousand connections cannot exhaust a small heap.
 * @param maxHandshakeHeadSize the largest HTTP head (request or status line plus headers) accepted
 *     during the opening handshake. Default 16 KiB, in line with common HTTP servers (nginx uses 4-8 KiB
 *     buffers per line).
 * @param maxHandshakeLineLength the longest single line in the HTTP head. Default 8 KiB.
 * @param maxHandshakeHeaderCount the most header fields in the HTTP head. Default 128.
 */
public record Limits(long maxMessageSize, int maxHandshakeHeadSize, int maxHandshakeLineLength,
                     int maxHandshakeHeaderCount) {

    /** The largest array the JVM allocates reliably; a message is held in one. */
    public static final int MAX_ARRAY_SIZE = Integer.MAX_VALUE - 8;

    // tag::defaults[]
    /** The defaults described on each component. */
    public static final Limits DEFAULTS = new Limits(1 << 20, 16 * 1024, 8 * 1024, 128);
    // end::defaults[]

    public Limits {
        requirePositive(maxMessageSize, "maxMessageSize");
        if (maxMessageSize > MAX_ARRAY_SIZE) {
            throw new IllegalArgumentException("maxMessageSize must fit in one array (" + MAX_ARRAY_SIZE
                    + " bytes), got " + maxMessageSize);
        }
        requirePositive(maxHandshakeHeadSize, "maxHandshakeHeadSize");
        requirePositive(maxHandshakeLineLength, "maxHandshakeLineLength");
        requirePositive(maxHandshakeHeaderCount, "maxHandshakeHeaderCount");
    }

    /** Returns a copy with another message size limit. */
    public Limits withMaxMessageSize(long bytes) {
        return new Limits(bytes, maxHandshakeHeadSize, maxHandshakeLineLength, maxHandshakeHeaderCount);
    }

    /** Returns a copy with another handshake head size limit. */
    public Limits withMaxHandshakeHeadSize(int bytes) {
        return new Limits(maxMessageSize, bytes, maxHandshakeLineLength, maxHandshakeHeaderCount);
    }

    /** Returns a copy with another handshake line length limit. */
    public Limits withMaxHandshakeLineLength(int bytes) {
        return new Limits(maxMessageSize, maxHandshakeHeadSize, bytes, maxHandshakeHeaderCount);
    }

    /** Returns a copy with another handshake header count limit. */
    public Limits withMaxHandshakeHeaderCount(int count) {
        return new Limits(maxMessageSize, maxHandshakeHeadSize, maxHandshakeLineLength, count);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
