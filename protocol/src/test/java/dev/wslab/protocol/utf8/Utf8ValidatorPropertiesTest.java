package dev.wslab.protocol.utf8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the validator on arbitrary bytes. A quarter of the inputs are valid text (encoded code
 * points, up to about 250 bytes so that the 64-byte blocks of the fast path are crossed), a quarter the
 * same with one byte changed, inserted, deleted or cut off, a quarter two texts around 1-4 bytes picked
 * from where UTF-8 has edges (ED A0, F4 90, E0 80, C0, ...), and a quarter random bytes biased the same way. A failure prints QuickTheories' seed; to rerun with it, replace
 * {@link #SEED}.
 */
@DisplayName("Utf8Validator properties (RFC 6455 §8.1)")
class Utf8ValidatorPropertiesTest {

    private static final long SEED = 0x5EED_8001L;
    private static final int EXAMPLES = 3000;
    private static final int PADDING = 3;

    /** What a whole input turned out to be: invalid at a byte, or valid but unfinished, or valid. */
    record Verdict(int firstInvalidByte, boolean complete) {
        static final Verdict VALID = new Verdict(-1, true);
        static final Verdict UNFINISHED = new Verdict(-1, false);

        static Verdict invalidAt(int index) {
            return new Verdict(index, false);
        }
    }

    private static QuickTheory theory() {
        return qt().withFixedSeed(SEED).withExamples(EXAMPLES);
    }

    @Test
    @DisplayName("valid exactly when the JDK's strict UTF-8 decoder decodes without error")
    void agreesWithTheJdk() {
        AtomicInteger valid = new AtomicInteger();
        AtomicInteger invalid = new AtomicInteger();
        theory().forAll(inputs()).checkAssert(bytes -> {
            boolean ours = validateWhole(bytes).equals(Verdict.VALID);
            assertThat(ours).as("valid per wslab vs the JDK").isEqualTo(jdkMalformed(bytes) == null);
            (ours ? valid : invalid).incrementAndGet();
        });
        assertThat(valid.get()).as("the generator makes valid inputs too").isGreaterThan(EXAMPLES / 5);
        assertThat(invalid.get()).as("the generator makes invalid inputs too").isGreaterThan(EXAMPLES / 5);
    }

    @Test
    @DisplayName("the invalid byte reported lies in the malformed sequence the JDK reports, or just after it")
    void failsWhereTheJdkDoes() {
        // CharsetDecoder reports where the malformed sequence starts and how long it is, not the byte
        // that made it malformed: for E1 80 41 it says "2 bytes at 0", the culprit is 41 at index 2,
        // and it reports a surrogate ED A0 80 as 3 bytes where ED A0 is already invalid. So it bounds
        // the answer: nothing before the sequence is invalid, and the culprit is at most one past it.
        theory().forAll(inputs()).checkAssert(bytes -> {
            Pair<Integer, Integer> malformed = jdkMalformed(bytes);
            Verdict ours = validateWhole(bytes);
            if (malformed == null) {
                assertThat(ours).isEqualTo(Verdict.VALID);
            } else if (ours.equals(Verdict.UNFINISHED)) {
                assertThat(malformed._1 + malformed._2).as("the JDK's malformed sequence is the tail").isEqualTo(bytes.length);
            } else {
                assertThat(ours.firstInvalidByte()).isBetween(malformed._1, malformed._1 + malformed._2);
            }
        });
    }

    @Test
    @DisplayName("the verdict and index equal a direct reading of Unicode Table 3-7")
    void agreesWithTheTable() {
        theory().forAll(inputs()).checkAssert(bytes ->
                assertThat(validateWhole(bytes)).isEqualTo(referenceVerdict(bytes)));
    }

    @Test
    @DisplayName("split into up to 3 pieces anywhere, fed one after another, gives the verdict of the whole")
    void splitAnywhere() {
        theory().forAll(inputs(), integers().between(0, 200), integers().between(0, 200)).checkAssert((bytes, a, b) -> {
            int first = Math.min(a, b) % (bytes.length + 1);
            int second = Math.max(first, Math.max(a, b) % (bytes.length + 1));
            assertThat(validateInPieces(bytes, first, second)).isEqualTo(validateWhole(bytes));
        });
    }

    // ---- the three ways of judging an input ----

    static Verdict validateWhole(byte[] bytes) {
        return validateInPieces(bytes);
    }

    /** Feeds the pieces cut at {@code cuts}, each copied into its own array between invalid padding. */
    static Verdict validateInPieces(byte[] bytes, int... cuts) {
        Utf8Validator validator = new Utf8Validator();
        int[] ends = Arrays.copyOf(cuts, cuts.length + 1);
        ends[cuts.length] = bytes.length;
        int start = 0;
        for (int end : ends) {
            byte[] padded = new byte[PADDING + (end - start) + PADDING];
            Arrays.fill(padded, (byte) 0xFF);
            System.arraycopy(bytes, start, padded, PADDING, end - start);
            int bad = validator.validate(padded, PADDING, PADDING + end - start);
            if (bad != Utf8Validator.NO_INVALID_BYTE) {
                return Verdict.invalidAt(start + bad - PADDING);
            }
            start = end;
        }
        return validator.finish() ? Verdict.VALID : Verdict.UNFINISHED;
    }

    /** Returns (start, length) of the first malformed sequence the JDK reports, or null if none. */
    static Pair<Integer, Integer> jdkMalformed(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return Pair.of(in.position(), result.length());
        }
        assertThat(decoder.flush(out).isUnderflow()).isTrue();
        return null;
    }

    /** Table 3-7 read directly: each lead byte, the range its second byte must be in, and its length. */
    static Verdict referenceVerdict(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int lead = bytes[i] & 0xFF;
            int length;
            int secondLow = 0x80;
            int secondHigh = 0xBF;
            if (lead <= 0x7F) {
                length = 1;
            } else if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
            } else if (lead == 0xE0) {
                length = 3;
                secondLow = 0xA0;
            } else if (lead == 0xED) {
                length = 3;
                secondHigh = 0x9F;
            } else if (lead >= 0xE1 && lead <= 0xEF) {
                length = 3;
            } else if (lead == 0xF0) {
                length = 4;
                secondLow = 0x90;
            } else if (lead == 0xF4) {
                length = 4;
                secondHigh = 0x8F;
            } else if (lead >= 0xF1 && lead <= 0xF3) {
                length = 4;
            } else {
                return Verdict.invalidAt(i);
            }
            for (int k = 1; k < length; k++) {
                if (i + k == bytes.length) {
                    return Verdict.UNFINISHED;
                }
                int b = bytes[i + k] & 0xFF;
                boolean inRange = k == 1 ? b >= secondLow && b <= secondHigh : b >= 0x80 && b <= 0xBF;
                if (!inRange) {
                    return Verdict.invalidAt(i + k);
                }
            }
            i += length;
        }
        return Verdict.VALID;
    }

    // ---- generators ----

    enum Mutation { REPLACE, INSERT, DELETE, CUT_OFF_LAST_BYTE }

    static Gen<byte[]> inputs() {
        Gen<byte[]> text = lists().of(codePoints()).ofSizeBetween(0, 80).map(Utf8ValidatorPropertiesTest::encode);
        Gen<byte[]> mutatedText = text.zip(Generate.enumValues(Mutation.class), integers().between(0, 1000), edgyBytes(),
                Utf8ValidatorPropertiesTest::mutate);
        Gen<byte[]> edgyRun = Generate.byteArrays(integers().between(1, 4), edgyBytes());
        Gen<byte[]> textAroundAnEdgyRun = text.zip(edgyRun, text, Utf8ValidatorPropertiesTest::concat);
        Gen<byte[]> randomBytes = Generate.byteArrays(integers().between(0, 40), edgyBytes());
        return Generate.frequency(List.of(
                Pair.of(1, text), Pair.of(1, mutatedText), Pair.of(1, textAroundAnEdgyRun), Pair.of(1, randomBytes)));
    }

    static Gen<Integer> codePoints() {
        Gen<Integer> threeBytes = integers().between(0x800, 0xFFFF).map(c -> Character.isSurrogate((char) (int) c) ? c + 0x800 : c);
        Gen<Integer> edges = Generate.pick(List.of(0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF));
        return Generate.frequency(List.of(
                Pair.of(8, integers().between(0, 0x7F)),
                Pair.of(2, integers().between(0x80, 0x7FF)),
                Pair.of(2, threeBytes),
                Pair.of(2, integers().between(0x10000, 0x10FFFF)),
                Pair.of(1, edges)));
    }

    /** Any byte, or often one of the bytes where the grammar has an edge. */
    static Gen<Byte> edgyBytes() {
        List<Byte> edges = List.of((byte) 0x7F, (byte) 0x80, (byte) 0x8F, (byte) 0x90, (byte) 0x9F, (byte) 0xA0,
                (byte) 0xBF, (byte) 0xC0, (byte) 0xC1, (byte) 0xC2, (byte) 0xDF, (byte) 0xE0, (byte) 0xED,
                (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF, (byte) 'a');
        Gen<Byte> any = Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0);
        return Generate.frequency(List.of(Pair.of(1, any), Pair.of(1, Generate.pick(edges))));
    }

    static byte[] encode(List<Integer> codePoints) {
        StringBuilder text = new StringBuilder();
        codePoints.forEach(text::appendCodePoint);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] first, byte[] second, byte[] third) {
        byte[] all = Arrays.copyOf(first, first.length + second.length + third.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        System.arraycopy(third, 0, all, first.length + second.length, third.length);
        return all;
    }

    static byte[] mutate(byte[] bytes, Mutation mutation, int where, byte value) {
        int at = where % (bytes.length + 1);
        return switch (mutation) {
            case REPLACE -> {
                byte[] copy = bytes.clone();
                if (at < copy.length) {
                    copy[at] = value;
                }
                yield copy;
            }
            case INSERT -> {
                byte[] copy = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, copy, 0, at);
                copy[at] = value;
                System.arraycopy(bytes, at, copy, at + 1, bytes.length - at);
                yield copy;
            }
            case DELETE -> {
                if (at == bytes.length) {
                    yield bytes;
                }
                byte[] copy = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, copy, 0, at);
                System.arraycopy(bytes, at + 1, copy, at, bytes.length - at - 1);
                yield copy;
            }
            case CUT_OFF_LAST_BYTE -> Arrays.copyOf(bytes, Math.max(0, bytes.length - 1));
        };
    }
}
