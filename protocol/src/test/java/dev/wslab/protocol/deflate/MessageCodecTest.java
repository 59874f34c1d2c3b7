package dev.wslab.protocol.deflate;

import dev.wslab.protocol.deflate.MessageInflater.FramePosition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("compressing and inflating messages (RFC 7692 §7.2), with the examples of §7.2.3 byte for byte")
class MessageCodecTest {

    private static final DirectionSettings KEPT = DirectionSettings.DEFAULT;
    private static final DirectionSettings RESET = new DirectionSettings(ContextTakeover.RESET, 15);
    private static final long ONE_MIB = 1 << 20;

    private static byte[] hex(String hex) {
        return HexFormat.ofDelimiter(" ").parseHex(hex);
    }

    private static byte[] hello() {
        return "Hello".getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] inflated(MessageInflater inflater, byte[] payload) {
        Inflated result = inflater.inflate(payload, FramePosition.LAST_FRAME, ONE_MIB);
        assertThat(result).isInstanceOf(Inflated.Bytes.class);
        return ((Inflated.Bytes) result).data();
    }

    @Nested
    @DisplayName("the deflater")
    class Deflating {

        @Test
        @DisplayName("§7.2.3.1: \"Hello\" is f2 48 cd c9 c9 07 00, the tail 00 00 ff ff removed")
        void hello() {
            try (MessageDeflater deflater = new MessageDeflater(KEPT, Deflater.DEFAULT_COMPRESSION)) {
                // one fixed-Huffman block (BFINAL 0) holding "Hello", then the start of the empty stored block
                assertThat(deflater.compress(MessageCodecTest.hello())).isEqualTo(hex("f2 48 cd c9 c9 07 00")); // "Hello": fixed-Huffman block, BFINAL 0, then the empty stored block's first byte
            }
        }

        @Test
        @DisplayName("§7.2.3.2: with context takeover, the second \"Hello\" is a back-reference, f2 00 11 00 00")
        void secondHelloWithContext() {
            try (MessageDeflater deflater = new MessageDeflater(KEPT, Deflater.DEFAULT_COMPRESSION)) {
                deflater.compress(MessageCodecTest.hello());
                // fixed-Huffman block: a length-5, distance-5 reference into the previous message
                assertThat(deflater.compress(MessageCodecTest.hello())).isEqualTo(hex("f2 00 11 00 00")); // "Hello" as a length-5, distance-5 reference into the previous message
                assertThat(deflater.holdsNativeMemory()).isTrue();
            }
        }

        @Test
        @DisplayName("without context takeover, every message compresses alone and no Deflater is held between messages")
        void noContext() {
            try (MessageDeflater deflater = new MessageDeflater(RESET, Deflater.DEFAULT_COMPRESSION)) {
                deflater.compress(MessageCodecTest.hello());
                assertThat(deflater.holdsNativeMemory()).isFalse();
                // the same bytes as the first "Hello": nothing refers back to the first message
                assertThat(deflater.compress(MessageCodecTest.hello())).isEqualTo(hex("f2 48 cd c9 c9 07 00")); // "Hello": fixed-Huffman block, BFINAL 0, then the empty stored block's first byte
            }
        }

        @Test
        @DisplayName("§7.2.3.6: an empty message is the single byte 00, also after other messages")
        void emptyMessage() {
            try (MessageDeflater deflater = new MessageDeflater(KEPT, Deflater.DEFAULT_COMPRESSION)) {
                assertThat(deflater.compress(new byte[0])).isEqualTo(hex("00")); // an empty stored block, tail removed
                deflater.compress(MessageCodecTest.hello());
                assertThat(deflater.compress(new byte[0])).isEqualTo(hex("00")); // an empty stored block, its LEN/NLEN (the tail) removed
            }
        }

        @Test
        @DisplayName("below a 15-bit window it writes Huffman codes only: no back-reference can reach past any window")
        void narrowWindowMeansNoBackReferences() {
            byte[] repetitive = new byte[10_000];
            Arrays.fill(repetitive, (byte) 'a');
            try (MessageDeflater wide = new MessageDeflater(KEPT, Deflater.DEFAULT_COMPRESSION);
                 MessageDeflater narrow = new MessageDeflater(new DirectionSettings(ContextTakeover.KEPT, 9),
                         Deflater.DEFAULT_COMPRESSION)) {
                // LZ77 turns 10,000 'a's into a few references; Huffman alone needs at least a bit per byte.
                assertThat(wide.compress(repetitive)).hasSizeLessThan(100);
                assertThat(narrow.compress(repetitive)).hasSizeGreaterThanOrEqualTo(10_000 / 8);
                try (MessageInflater inflater = new MessageInflater(KEPT)) {
                    assertThat(inflated(inflater, narrow.compress(repetitive))).isEqualTo(repetitive);
                }
            }
        }
    }

    @Nested
    @DisplayName("the inflater")
    class Inflating {

        @Test
        @DisplayName("§7.2.3.1: f2 48 cd c9 c9 07 00 is \"Hello\", also split over two frames as 3 + 4 bytes")
        void hello() {
            try (MessageInflater inflater = new MessageInflater(KEPT)) {
                assertThat(inflated(inflater, hex("f2 48 cd c9 c9 07 00"))).isEqualTo(MessageCodecTest.hello()); // "Hello": fixed-Huffman block, BFINAL 0, then the empty stored block's first byte
                // the same message again (a new one: context kept), now in two frames
                Inflated first = inflater.inflate(hex("f2 48 cd"), FramePosition.MORE_FRAMES_FOLLOW, ONE_MIB); // the first 3 bytes of "Hello"'s block
                Inflated second = inflater.inflate(hex("c9 c9 07 00"), FramePosition.LAST_FRAME, ONE_MIB - 5); // the other 4
                ByteArrayOutputStream both = new ByteArrayOutputStream();
                both.writeBytes(((Inflated.Bytes) first).data());
                both.writeBytes(((Inflated.Bytes) second).data());
                assertThat(both.toByteArray()).isEqualTo(MessageCodecTest.hello());
            }
        }

        @Test
        @DisplayName("with no limit at all (Long.MAX_VALUE bytes may follow), a message still inflates, into one array that grows")
        void noLimit() {
            byte[] large = "0123456789abcdef".repeat(20_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            try (MessageDeflater deflater = new MessageDeflater(KEPT, Deflater.DEFAULT_COMPRESSION);
                 MessageInflater inflater = new MessageInflater(KEPT)) {
                Inflated hello = inflater.inflate(hex("f2 48 cd c9 c9 07 00"), FramePosition.LAST_FRAME, Long.MAX_VALUE); // "Hello"
                assertThat(((Inflated.Bytes) hello).data()).isEqualTo(MessageCodecTest.hello());
                Inflated result = inflater.inflate(deflater.compress(large), FramePosition.LAST_FRAME, Long.MAX_VALUE);
                assertThat(((Inflated.Bytes) result).data()).isEqualTo(large);
            }
        }

        @Test
        @DisplayName("§7.2.3.2: with context takeover, f2 00 11 00 00 after the first \"Hello\" is \"Hello\" again")
        void secondHelloWithContext() {
            try (MessageInflater inflater = new MessageInflater(KEPT)) {
                inflated(inflater, hex("f2 48 cd c9 c9 07 00")); // "Hello", one fixed-Huffman block
                // a length-5, distance-5 reference back into the first message
                assertThat(inflated(inflater, hex("f2 00 11 00 00"))).isEqualTo(MessageCodecTest.hello()); // "Hello" as a length-5, distance-5 reference into the previous message
            }
        }

        @Test
        @DisplayName("§7.2.3.3: a stored block, 00 05 00 fa ff 48 65 6c 6c 6f 00")
        void storedBlock() {
            try (MessageInflater inflater = new MessageInflater(KEPT)) {
                // stored block (BFINAL 0), LEN 5, NLEN ~5, "Hello", then the start of the empty stored block
                assertThat(inflated(inflater, hex("00 05 00 fa ff 48 65 6c 6c 6f 00"))).isEqualTo(MessageCodecTest.hello()); // stored block: LEN 5, NLEN ~5, "Hello", then the empty block
            }
        }

        @Test
        @DisplayName("§7.2.3.4: a block with BFINAL set, f3 48 cd c9 c9 07 00 00; the next message starts a new stream")
        void finalBlock() {
            try (MessageInflater inflater = new MessageInflater(KEPT)) {
                // fixed-Huffman block with BFINAL 1 holding "Hello", then padding
                assertThat(inflated(inflater, hex("f3 48 cd c9 c9 07 00 00"))).isEqualTo(MessageCodecTest.hello()); // "Hello" in a block with BFINAL 1, then a padding byte
                assertThat(inflated(inflater, hex("f2 48 cd c9 c9 07 00"))).isEqualTo(MessageCodecTest.hello()); // "Hello": fixed-Huffman block, BFINAL 0, then the empty stored block's first byte
            }
        }

        @Test
        @DisplayName("§7.2.3.5: two blocks in one message, f2 48 05 00 00 00 ff ff ca c9 c9 07 00")
        void twoBlocks() {
            try (MessageInflater inflater = new MessageInflater(KEPT)) {
                // "He" in a fixed-Huffman block, a sync flush (00 00 ff ff), then "llo" in a second block
                assertThat(inflated(inflater, hex("f2 48 05 00 00 00 ff ff ca c9 c9 07 00"))).isEqualTo(MessageCodecTest.hello()); // "He", a sync flush, "llo": two blocks
            }
        }

        @Test
        @DisplayName("§7.2.3.6: 00 is the empty message")
        void emptyMessage() {
            try (MessageInflater inflater = new MessageInflater(KEPT)) {
                assertThat(inflated(inflater, hex("00"))).isEmpty(); // the start of an empty stored block
            }
        }

        @Test
        @DisplayName("bytes after the final block are ignored, as zlib does (§7.2.3.4's own example ends with one)")
        void bytesAfterFinalBlock() {
            try (MessageInflater inflater = new MessageInflater(KEPT)) {
                // "Hello" with BFINAL 1, padding, then 2 bytes more, and a next frame of the same message
                assertThat(inflater.inflate(hex("f3 48 cd c9 c9 07 00 00 ca c9"), FramePosition.MORE_FRAMES_FOLLOW, ONE_MIB)) // "Hello" with BFINAL 1, padding, 2 bytes more
                        .isInstanceOfSatisfying(Inflated.Bytes.class, bytes -> assertThat(bytes.data()).isEqualTo(MessageCodecTest.hello()));
                assertThat(inflated(inflater, hex("01 02"))).isEmpty(); // ignored: the stream is over
                assertThat(inflated(inflater, hex("f2 48 cd c9 c9 07 00"))).isEqualTo(MessageCodecTest.hello()); // a new stream
            }
        }

        @Test
        @DisplayName("bytes that are not DEFLATE are corrupt, with zlib's reason")
        void notDeflate() {
            try (MessageInflater inflater = new MessageInflater(KEPT)) {
                // ff: BFINAL 1 and block type 11, which DEFLATE reserves
                Inflated result = inflater.inflate(hex("ff ff ff"), FramePosition.LAST_FRAME, ONE_MIB); // BFINAL 1, block type 11 (reserved)
                assertThat(result).isInstanceOfSatisfying(Inflated.Corrupt.class,
                        corrupt -> assertThat(corrupt.reason()).contains("not valid DEFLATE"));
            }
        }

        @Test
        @DisplayName("a bomb: 10 MiB of zeros in about 10 KiB on the wire stops at a 1 MiB limit, in one frame or in 1-byte frames")
        void bomb() {
            byte[] bomb;
            try (MessageDeflater deflater = new MessageDeflater(KEPT, Deflater.BEST_COMPRESSION)) {
                bomb = deflater.compress(new byte[10 << 20]);
            }
            assertThat(bomb.length).isLessThan(16 * 1024);
            try (MessageInflater inflater = new MessageInflater(KEPT)) {
                assertThat(inflater.inflate(bomb, FramePosition.LAST_FRAME, ONE_MIB)).isEqualTo(new Inflated.TooBig(ONE_MIB));
            }
            try (MessageInflater inflater = new MessageInflater(KEPT)) {
                long remaining = ONE_MIB;
                Inflated result = null;
                for (int i = 0; i < bomb.length; i++) {
                    FramePosition position = i == bomb.length - 1 ? FramePosition.LAST_FRAME : FramePosition.MORE_FRAMES_FOLLOW;
                    result = inflater.inflate(new byte[] {bomb[i]}, position, remaining);
                    if (!(result instanceof Inflated.Bytes bytes)) {
                        break;
                    }
                    remaining -= bytes.data().length;
                }
                assertThat(result).isInstanceOf(Inflated.TooBig.class);
            }
        }

        @Test
        @DisplayName("a message of exactly the limit is accepted")
        void exactlyTheLimit() {
            byte[] message = new byte[4096];
            try (MessageDeflater deflater = new MessageDeflater(KEPT, Deflater.DEFAULT_COMPRESSION);
                 MessageInflater inflater = new MessageInflater(KEPT)) {
                byte[] compressed = deflater.compress(message);
                assertThat(inflater.inflate(compressed, FramePosition.LAST_FRAME, 4096)).isInstanceOf(Inflated.Bytes.class);
                assertThat(inflater.inflate(deflater.compress(message), FramePosition.LAST_FRAME, 4095))
                        .isEqualTo(new Inflated.TooBig(4095));
            }
        }

        @Test
        @DisplayName("without context takeover, no Inflater is held between messages")
        void noContext() {
            try (MessageInflater inflater = new MessageInflater(RESET)) {
                inflated(inflater, hex("f2 48 cd c9 c9 07 00")); // "Hello"
                assertThat(inflater.holdsNativeMemory()).isFalse();
                assertThat(inflated(inflater, hex("f2 48 cd c9 c9 07 00"))).isEqualTo(MessageCodecTest.hello()); // "Hello": fixed-Huffman block, BFINAL 0, then the empty stored block's first byte
            }
        }

        @Test
        @DisplayName("without context takeover, the Inflater of a corrupt message is reset before another message uses it")
        void spareAfterCorruptMessage() {
            try (MessageInflater first = new MessageInflater(RESET)) {
                Inflated result = first.inflate(hex("ff ff ff"), FramePosition.LAST_FRAME, ONE_MIB); // BFINAL 1, block type 11 (reserved)
                assertThat(result).isInstanceOf(Inflated.Corrupt.class);
            }
            // The spare most recently given back is taken first: the one that saw the corrupt bytes.
            try (MessageInflater next = new MessageInflater(RESET)) {
                assertThat(inflated(next, hex("f2 48 cd c9 c9 07 00"))).isEqualTo(MessageCodecTest.hello()); // "Hello", fixed Huffman, then the sync flush's empty block without its tail
            }
        }

        @Test
        @DisplayName("without context takeover, at most a few spare Inflaters are kept, however many connections end a message at once")
        void boundedSpares() {
            List<MessageInflater> connections = new ArrayList<>();
            for (int i = 0; i < 3 * SpareInflaters.MOST; i++) {
                MessageInflater inflater = new MessageInflater(RESET);
                inflater.inflate(hex("f2 48 cd"), FramePosition.MORE_FRAMES_FOLLOW, ONE_MIB); // the first 3 bytes of "Hello"
                connections.add(inflater);
            }
            long held = LiveCodecs.count();
            for (MessageInflater inflater : connections) {
                byte[] rest = hex("c9 c9 07 00"); // the rest of "Hello", then the empty block's first byte
                assertThat(((Inflated.Bytes) inflater.inflate(rest, FramePosition.LAST_FRAME, ONE_MIB)).data())
                        .asString(StandardCharsets.US_ASCII).endsWith("llo");
                assertThat(inflater.holdsNativeMemory()).isFalse();
            }
            assertThat(LiveCodecs.count()).isEqualTo(held - connections.size());
            assertThat(SpareInflaters.kept()).isBetween(1, SpareInflaters.MOST);
        }
    }
}
