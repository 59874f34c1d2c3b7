package dev.wslab.conformance.deflate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the compressed messages of one direction of a permessage-deflate connection as a DEFLATE stream
 * (RFC 1951), not to inflate them, but to see what {@link java.util.zip.Inflater} does not show: how far
 * back each back-reference reaches. That tells whether a peer kept to the window it agreed to
 * ({@code *_max_window_bits}, RFC 7692 §7.1.2) and whether it referred to earlier messages after agreeing
 * to {@code *_no_context_takeover} (§7.1.1).
 *
 * <p>One reader per direction, fed the messages in order; it counts bytes and keeps no window.
 */
public final class DeflateStreamReader {

    /** RFC 7692 §7.2.2: the receiver appends what the sender removed. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    /** RFC 1951 §3.2.5: the base length and extra bits of length codes 257 to 285. */
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
            59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
            5, 5, 5, 5, 0};
    /** RFC 1951 §3.2.5: the base distance and extra bits of distance codes 0 to 29. */
    private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
            513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DISTANCE_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
            10, 11, 11, 12, 12, 13, 13};
    /** RFC 1951 §3.2.7: the order in which the code length code's lengths are written. */
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    private static final HuffmanCode FIXED_LITERALS;
    private static final HuffmanCode FIXED_DISTANCES;

    static {
        // RFC 1951 §3.2.6: the fixed code's lengths.
        int[] literals = new int[288];
        Arrays.fill(literals, 0, 144, 8);
        Arrays.fill(literals, 144, 256, 9);
        Arrays.fill(literals, 256, 280, 7);
        Arrays.fill(literals, 280, 288, 8);
        FIXED_LITERALS = new HuffmanCode(literals);
        int[] distances = new int[30];
        Arrays.fill(distances, 5);
        FIXED_DISTANCES = new HuffmanCode(distances);
    }

    /** The kinds of DEFLATE block (RFC 1951 §3.2.3, BTYPE). */
    public enum BlockType { STORED, FIXED_HUFFMAN, DYNAMIC_HUFFMAN }

    /** Whether a message's back-references stay inside the message. */
    public enum ContextUse { SELF_CONTAINED, REFERS_TO_EARLIER_MESSAGES }

    /**
     * What one message's compressed payload holds.
     *
     * @param inflatedLength  the bytes it inflates to
     * @param longestDistance the farthest back-reference, in bytes; 0 when there is none
     * @param contextUse      whether some back-reference reaches before the message's first byte
     * @param blocks          the blocks, in order
     * @param finalBlock      whether a block had BFINAL set (the stream then ends with this message)
     */
    public record MessageFacts(long inflatedLength, int longestDistance, ContextUse contextUse,
                               List<BlockType> blocks, boolean finalBlock) {
        public MessageFacts {
            blocks = List.copyOf(blocks);
        }

        /** Tells whether every back-reference fits a window of 2^bits bytes. */
        public boolean fitsWindow(int bits) {
            return longestDistance <= (1 << bits);
        }
    }

    /** What reading a message gave. */
    public sealed interface Reading {
        record Read(MessageFacts facts) implements Reading { }

        record Malformed(String problem) implements Reading { }
    }

    /** The bytes of earlier messages a back-reference may reach: the stream so far (none after a final block). */
    private long history;

    /** Reads one message's payload (as sent: the tail removed) and returns what it holds. */
    public Reading readMessage(byte[] payload) {
        byte[] stream = Arrays.copyOf(payload, payload.length + TAIL.length);
        System.arraycopy(TAIL, 0, stream, payload.length, TAIL.length);
        BitReader in = new BitReader(stream);
        Counter counter = new Counter();
        List<BlockType> blocks = new ArrayList<>();
        boolean finalBlock = false;
        try {
            while (!finalBlock && !in.atEnd()) {
                finalBlock = in.bit() == 1;
                BlockType type = switch (in.bits(2)) {
                    case 0 -> BlockType.STORED;
                    case 1 -> BlockType.FIXED_HUFFMAN;
                    case 2 -> BlockType.DYNAMIC_HUFFMAN;
                    default -> throw new Malformed("block type 11, which DEFLATE reserves (RFC 1951 §3.2.3)");
                };
                blocks.add(type);
                switch (type) {
                    case STORED -> storedBlock(in, counter);
                    case FIXED_HUFFMAN -> huffmanBlock(in, FIXED_LITERALS, FIXED_DISTANCES, counter);
                    case DYNAMIC_HUFFMAN -> dynamicBlock(in, counter);
                }
            }
        } catch (BitReader.EndOfInput | Malformed e) {
            return new Reading.Malformed(e.getMessage());
        }
        history = finalBlock ? 0 : history + counter.produced;
        return new Reading.Read(new MessageFacts(counter.produced, counter.longestDistance,
                counter.reachedBack ? ContextUse.REFERS_TO_EARLIER_MESSAGES : ContextUse.SELF_CONTAINED,
                blocks, finalBlock));
    }

    /** Counts what a message produces and how far back it refers. */
    private final class Counter {
        long produced;
        int longestDistance;
        boolean reachedBack;

        void literal() {
            produced++;
        }

        void copy(int length, int distance) throws Malformed {
            if (distance > produced + history) {
                throw new Malformed("a back-reference of " + distance + " bytes reaches before the stream's start");
            }
            longestDistance = Math.max(longestDistance, distance);
            reachedBack |= distance > produced;
            produced += length;
        }
    }

    private static void storedBlock(BitReader in, Counter counter) throws BitReader.EndOfInput, Malformed {
        in.alignToByte();
        int length = in.byteValue() | in.byteValue() << 8;
        int complement = in.byteValue() | in.byteValue() << 8;
        if ((length ^ 0xffff) != complement) {
            throw new Malformed("a stored block's LEN and NLEN do not match (RFC 1951 §3.2.4)");
        }
        in.skipBytes(length);
        counter.produced += length;
    }

    private static void huffmanBlock(BitReader in, HuffmanCode literals, HuffmanCode distances, Counter counter)
            throws BitReader.EndOfInput, Malformed {
        while (true) {
            int symbol = literals.decode(in);
            if (symbol < 0 || symbol > 285) {
                throw new Malformed("an invalid literal/length code (RFC 1951 §3.2.5)");
            }
            if (symbol < 256) {
                counter.literal();
            } else if (symbol == 256) {
                return; // end of block
            } else {
                int index = symbol - 257;
                int length = LENGTH_BASE[index] + in.bits(LENGTH_EXTRA[index]);
                int code = distances.decode(in);
                if (code < 0 || code > 29) {
                    throw new Malformed("an invalid distance code (RFC 1951 §3.2.5)");
                }
                counter.copy(length, DISTANCE_BASE[code] + in.bits(DISTANCE_EXTRA[code]));
            }
        }
    }

    private static void dynamicBlock(BitReader in, Counter counter) throws BitReader.EndOfInput, Malformed {
        // RFC 1951 §3.2.7
        int literalCount = in.bits(5) + 257;
        int distanceCount = in.bits(5) + 1;
        int codeLengthCount = in.bits(4) + 4;
        int[] codeLengthLengths = new int[19];
        for (int i = 0; i < codeLengthCount; i++) {
            codeLengthLengths[CODE_LENGTH_ORDER[i]] = in.bits(3);
        }
        HuffmanCode codeLengths = new HuffmanCode(codeLengthLengths);
        int[] lengths = new int[literalCount + distanceCount];
        int i = 0;
        while (i < lengths.length) {
            int symbol = codeLengths.decode(in);
            int repeat;
            int value;
            switch (symbol) {
                case 16 -> {
                    if (i == 0) {
                        throw new Malformed("a repeat of the previous code length with none before it");
                    }
                    value = lengths[i - 1];
                    repeat = 3 + in.bits(2);
                }
                case 17 -> {
                    value = 0;
                    repeat = 3 + in.bits(3);
                }
                case 18 -> {
                    value = 0;
                    repeat = 11 + in.bits(7);
                }
                default -> {
                    if (symbol < 0) {
                        throw new Malformed("an invalid code length code");
                    }
                    value = symbol;
                    repeat = 1;
                }
            }
            if (i + repeat > lengths.length) {
                throw new Malformed("code lengths run past the table");
            }
            Arrays.fill(lengths, i, i + repeat, value);
            i += repeat;
        }
        huffmanBlock(in, new HuffmanCode(Arrays.copyOfRange(lengths, 0, literalCount)),
                new HuffmanCode(Arrays.copyOfRange(lengths, literalCount, lengths.length)), counter);
    }

    /** Ends the reading of a malformed stream, turned into {@link Reading.Malformed} by {@link #readMessage}. */
    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String problem) {
            super(problem, null, false, false);
        }
    }
}
