package dev.wslab.conformance.catalog;

import dev.wslab.protocol.frame.Payload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * CompressionBomb is the payload of one permessage-deflate message (raw DEFLATE, the trailing
 * {@code 00 00 ff ff} removed, RFC 7692 §7.2.1) that inflates about 1,032 times its size: written by hand,
 * bit by bit, in time and memory of its wire size, never by deflating the bytes it inflates to.
 *
 * <p>One dynamic-Huffman block (RFC 1951 §3.2.7) whose codes are chosen so that the bomb's body is nothing
 * but zero bytes: the length 258 (symbol 285) has the one-bit code {@code 0}, and so has the distance 1
 * (distance code 0). Each body byte is then four matches "copy 258 bytes from 1 back" of two bits each: 1,032
 * bytes inflated per byte on the wire, DEFLATE's best ratio. Zero bytes can be cut anywhere, so a probe sends
 * the body as one frame or as a flood of identical continuation frames.
 *
 * @param start the block's header and its opening, then zero bits up to the byte boundary (RSV1's frame)
 * @param zeroBytes how many zero bytes the body has
 * @param end the pending distance code if the body ends mid-match, the end of the block, and the three
 *     header bits of the empty stored block whose {@code 00 00 ff ff} the receiver appends (§7.2.2)
 * @param inflatedSize how many bytes the whole message inflates to
 */
record CompressionBomb(byte[] start, int zeroBytes, byte[] end, long inflatedSize) {

    /** How the inflated bytes begin: the block must copy something before it can repeat it. */
    enum Opening {
        /** A literal {@code a}: the message stands alone. */
        LITERAL,
        /**
         * A match of 258 bytes from 32,768 back, the farthest a 32 KiB window reaches (§7.1.2.2): the bytes
         * come from the messages before, whose window a receiver keeps with context takeover (RFC 7692 §7.1.1.2).
         */
        FROM_WINDOW
    }

    /** The most bytes one match copies (RFC 1951 §3.2.5), and what one body byte of four matches gives. */
    static final int MATCH = 258;
    static final int PER_ZERO_BYTE = 4 * MATCH;
    /** How far back {@link Opening#FROM_WINDOW} reaches: the whole 32 KiB window. */
    static final int WINDOW = 32_768;

    /** Returns a bomb that inflates to more than {@code atLeast} bytes, opening as {@code opening} says. */
    static CompressionBomb inflatingPast(long atLeast, Opening opening) {
        Bits bits = new Bits();
        bits.write(0, 1); // BFINAL 0: the receiver's appended empty stored block follows
        bits.write(2, 2); // BTYPE 10: dynamic Huffman codes
        bits.write(286 - 257, 5); // HLIT: literal/length code lengths for symbols 0-285
        bits.write(30 - 1, 5); // HDIST: distance code lengths for codes 0-29
        bits.write(18 - 4, 4); // HCLEN: code-length code lengths for the first 18 in the order below
        int[] order = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1};
        for (int symbol : order) {
            // Code lengths 1, 2 and the zero runs 17, 18 get two-bit codes: 1=00, 2=01, 17=10, 18=11.
            bits.write(symbol == 1 || symbol == 2 || symbol == 17 || symbol == 18 ? 2 : 0, 3);
        }
        // Literal/length code lengths: 'a' (97) 2, end of block (256) 2, length 258 (285) 1; so 285=0, 97=10, 256=11.
        zeros(bits, 97);
        bits.code(0b01, 2); // code length 2
        zeros(bits, 256 - 98);
        bits.code(0b01, 2);
        zeros(bits, 285 - 257);
        bits.code(0b00, 2); // code length 1
        // Distance code lengths: code 0 (distance 1) 1, code 29 (distances 24,577-32,768) 1; so 0=0, 29=1.
        bits.code(0b00, 2);
        zeros(bits, 28);
        bits.code(0b00, 2);
        long opened;
        if (opening == Opening.LITERAL) {
            bits.code(0b10, 2); // the literal 'a'
            opened = 1;
        } else {
            bits.code(0b0, 1); // length 258
            bits.code(0b1, 1); // distance code 29 ...
            bits.write(WINDOW - 24_577, 13); // ... plus 8,191: 32,768 back
            opened = MATCH;
        }
        int padding = (8 - bits.count % 8) % 8; // zero bits: the body's first halves of matches
        boolean oddStart = bits.count % 2 == 1;
        byte[] start = bits.bytes();
        long perMessage = opened + (padding / 2) * (long) MATCH;
        long needed = Math.max(0, atLeast + 1 - perMessage);
        long zeroBytes = (needed + PER_ZERO_BYTE - 1) / PER_ZERO_BYTE;
        if (zeroBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a bomb past " + atLeast + " bytes is too large to send");
        }
        Bits end = new Bits();
        long matches = (padding + 8 * zeroBytes) / 2;
        if (oddStart) {
            end.code(0b0, 1); // the last zero bit was a length 258: its distance 1 follows
            matches++;
        }
        end.code(0b11, 2); // end of block
        end.write(0, 3); // BFINAL 0, BTYPE 00: a stored block; the receiver appends its LEN 0000, NLEN ffff
        return new CompressionBomb(start, (int) zeroBytes, end.bytes(), opened + matches * MATCH);
    }

    /**
     * Returns the message a {@link Opening#FROM_WINDOW} bomb follows: 32 KiB of text, exactly the window, so
     * 32,768 back from the bomb's first byte is the primer's first byte.
     */
    static Payload primer() {
        byte[] line = "The window is the last 32 KiB a receiver inflated. ".getBytes(StandardCharsets.US_ASCII);
        return Payload.of(Cases.repeat(line, WINDOW));
    }

    /** Writes a run of {@code count} zero code lengths with symbols 17 (3-10) and 18 (11-138). */
    private static void zeros(Bits bits, int count) {
        int left = count;
        while (left > 0) {
            if (left >= 11) {
                int run = Math.min(left, 138);
                bits.code(0b11, 2);
                bits.write(run - 11, 7);
                left -= run;
            } else if (left >= 3) {
                bits.code(0b10, 2);
                bits.write(left - 3, 3);
                left = 0;
            } else {
                throw new IllegalStateException("a run of " + left + " zeros has no code here");
            }
        }
    }

    /** Returns the whole payload, as sent in one frame. */
    byte[] payload() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(start.length + zeroBytes + end.length);
        out.writeBytes(start);
        out.writeBytes(new byte[zeroBytes]);
        out.writeBytes(end);
        return out.toByteArray();
    }

    /** Returns how many bytes the payload has on the wire. */
    long wireSize() {
        return start.length + (long) zeroBytes + end.length;
    }

    /** Bits packed as DEFLATE packs them: from each byte's least significant bit up (RFC 1951 §3.1.1). */
    private static final class Bits {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int count;

        /** Writes {@code length} bits of a number, least significant first (header fields, extra bits). */
        void write(int value, int length) {
            for (int i = 0; i < length; i++) {
                bit((value >>> i) & 1);
            }
        }

        /** Writes a Huffman code, most significant bit first (§3.1.1). */
        void code(int code, int length) {
            for (int i = length - 1; i >= 0; i--) {
                bit((code >>> i) & 1);
            }
        }

        private void bit(int bit) {
            current |= bit << (count % 8);
            count++;
            if (count % 8 == 0) {
                out.write(current);
                current = 0;
            }
        }

        /** Returns the bytes, the last one padded with zero bits. */
        byte[] bytes() {
            byte[] whole = out.toByteArray();
            if (count % 8 == 0) {
                return whole;
            }
            byte[] padded = java.util.Arrays.copyOf(whole, whole.length + 1);
            padded[whole.length] = (byte) current;
            return padded;
        }
    }
}
