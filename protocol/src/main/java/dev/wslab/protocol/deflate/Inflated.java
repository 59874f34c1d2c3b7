package dev.wslab.protocol.deflate;

/** What {@link MessageInflater} made of one frame's compressed payload. */
public sealed interface Inflated {

    /** The bytes the payload inflated to (possibly none: DEFLATE may hold output back until more input). */
    record Bytes(byte[] data) implements Inflated { }

    /**
     * Inflating went past the bytes the message may still take; inflation stopped there, before the rest was
     * inflated (a decompression bomb is stopped at the limit, not after it).
     */
    record TooBig(long limit) implements Inflated { }

    /** The payload is not a valid DEFLATE stream. */
    record Corrupt(String reason) implements Inflated { }
}
