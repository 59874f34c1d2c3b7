package dev.wslab.conformance.deflate;

/** Reads a DEFLATE stream's bits, least significant bit of each byte first (RFC 1951 §3.1.1). */
final class BitReader {

    /** Thrown when the stream ends in the middle of a block. */
    static final class EndOfInput extends Exception {
        private static final long serialVersionUID = 1L;

        EndOfInput() {
            super("the compressed data ends in the middle of a block", null, false, false);
        }
    }

    private final byte[] bytes;
    private int position;
    private int bitInByte;

    BitReader(byte[] bytes) {
        this.bytes = bytes;
    }

    int bit() throws EndOfInput {
        if (position >= bytes.length) {
            throw new EndOfInput();
        }
        int bit = (bytes[position] >> bitInByte) & 1;
        if (++bitInByte == 8) {
            bitInByte = 0;
            position++;
        }
        return bit;
    }

    /** Reads {@code count} bits as a number, the first bit read the least significant (§3.1.1). */
    int bits(int count) throws EndOfInput {
        int value = 0;
        for (int i = 0; i < count; i++) {
            value |= bit() << i;
        }
        return value;
    }

    /** Skips to the next byte boundary, as a stored block's header asks (§3.2.4). */
    void alignToByte() {
        if (bitInByte != 0) {
            bitInByte = 0;
            position++;
        }
    }

    int byteValue() throws EndOfInput {
        if (position >= bytes.length) {
            throw new EndOfInput();
        }
        return bytes[position++] & 0xff;
    }

    void skipBytes(int count) throws EndOfInput {
        if (position + (long) count > bytes.length) {
            throw new EndOfInput();
        }
        position += count;
    }

    boolean atEnd() {
        return position >= bytes.length;
    }
}
