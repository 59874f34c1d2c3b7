package dev.wslab.transport;

/**
 * Outbound is what a session hands its writer, in order: the bytes of the frames to write, then the end of
 * them, after which the writer closes its side of the TCP connection (RFC 6455 §7.1.1).
 */
sealed interface Outbound {

    /** Bytes of one or more encoded frames, to write as they are. */
    record Bytes(byte[] bytes) implements Outbound {
    }

    /** The connection has ended: nothing more is written. */
    record End() implements Outbound {
    }
}
