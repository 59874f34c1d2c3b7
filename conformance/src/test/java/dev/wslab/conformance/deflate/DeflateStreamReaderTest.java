package dev.wslab.conformance.deflate;

import dev.wslab.conformance.deflate.DeflateStreamReader.BlockType;
import dev.wslab.conformance.deflate.DeflateStreamReader.ContextUse;
import dev.wslab.conformance.deflate.DeflateStreamReader.MessageFacts;
import dev.wslab.conformance.deflate.DeflateStreamReader.Reading;
import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.deflate.MessageDeflater;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

@DisplayName("the suite's DEFLATE reader sees how far back each reference reaches (RFC 1951, RFC 7692 §7.1.2)")
class DeflateStreamReaderTest {

    private static byte[] hex(String hex) {
        return HexFormat.ofDelimiter(" ").parseHex(hex);
    }

    private static MessageFacts facts(DeflateStreamReader reader, byte[] payload) {
        Reading reading = reader.readMessage(payload);
        assertThat(reading).isInstanceOf(Reading.Read.class);
        return ((Reading.Read) reading).facts();
    }

    @Test
    @DisplayName("RFC 7692 §7.2.3.1 and §7.2.3.2: the second \"Hello\" refers 5 bytes back, into the first message")
    void helloTwice() {
        DeflateStreamReader reader = new DeflateStreamReader();
        // "Hello" in a fixed-Huffman block, then the start of the empty stored block that the tail completes
        assertThat(facts(reader, hex("f2 48 cd c9 c9 07 00"))).isEqualTo(new MessageFacts(5, 0,
                ContextUse.SELF_CONTAINED, List.of(BlockType.FIXED_HUFFMAN, BlockType.STORED), false));
        // a fixed-Huffman block with one reference: length 5, distance 5
        assertThat(facts(reader, hex("f2 00 11 00 00"))).isEqualTo(new MessageFacts(5, 5,
                ContextUse.REFERS_TO_EARLIER_MESSAGES, List.of(BlockType.FIXED_HUFFMAN, BlockType.STORED), false));
    }

    @Test
    @DisplayName("§7.2.3.3 and §7.2.3.5: a stored block, and two blocks in one message")
    void storedAndTwoBlocks() {
        DeflateStreamReader reader = new DeflateStreamReader();
        // stored block: LEN 5, NLEN ~5, "Hello"; then the tail's empty stored block
        assertThat(facts(reader, hex("00 05 00 fa ff 48 65 6c 6c 6f 00")).blocks())
                .containsExactly(BlockType.STORED, BlockType.STORED);
        // "He" (fixed), a sync flush's empty stored block, "llo" (fixed), the tail's empty stored block
        assertThat(facts(reader, hex("f2 48 05 00 00 00 ff ff ca c9 c9 07 00")).inflatedLength()).isEqualTo(5);
    }

    @Test
    @DisplayName("§7.2.3.4: after a block with BFINAL the stream is over; a reference into it is out of bounds")
    void finalBlockEndsTheStream() {
        DeflateStreamReader reader = new DeflateStreamReader();
        // "Hello" in a fixed-Huffman block with BFINAL set, then a padding byte
        assertThat(facts(reader, hex("f3 48 cd c9 c9 07 00 00")).finalBlock()).isTrue();
        // the second "Hello" of §7.2.3.2 refers back 5 bytes, which a new stream does not have
        assertThat(reader.readMessage(hex("f2 00 11 00 00"))).isInstanceOfSatisfying(Reading.Malformed.class,
                malformed -> assertThat(malformed.problem()).contains("before the stream's start"));
    }

    @Test
    @DisplayName("a reserved block type is malformed")
    void reservedBlockType() {
        // ff: BFINAL 1, BTYPE 11
        assertThat(new DeflateStreamReader().readMessage(hex("ff"))).isInstanceOf(Reading.Malformed.class);
    }

    @Test
    @DisplayName("the JDK's dynamic blocks: text that repeats far apart refers up to its window, no further")
    void dynamicBlocksAndTheWindow() {
        byte[] text = proseWithFarRepeats();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(text);
        byte[] out = new byte[text.length * 2];
        int length = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        deflater.end();
        byte[] payload = java.util.Arrays.copyOf(out, length - 4); // the tail 00 00 ff ff removed
        MessageFacts facts = facts(new DeflateStreamReader(), payload);
        assertThat(facts.inflatedLength()).isEqualTo(text.length);
        assertThat(facts.blocks()).contains(BlockType.DYNAMIC_HUFFMAN);
        assertThat(facts.longestDistance()).isGreaterThan(1 << 9).isLessThanOrEqualTo(1 << 15);
        assertThat(facts.fitsWindow(15)).isTrue();
        assertThat(facts.fitsWindow(9)).isFalse();
    }

    @Test
    @DisplayName("wslab's deflater keeps to a 9-bit window by making no references at all")
    void huffmanOnlyHonoursSmallWindows() {
        try (MessageDeflater deflater = new MessageDeflater(new DirectionSettings(ContextTakeover.KEPT, 9), 9)) {
            DeflateStreamReader reader = new DeflateStreamReader();
            for (int i = 0; i < 3; i++) {
                MessageFacts facts = facts(reader, deflater.compress(proseWithFarRepeats()));
                assertThat(facts.longestDistance()).isZero();
                assertThat(facts.fitsWindow(9)).isTrue();
            }
        }
    }

    @Test
    @DisplayName("without context takeover, no message of wslab's deflater refers to an earlier one")
    void noContextMeansSelfContained() {
        try (MessageDeflater reset = new MessageDeflater(new DirectionSettings(ContextTakeover.RESET, 15), 6);
             MessageDeflater kept = new MessageDeflater(DirectionSettings.DEFAULT, 6)) {
            DeflateStreamReader resetReader = new DeflateStreamReader();
            DeflateStreamReader keptReader = new DeflateStreamReader();
            byte[] message = "the same message, sent again and again".getBytes(StandardCharsets.US_ASCII);
            facts(resetReader, reset.compress(message));
            facts(keptReader, kept.compress(message));
            assertThat(facts(resetReader, reset.compress(message)).contextUse()).isEqualTo(ContextUse.SELF_CONTAINED);
            assertThat(facts(keptReader, kept.compress(message)).contextUse()).isEqualTo(ContextUse.REFERS_TO_EARLIER_MESSAGES);
        }
    }

    @Test
    @DisplayName("for any messages the JDK compresses, the reader counts exactly the bytes they inflate to")
    void countsWhatTheJdkWrote() {
        qt().withExamples(40).forAll(longs().all(), integers().between(1, 5)).checkAssert((seed, count) -> {
            Random random = new Random(seed);
            try (MessageDeflater deflater = new MessageDeflater(DirectionSettings.DEFAULT, random.nextInt(10))) {
                DeflateStreamReader reader = new DeflateStreamReader();
                for (int i = 0; i < count; i++) {
                    byte[] message = new byte[random.nextInt(5000)];
                    int alphabet = 1 + random.nextInt(255);
                    for (int j = 0; j < message.length; j++) {
                        message[j] = (byte) random.nextInt(alphabet);
                    }
                    assertThat(facts(reader, deflater.compress(message)).inflatedLength()).isEqualTo(message.length);
                }
            }
        });
    }

    /** About 40 KB of words, with a sentence that comes back 20 KB later. */
    private static byte[] proseWithFarRepeats() {
        Random random = new Random(7);
        String[] words = {"frame", "mask", "opcode", "payload", "close", "ping", "pong", "text", "binary", "fin"};
        StringBuilder text = new StringBuilder("a sentence that will come back much later, word for word. ");
        while (text.length() < 20_000) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(1000)).append(' ');
        }
        text.append("a sentence that will come back much later, word for word. ");
        while (text.length() < 40_000) {
            text.append(words[random.nextInt(words.length)]).append(random.nextInt(1000)).append(' ');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
