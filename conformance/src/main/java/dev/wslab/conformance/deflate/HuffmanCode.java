package dev.wslab.conformance.deflate;

/**
 * A canonical Huffman code (RFC 1951 §3.2.2), given by the code length of each symbol, decoded one bit
 * at a time: slow and plain, which is all a suite that reads a few messages needs.
 */
final class HuffmanCode {

    private static final int MAX_BITS = 15;

    /** How many codes there are of each length. */
    private final int[] countPerLength = new int[MAX_BITS + 1];
    /** The symbols, ordered by code length, then by symbol value: the canonical order. */
    private final int[] symbols;

    HuffmanCode(int[] codeLengths) {
        for (int length : codeLengths) {
            countPerLength[length]++;
        }
        countPerLength[0] = 0;
        int[] offsets = new int[MAX_BITS + 2];
        for (int length = 1; length <= MAX_BITS; length++) {
            offsets[length + 1] = offsets[length] + countPerLength[length];
        }
        symbols = new int[offsets[MAX_BITS + 1]];
        for (int symbol = 0; symbol < codeLengths.length; symbol++) {
            if (codeLengths[symbol] != 0) {
                symbols[offsets[codeLengths[symbol]]++] = symbol;
            }
        }
    }

    /** Reads one symbol; returns -1 for a bit sequence that is no code of this table. */
    int decode(BitReader in) throws BitReader.EndOfInput {
        int code = 0;   // the bits read so far
        int first = 0;  // the first code of the current length
        int index = 0;  // the index of the first symbol of the current length in symbols
        for (int length = 1; length <= MAX_BITS; length++) {
            code |= in.bit();
            int count = countPerLength[length];
            if (code - first < count) {
                return symbols[index + (code - first)];
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        return -1;
    }
}
