package dev.wslab.cli;

import java.util.HexFormat;

/** HexInput reads bytes written as hex digits, with or without spaces, colons or a 0x prefix per byte. */
final class HexInput {

    private HexInput() {
    }

    /**
     * Parses the words as one sequence of hex bytes: {@code "81 05"}, {@code "8105"}, {@code "0x81 0x05"}
     * and {@code "81:05"} all mean the same two bytes.
     *
     * @throws IllegalArgumentException with a one-line explanation when the input is not hex bytes
     */
    static byte[] parse(String... words) {
        StringBuilder digits = new StringBuilder();
        for (String word : words) {
            for (String piece : word.split("[\\s:,]+")) {
                String trimmed = piece.startsWith("0x") || piece.startsWith("0X") ? piece.substring(2) : piece;
                digits.append(trimmed);
            }
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("'" + digits.charAt(i) + "' is not a hex digit (expected bytes like '81 05 48 65')");
            }
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("an odd number of hex digits (" + digits.length() + "): each byte takes two");
        }
        return HexFormat.of().parseHex(digits);
    }
}
