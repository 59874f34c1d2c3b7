package dev.wslab.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The word-at-a-time {@link Masking} must equal the RFC's byte loop for every start offset in the
 * array, every length and every key offset. A failure prints QuickTheories' seed; to rerun with it,
 * replace {@link #SEED}.
 */
@DisplayName("Masking properties (RFC 6455 §5.3)")
class MaskingPropertiesTest {

    private static final long SEED = 0x5EED_5003L;
    private static final int EXAMPLES = 3000;
    private static final byte SENTINEL = (byte) 0xA5;

    // tag::byte-loop[]
    /** RFC 6455 §5.3 as written: j = i MOD 4; transformed-octet-i = original-octet-i XOR masking-key-octet-j. */
    static void referenceMask(byte[] data, int from, int to, int maskingKey, long keyOffset) {
        for (int k = from; k < to; k++) {
            long i = keyOffset + (k - from);
            int j = (int) (i % 4);
            byte maskingKeyOctet = (byte) (maskingKey >>> (24 - 8 * j));
            data[k] = (byte) (data[k] ^ maskingKeyOctet);
        }
    }
    // end::byte-loop[]

    private static QuickTheory theory() {
        return qt().withFixedSeed(SEED).withExamples(EXAMPLES);
    }

    static Gen<byte[]> payloads() {
        return Generate.byteArrays(integers().between(0, 300), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    static Gen<Long> keyOffsets() {
        return longs().between(0, 1L << 40);
    }

    /** Copies the payload to {@code offset} in a larger array filled with a sentinel. */
    static byte[] placeAt(byte[] payload, int offset) {
        byte[] data = new byte[offset + payload.length + 9];
        Arrays.fill(data, SENTINEL);
        System.arraycopy(payload, 0, data, offset, payload.length);
        return data;
    }

    @Test
    @DisplayName("equals the byte loop at every array offset 0..15, length 0..300 and key offset")
    void equalsTheByteLoop() {
        theory().forAll(payloads(), integers().between(0, 15), integers().all(), keyOffsets())
                .checkAssert((payload, offset, key, keyOffset) -> {
                    byte[] fast = placeAt(payload, offset);
                    byte[] reference = fast.clone();

                    Masking.apply(fast, offset, offset + payload.length, key, keyOffset);
                    referenceMask(reference, offset, offset + payload.length, key, keyOffset);

                    assertThat(fast).isEqualTo(reference);
                });
    }

    @Test
    @DisplayName("unmasking in two pieces, the second at keyOffset + length of the first, equals unmasking whole")
    void piecewiseEqualsWhole() {
        theory().forAll(payloads(), integers().between(0, 300), integers().all(), keyOffsets())
                .checkAssert((payload, cut, key, keyOffset) -> {
                    int split = Math.min(cut, payload.length);
                    byte[] whole = payload.clone();
                    Masking.apply(whole, 0, whole.length, key, keyOffset);

                    byte[] first = Arrays.copyOfRange(payload, 0, split);
                    byte[] second = Arrays.copyOfRange(payload, split, payload.length);
                    Masking.apply(first, 0, first.length, key, keyOffset);
                    Masking.apply(second, 0, second.length, key, keyOffset + split);

                    byte[] joined = Arrays.copyOf(first, payload.length);
                    System.arraycopy(second, 0, joined, split, second.length);
                    assertThat(joined).isEqualTo(whole);
                });
    }
}
