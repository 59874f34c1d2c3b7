package dev.wslab.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Masking (RFC 6455 §5.3)")
class MaskingTest {

    /** The key of the masked examples of §5.7: 37 fa 21 3d. */
    static final int EXAMPLE_KEY = 0x37fa213d;
    /** The payload of §5.7's "single-frame masked text message", "Hello" masked with that key. */
    static final byte[] MASKED_HELLO = hex("7f 9f 4d 51 58"); // "Hello" masked with key 37fa213d

    static byte[] hex(String spaced) {
        return HexFormat.ofDelimiter(" ").parseHex(spaced);
    }

    // tag::rfc-example[]
    @Nested
    @DisplayName("§5.7 the masked \"Hello\" example")
    class Example {

        @Test
        @DisplayName("unmasking 7f 9f 4d 51 58 with key 37 fa 21 3d gives \"Hello\"")
        void unmask() {
            byte[] payload = MASKED_HELLO.clone();
            Masking.apply(payload, 0, payload.length, EXAMPLE_KEY, 0);
            assertThat(new String(payload, StandardCharsets.US_ASCII)).isEqualTo("Hello");
        }

        @Test
        @DisplayName("masking \"Hello\" with key 37 fa 21 3d gives 7f 9f 4d 51 58")
        void mask() {
            byte[] payload = "Hello".getBytes(StandardCharsets.US_ASCII);
            Masking.apply(payload, 0, payload.length, EXAMPLE_KEY, 0);
            assertThat(payload).isEqualTo(MASKED_HELLO);
        }
    }
    // end::rfc-example[]

    @Nested
    @DisplayName("§5.3 octet i is XORed with key octet i MOD 4")
    class KeyOctets {

        @Test
        @DisplayName("masking zeros writes out the key octets in wire order, repeated")
        void zerosShowTheKey() {
            byte[] zeros = new byte[11];
            Masking.apply(zeros, 0, zeros.length, EXAMPLE_KEY, 0);
            assertThat(zeros).isEqualTo(hex("37 fa 21 3d 37 fa 21 3d 37 fa 21")); // the key octets from octet 0, 11 bytes
        }

        @Test
        @DisplayName("keyOffset is the index of the first byte within the payload: its octet is keyOffset MOD 4")
        void keyOffset() {
            byte[] zeros = new byte[9];
            Masking.apply(zeros, 0, zeros.length, EXAMPLE_KEY, 1);
            assertThat(zeros).isEqualTo(hex("fa 21 3d 37 fa 21 3d 37 fa")); // the key octets from octet 1, 9 bytes

            byte[] farIn = new byte[3];
            Masking.apply(farIn, 0, farIn.length, EXAMPLE_KEY, (1L << 40) + 3);
            assertThat(farIn).as("an offset beyond 2^32").isEqualTo(hex("3d 37 fa")); // key octets 3, 0, 1: (2^40 + 3) MOD 4 = 3
        }

        @Test
        @DisplayName("bytes outside [from, to) are not touched, and data[from] is payload octet keyOffset")
        void onlyTheRange() {
            byte[] data = new byte[20];
            Masking.apply(data, 3, 17, EXAMPLE_KEY, 0);
            assertThat(data).isEqualTo(hex("00 00 00 37 fa 21 3d 37 fa 21 3d 37 fa 21 3d 37 fa 00 00 00")); // 3 zeros untouched, the key octets over bytes 3..16, 3 zeros untouched
        }
    }

    @Nested
    @DisplayName("§5.3 the same algorithm masks and unmasks")
    class Involution {

        @Test
        @DisplayName("applying the mask twice restores the data")
        void twiceIsIdentity() {
            byte[] original = "a payload a little longer than two 8-byte words, with ünïcödé".getBytes(StandardCharsets.UTF_8);
            byte[] data = original.clone();
            Masking.apply(data, 0, data.length, 0xcafebabe, 5);
            assertThat(data).isNotEqualTo(original);
            Masking.apply(data, 0, data.length, 0xcafebabe, 5);
            assertThat(data).isEqualTo(original);
        }

        @Test
        @DisplayName("unmasking a payload piece by piece, as it arrives, equals unmasking it whole")
        void piecewise() {
            byte[] whole = MASKED_HELLO.clone();
            Masking.apply(whole, 0, 5, EXAMPLE_KEY, 0);

            byte[] first = hex("7f 9f"); // "He" masked, payload octets 0-1
            byte[] rest = hex("4d 51 58"); // "llo" masked, payload octets 2-4
            Masking.apply(first, 0, 2, EXAMPLE_KEY, 0);
            Masking.apply(rest, 0, 3, EXAMPLE_KEY, 2);

            assertThat(new String(first, StandardCharsets.US_ASCII) + new String(rest, StandardCharsets.US_ASCII))
                    .isEqualTo(new String(whole, StandardCharsets.US_ASCII))
                    .isEqualTo("Hello");
        }
    }

    @Nested
    @DisplayName("arguments")
    class Arguments {

        @Test
        @DisplayName("a range outside the array and a negative keyOffset are refused")
        void refused() {
            byte[] data = new byte[8];
            assertThatThrownBy(() -> Masking.apply(data, 4, 9, EXAMPLE_KEY, 0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> Masking.apply(data, 5, 4, EXAMPLE_KEY, 0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> Masking.apply(data, 0, 8, EXAMPLE_KEY, -1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("an empty range changes nothing")
        void empty() {
            byte[] data = hex("01 02"); // two bytes; an empty range leaves them as they are
            Masking.apply(data, 1, 1, EXAMPLE_KEY, 0);
            assertThat(data).isEqualTo(hex("01 02")); // two bytes; an empty range leaves them as they are
        }
    }
}
