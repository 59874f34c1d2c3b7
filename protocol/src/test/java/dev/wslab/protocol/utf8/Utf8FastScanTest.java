package dev.wslab.protocol.utf8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.wslab.protocol.utf8.Utf8Validator.State;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The fast scan is the readable state machine, {@link Utf8Validator#next}, run faster: these tests hold it
 * to that byte by byte. Inputs are those of {@link Utf8ValidatorPropertiesTest}, and longer ones made of
 * ASCII runs (up to 300 bytes, so that the 8- and 128-byte ASCII skips and the 64-byte blocks are
 * crossed) between sequences at the edges of the grammar: overlong forms, surrogates, code points above
 * U+10FFFF, stray continuation bytes, sequences cut short, and the first and last valid code point of each
 * length. A failure prints QuickTheories' seed; to rerun with it, replace {@link #SEED}.
 */
@DisplayName("Utf8FastScan: the packed state machine agrees with the readable one, byte by byte")
class Utf8FastScanTest {

    private static final long SEED = 0x5EED_8002L;
    private static final int EXAMPLES = 3000;

    @Test
    @DisplayName("for every state and every byte, one shift of the packed table gives the state next() names")
    void tableMatchesGrammar() {
        for (State state : State.values()) {
            for (int b = 0; b < 256; b++) {
                long packed = Utf8FastScan.ROWS[b] >>> Utf8FastScan.offset(state);
                assertThat(Utf8FastScan.stateOf(packed))
                        .as("%s, byte %02X", state, b)
                        .isEqualTo(Utf8Validator.next(state, b));
            }
        }
    }

    @Test
    @DisplayName("cut anywhere into up to 6 pieces, each piece gives the state and the first rejected byte of next()")
    void agreesWithTheReadableMachine() {
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger endedInsideACharacter = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                .forAll(Generate.frequency(List.of(
                                Pair.of(1, Utf8ValidatorPropertiesTest.inputs()), Pair.of(1, edgyText()))),
                        lists().of(integers().between(0, 1000)).ofSizeBetween(0, 5),
                        integers().all())
                .checkAssert((bytes, cuts, placement) -> {
                    State end = compareInPieces(bytes, cuts, new SplittableRandom(placement));
                    if (end == State.REJECT) {
                        rejected.incrementAndGet();
                    } else if (end != State.ACCEPT) {
                        endedInsideACharacter.incrementAndGet();
                    }
                });
        assertThat(rejected.get()).as("inputs that fail").isGreaterThan(EXAMPLES / 5);
        assertThat(endedInsideACharacter.get()).as("inputs that end inside a character").isGreaterThan(EXAMPLES / 50);
        assertThat(EXAMPLES - rejected.get()).as("inputs that do not fail").isGreaterThan(EXAMPLES / 5);
    }

    /**
     * Feeds {@code bytes}, cut at {@code cuts} (taken modulo the length, in order), to a fast scan and to
     * the readable machine; each piece sits at a random offset in its own array of random bytes, so the
     * scan must read exactly its range. Asserts after each piece that both are in the same state and
     * rejected the same byte, if any. Returns the final state.
     */
    private static State compareInPieces(byte[] bytes, List<Integer> cuts, SplittableRandom random) {
        List<Integer> ends = new ArrayList<>();
        cuts.forEach(cut -> ends.add(cut % (bytes.length + 1)));
        ends.sort(Integer::compare);
        ends.add(bytes.length);
        Utf8FastScan scan = new Utf8FastScan();
        State expected = State.ACCEPT;
        int start = 0;
        for (int end : ends) {
            int before = random.nextInt(20);
            byte[] array = new byte[before + (end - start) + random.nextInt(20)];
            random.nextBytes(array);
            System.arraycopy(bytes, start, array, before, end - start);

            int expectedRejected = Utf8Validator.NO_INVALID_BYTE;
            for (int i = start; i < end && expectedRejected == Utf8Validator.NO_INVALID_BYTE; i++) {
                expected = Utf8Validator.next(expected, bytes[i] & 0xFF);
                if (expected == State.REJECT) {
                    expectedRejected = before + (i - start);
                }
            }
            int rejected = scan.scan(array, before, before + (end - start));

            String piece = HexFormat.ofDelimiter(" ").formatHex(bytes, start, end);
            assertThat(rejected).as("first rejected byte of piece [%s] at %d", piece, before).isEqualTo(expectedRejected);
            assertThat(scan.state()).as("state after piece [%s]", piece).isEqualTo(expected);
            if (expected == State.REJECT) {
                return expected;
            }
            start = end;
        }
        return expected;
    }

    /** ASCII runs of 0 to 300 bytes between sequences at the edges of UTF-8's grammar. */
    static Gen<byte[]> edgyText() {
        Gen<byte[]> asciiRun = integers().between(0, 300).map(length -> {
            byte[] run = new byte[length];
            Arrays.fill(run, (byte) 'a');
            return run;
        });
        Gen<byte[]> edge = Generate.pick(List.of(
                // the first and last code point of each length
                "7F", "C2 80", "DF BF", "E0 A0 80", "ED 9F BF", "EE 80 80", "EF BF BF", "F0 90 80 80", "F4 8F BF BF",
                // overlong forms
                "C0 80", "C1 BF", "E0 80 80", "E0 9F BF", "F0 80 80 80", "F0 8F BF BF",
                // surrogates U+D800 and U+DFFF
                "ED A0 80", "ED BF BF",
                // above U+10FFFF
                "F4 90 80 80", "F5 80 80 80", "F7 BF BF BF", "FF",
                // stray continuation bytes
                "80", "BF",
                // sequences cut short
                "C3", "E2 82", "F0 9F 98"
        )).map(spaced -> HexFormat.of().parseHex(spaced.replace(" ", "")));
        Gen<byte[]> piece = Generate.frequency(List.of(Pair.of(1, asciiRun), Pair.of(2, edge)));
        return lists().of(piece).ofSizeBetween(0, 8).map(pieces -> {
            byte[] all = new byte[pieces.stream().mapToInt(p -> p.length).sum()];
            int at = 0;
            for (byte[] p : pieces) {
                System.arraycopy(p, 0, all, at, p.length);
                at += p.length;
            }
            return all;
        });
    }
}
