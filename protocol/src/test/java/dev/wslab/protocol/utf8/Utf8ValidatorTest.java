package dev.wslab.protocol.utf8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Utf8Validator: text messages are UTF-8 (RFC 6455 §5.6, §8.1; RFC 3629 §4)")
class Utf8ValidatorTest {

    /** Parses "E2 82 AC" into bytes. */
    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    /** Feeds the bytes whole and returns the index of the first invalid byte, or -1. */
    static int firstInvalidByte(String spaced) {
        byte[] bytes = hex(spaced);
        return new Utf8Validator().validate(bytes, 0, bytes.length);
    }

    @Nested
    @DisplayName("§5.6 well-formed UTF-8 is accepted")
    class WellFormed {

        @ParameterizedTest(name = "{0} = {1}")
        @CsvSource({
            "U+0000,   00",
            "U+007F,   7F",           // last 1-byte
            "U+0080,   C2 80",        // first 2-byte
            "U+07FF,   DF BF",        // last 2-byte
            "U+0800,   E0 A0 80",     // first 3-byte
            "U+D7FF,   ED 9F BF",     // just below the surrogates
            "U+E000,   EE 80 80",     // just above the surrogates
            "U+FFFF,   EF BF BF",     // last 3-byte
            "U+10000,  F0 90 80 80",  // first 4-byte
            "U+10FFFF, F4 8F BF BF",  // the last code point
        })
        @DisplayName("the boundaries of each sequence length")
        void boundaries(String codePoint, String encoded) {
            int value = Integer.parseInt(codePoint.substring(2), 16);
            assertThat(hex(encoded)).isEqualTo(Character.toString(value).getBytes(StandardCharsets.UTF_8));
            assertThat(Utf8Validator.isValid(hex(encoded))).isTrue();
        }

        @Test
        @DisplayName("1- to 4-byte characters mixed, including in the 64-byte blocks of the fast path")
        void mixedText() {
            String text = "Hello, wörld! Привет, мир! 你好，世界！ 👋🌍 ".repeat(20);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThat(Utf8Validator.isValid(bytes)).isTrue();
        }

        @Test
        @DisplayName("an empty message is valid text")
        void empty() {
            assertThat(Utf8Validator.isValid(new byte[0])).isTrue();
        }
    }

    @Nested
    @DisplayName("§8.1 invalid UTF-8 is reported at the first byte that makes it invalid")
    class IllFormed {

        @ParameterizedTest(name = "{0}: {1} fails at index {2}")
        @CsvSource({
            "a continuation byte with no lead byte,        80,                0",
            "a continuation byte after a character,        41 BF,             1",
            "a continuation byte too many,                 C3 A9 80,          2",
            "C0 (only starts overlong forms),              C0 80,             0",
            "C1 (only starts overlong forms),              C1 BF,             0",
            "an overlong 3-byte form of U+0000,            E0 80 80,          1",
            "an overlong 3-byte form of U+07FF,            E0 9F BF,          1",
            "an overlong 4-byte form of U+0000,            F0 80 80 80,       1",
            "an overlong 4-byte form of U+FFFF,            F0 8F BF BF,       1",
            "the first surrogate U+D800,                   ED A0 80,          1",
            "the last surrogate U+DFFF,                    ED BF BF,          1",
            "a surrogate pair encoded separately (CESU-8), ED A0 BD ED B2 A9, 1",
            "U+110000 above the last code point,           F4 90 80 80,       1",
            "F5 (would start U+140000),                    F5 80 80 80,       0",
            "F7,                                           F7 BF BF BF,       0",
            "F8 (an old 5-byte form),                      F8 88 80 80 80,    0",
            "FC (an old 6-byte form),                      FC 84 80 80 80 80, 0",
            "FE,                                           FE,                0",
            "FF,                                           FF,                0",
            "a 2-byte sequence cut by ASCII,               C3 41,             1",
            "a 3-byte sequence cut by ASCII,               E2 82 41,          2",
            "a 4-byte sequence cut by ASCII,               F0 9F 98 41,       3",
            "a 3-byte sequence cut by a new lead byte,     E2 82 E2 82 AC,    2",
            "a surrogate after valid text,                 48 65 6C 6C 6F ED A0 80, 6",
        })
        @DisplayName("each kind of ill-formed input")
        void illFormed(String kind, String input, int expectedIndex) {
            assertThat(firstInvalidByte(input)).as(kind).isEqualTo(expectedIndex);
            assertThat(Utf8Validator.isValid(hex(input))).isFalse();
        }

        @Test
        @DisplayName("the index is within the array, and bytes before 'from' are not read")
        void indexIsAbsolute() {
            byte[] bytes = hex("FF FF 41 42 C0 FF"); // FF FF (never UTF-8), "AB", C0 (never UTF-8), FF
            Utf8Validator validator = new Utf8Validator();

            assertThat(validator.validate(bytes, 2, 5)).isEqualTo(4);
        }

        @Test
        @DisplayName("an invalid byte right after any number of ASCII bytes (the 8-byte fast path)")
        void afterAscii() {
            for (int asciiLength = 0; asciiLength <= 300; asciiLength++) {
                byte[] bytes = new byte[asciiLength + 10];
                Arrays.fill(bytes, (byte) 'a');
                bytes[asciiLength] = (byte) 0x80;
                assertThat(new Utf8Validator().validate(bytes, 0, bytes.length)).isEqualTo(asciiLength);
            }
        }

        @Test
        @DisplayName("ASCII where a continuation byte is due fails at the first ASCII byte, however long the run")
        void asciiInsideASequence() {
            byte[] bytes = new byte[100];
            Arrays.fill(bytes, (byte) 'a');
            bytes[0] = (byte) 0xE2;
            assertThat(new Utf8Validator().validate(bytes, 0, bytes.length)).isEqualTo(1);
        }

        @Test
        @DisplayName("ASCII after a sequence begun at any position fails at the first ASCII byte (the fast path must not skip it)")
        void asciiAfterASequenceBegunAnywhere() {
            for (int lead = 2; lead < 200; lead++) {
                byte[] bytes = new byte[lead + 41];
                Arrays.fill(bytes, (byte) 'a');
                bytes[0] = (byte) 0xC3;                 // é, so that the text does not start as ASCII
                bytes[1] = (byte) 0xA9;
                bytes[lead] = (byte) 0xE2;              // starts a 3-byte sequence that ASCII then cuts
                assertThat(new Utf8Validator().validate(bytes, 0, bytes.length)).as("E2 at %d", lead).isEqualTo(lead + 1);
            }
        }

        @Test
        @DisplayName("an invalid byte deep inside multi-byte text is found exactly")
        void deepInsideMultiByteText() {
            byte[] text = "жжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжжж".getBytes(StandardCharsets.UTF_8);
            for (int at = 0; at < text.length; at++) {
                byte[] broken = text.clone();
                broken[at] = (byte) 0xFF;
                assertThat(new Utf8Validator().validate(broken, 0, broken.length)).isEqualTo(at);
            }
        }
    }

    @Nested
    @DisplayName("fail fast: a prefix that no continuation can make valid fails at once")
    class FailFast {

        // F4 90: above U+10FFFF; ED A0: a surrogate; E0 80, F0 80, F0 8F: overlong forms
        @ParameterizedTest(name = "{0} fails at index 1 before the rest arrives")
        @CsvSource({"F4 90", "ED A0", "E0 80", "F0 80", "F0 8F"})
        void insideASequence(String prefix) {
            assertThat(firstInvalidByte(prefix)).isEqualTo(1);
        }

        @Test
        @DisplayName("F4 in one frame and 90 in the next fails at the 90, index 0 of the second piece")
        void acrossCalls() {
            Utf8Validator validator = new Utf8Validator();

            assertThat(validator.validate(hex("41 F4"), 0, 2)).isEqualTo(Utf8Validator.NO_INVALID_BYTE); // "A", then F4, which starts a 4-byte sequence
            assertThat(validator.validate(hex("90 80 80"), 0, 3)).isEqualTo(0); // F4 90 would be above U+10FFFF
            assertThat(validator.hasFailed()).isTrue();
        }
    }

    @Nested
    @DisplayName("§5.4 a character may be split between fragments, but a message may not end inside one")
    class Fragments {

        @Test
        @DisplayName("every split of a text into two pieces validates as the whole does")
        void splitAnywhere() {
            byte[] bytes = "aé€😀z".getBytes(StandardCharsets.UTF_8);
            for (int cut = 0; cut <= bytes.length; cut++) {
                Utf8Validator validator = new Utf8Validator();
                assertThat(validator.validate(bytes, 0, cut)).isEqualTo(Utf8Validator.NO_INVALID_BYTE);
                assertThat(validator.validate(bytes, cut, bytes.length)).isEqualTo(Utf8Validator.NO_INVALID_BYTE);
                assertThat(validator.finish()).as("split at %d", cut).isTrue();
            }
        }

        @Test
        @DisplayName("a 4-byte character fed one byte at a time is complete only after its last byte")
        void oneByteAtATime() {
            byte[] grinning = hex("F0 9F 98 80"); // U+1F600, a grinning face
            Utf8Validator validator = new Utf8Validator();
            for (int i = 0; i < 4; i++) {
                assertThat(validator.isAtCharacterBoundary()).isEqualTo(i == 0);
                assertThat(validator.validate(grinning, i, i + 1)).isEqualTo(Utf8Validator.NO_INVALID_BYTE);
            }
            assertThat(validator.isAtCharacterBoundary()).isTrue();
        }

        @ParameterizedTest(name = "{0} at the end of the message")
        // C3, E2 82, F0 9F 98: a 2-, 3- and 4-byte character without its last byte; 41 F4: "A", then a lead byte
        @CsvSource({"C3", "E2 82", "F0 9F 98", "41 F4"})
        @DisplayName("a sequence left unfinished at the end of the message is invalid")
        void unfinishedAtEnd(String input) {
            Utf8Validator validator = new Utf8Validator();
            byte[] bytes = hex(input);

            assertThat(validator.validate(bytes, 0, bytes.length)).isEqualTo(Utf8Validator.NO_INVALID_BYTE);
            assertThat(validator.isAtCharacterBoundary()).isFalse();
            assertThat(validator.finish()).isFalse();
            assertThat(Utf8Validator.isValid(bytes)).isFalse();
        }
    }

    @Nested
    @DisplayName("one validator serves message after message")
    class Lifecycle {

        @Test
        @DisplayName("after a failure it refuses more input until reset")
        void staysFailed() {
            Utf8Validator validator = new Utf8Validator();
            validator.validate(hex("C0"), 0, 1); // never valid: C0 only starts overlong forms

            assertThat(validator.hasFailed()).isTrue();
            assertThat(validator.isAtCharacterBoundary()).isFalse();
            assertThatThrownBy(() -> validator.validate(hex("41"), 0, 1)).isInstanceOf(IllegalStateException.class); // "A"

            validator.reset();
            assertThat(validator.validate(hex("41"), 0, 1)).isEqualTo(Utf8Validator.NO_INVALID_BYTE); // "A"
        }

        @Test
        @DisplayName("finish() ends the message: an unfinished sequence does not leak into the next one")
        void finishResets() {
            Utf8Validator validator = new Utf8Validator();
            validator.validate(hex("E2 82"), 0, 2); // "€" (E2 82 AC) without its last byte

            assertThat(validator.finish()).isFalse();
            assertThat(validator.validate(hex("AC"), 0, 1)).as("a stray continuation in a new message").isEqualTo(0); // a continuation byte with no lead byte
        }
    }
}
