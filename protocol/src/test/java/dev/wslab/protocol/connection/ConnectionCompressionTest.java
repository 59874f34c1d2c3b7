package dev.wslab.protocol.connection;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.deflate.AgreedDeflate;
import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.DeflateAgreement;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.deflate.DeflateTotals;
import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.deflate.MessageDeflater;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.FrameReader;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A connection with permessage-deflate agreed (RFC 7692 §6): RSV1, inflation within the limit, compressed sending. */
@DisplayName("Connection with permessage-deflate")
class ConnectionCompressionTest {

    private static final DeflateAgreement DEFAULT_AGREEMENT =
            new DeflateAgreement(DirectionSettings.DEFAULT, DirectionSettings.DEFAULT);
    /** Compresses every message, however small, so that the tests see RSV1. */
    private static final DeflateOptions EVERY_MESSAGE = DeflateOptions.DEFAULTS.withMinimumSize(0);
    private static final AgreedDeflate AGREED = new AgreedDeflate(DEFAULT_AGREEMENT, EVERY_MESSAGE);
    private static final int KEY = 0x37fa213d;

    private final Connection server = Connection.open(Role.SERVER, Limits.DEFAULTS, MaskingKeySource.fixed(0), AGREED);

    /** RFC 7692 §7.2.3.1: "Hello" compressed, the 00 00 ff ff tail removed. */
    private static byte[] compressedHello() {
        return HexFormat.of().parseHex("f248cdc9c90700"); // one fixed-Huffman block: "Hello", then the sync flush's empty block without its tail
    }

    /** A compressed frame (RSV1 set) as a client sends it: masked. */
    private static Frame compressed(Opcode opcode, byte[] payload) {
        return Frame.of(opcode, Payload.of(payload)).withReservedBits(true, false, false);
    }

    private static byte[] masked(Frame... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame frame : frames) {
            out.writeBytes(FrameEncoder.encode(frame.maskedWith(KEY)));
        }
        return out.toByteArray();
    }

    private static void assertFailedWith(Connection connection, Rule rule) {
        List<Event> events = connection.takeEvents();
        assertThat(events).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(Event.Failed.class,
                failed -> assertThat(failed.violation().rule()).isEqualTo(rule)));
        assertThat(events).noneMatch(event -> event instanceof Event.TextMessage || event instanceof Event.BinaryMessage);
        assertThat(Peer.framesSentBy(connection)).last().satisfies(close -> assertThat(CloseStatus.parse(close.payload())
                .code()).isEqualTo(rule.closeCode()));
        assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    @DisplayName("deflateTotals counts the compressed messages each way, their bytes on the wire and uncompressed")
    void totals() {
        assertThat(server.deflateTotals()).isEqualTo(DeflateTotals.NONE);
        // §7.2.3.1's "Hello" in two fragments, then a message sent uncompressed (RSV1 clear), which is not counted.
        byte[] hello = compressedHello();
        server.receive(masked(compressed(Opcode.TEXT, Arrays.copyOf(hello, 3)).withFin(false),
                Frame.continuation(Payload.of(Arrays.copyOfRange(hello, 3, 7)), true), Frame.text("plain")));
        server.sendText("Hello"); // compressed by the server: EVERY_MESSAGE has no threshold
        server.sendBinary(Payload.EMPTY); // §7.2.3.6: an empty message goes as the one byte 00

        DeflateTotals totals = server.deflateTotals();
        assertThat(totals.received()).isEqualTo(new DeflateTotals.Flow(1, 5, 7));
        assertThat(totals.sent().messages()).isEqualTo(2);
        assertThat(totals.sent().uncompressedBytes()).isEqualTo(5);
        assertThat(totals.sent().compressedBytes()).isEqualTo(7 + 1);
        assertThat(totals.minus(totals)).isEqualTo(DeflateTotals.NONE);
    }

    @Test
    void withoutAnAgreementNothingIsCounted() {
        Connection plain = Connection.open(Role.SERVER, Limits.DEFAULTS, MaskingKeySource.fixed(0));
        plain.receive(masked(Frame.text("Hello")));
        plain.sendText("Hello");

        assertThat(plain.deflateTotals()).isEqualTo(DeflateTotals.NONE);
    }

    @Nested
    @DisplayName("receiving")
    class Receiving {

        @Test
        void theRfcExampleOfACompressedHelloIsDeliveredAsHello() {
            byte[] wire = masked(compressed(Opcode.TEXT, compressedHello()));
            assertThat(HexFormat.of().formatHex(wire, 0, 2)).isEqualTo("c187"); // FIN, RSV1, TEXT; masked, 7 bytes
            server.receive(wire);
            assertThat(server.takeEvents()).containsExactly(new Event.TextMessage("Hello"));
        }

        @Test
        void theRfcExampleSplitOverTwoFramesCarriesRsv1OnTheFirstOnly() {
            byte[] hello = compressedHello();
            server.receive(masked(
                    compressed(Opcode.TEXT, Arrays.copyOfRange(hello, 0, 3)).withFin(false),
                    Frame.continuation(Payload.of(Arrays.copyOfRange(hello, 3, hello.length)), true)));
            assertThat(server.takeEvents()).containsExactly(new Event.TextMessage("Hello"));
        }

        @Test
        void rsv1OnAContinuationFrameFailsWith1002() {
            byte[] hello = compressedHello();
            server.receive(masked(
                    compressed(Opcode.TEXT, Arrays.copyOfRange(hello, 0, 3)).withFin(false),
                    compressed(Opcode.CONTINUATION, Arrays.copyOfRange(hello, 3, hello.length))));
            assertFailedWith(server, Rule.COMPRESSED_CONTINUATION_FRAME);
        }

        @Test
        void rsv1OnAPingFailsWith1002() {
            server.receive(masked(compressed(Opcode.PING, new byte[0])));
            assertFailedWith(server, Rule.COMPRESSED_CONTROL_FRAME);
        }

        @Test
        void rsv2StaysAReservedBitFailure() {
            server.receive(masked(Frame.text("hi").withReservedBits(false, true, false)));
            assertFailedWith(server, Rule.RESERVED_BITS_SET);
        }

        @Test
        void dataThatIsNotDeflateFailsWith1007() {
            server.receive(masked(compressed(Opcode.BINARY, HexFormat.of().parseHex("ff")))); // BTYPE 11: a reserved block type
            assertFailedWith(server, Rule.CORRUPT_COMPRESSED_DATA);
            assertThat(Rule.CORRUPT_COMPRESSED_DATA.closeCode().value()).isEqualTo(1007);
        }

        @Test
        void invalidUtf8InsideCompressedTextFailsWith1007() {
            byte[] invalid = compress(HexFormat.of().parseHex("48c0")); // "H", then c0, never valid in UTF-8
            server.receive(masked(compressed(Opcode.TEXT, invalid)));
            assertFailedWith(server, Rule.INVALID_UTF8);
        }

        @Test
        void aBombInOneFrameStopsAtTheLimitWith1009() {
            byte[] bomb = compress(new byte[10 << 20]); // 10 MiB of zeros; the limit is 1 MiB
            assertThat((long) bomb.length).isLessThan(Limits.DEFAULTS.maxMessageSize() >> 4);
            server.receive(masked(compressed(Opcode.BINARY, bomb)));
            assertFailedWith(server, Rule.MESSAGE_TOO_BIG);
        }

        @Test
        void aBombInManySmallFragmentsStopsAtTheLimitWith1009() {
            byte[] bomb = compress(new byte[10 << 20]);
            List<Frame> fragments = new ArrayList<>();
            for (int offset = 0; offset < bomb.length; offset += 64) {
                byte[] piece = Arrays.copyOfRange(bomb, offset, Math.min(bomb.length, offset + 64));
                boolean last = offset + 64 >= bomb.length;
                fragments.add(offset == 0 ? compressed(Opcode.BINARY, piece).withFin(last)
                        : Frame.continuation(Payload.of(piece), last));
            }
            server.receive(masked(fragments.toArray(Frame[]::new)));
            assertFailedWith(server, Rule.MESSAGE_TOO_BIG);
        }

        @Test
        void anUncompressedMessageMayFollowACompressedOne() {
            server.receive(masked(compressed(Opcode.TEXT, compressedHello()), Frame.text("plain")));
            assertThat(server.takeEvents()).containsExactly(new Event.TextMessage("Hello"), new Event.TextMessage("plain"));
        }

        @Test
        void withoutAnAgreementRsv1StaysAReservedBitFailure() {
            Connection plain = Connection.open(Role.SERVER, Limits.DEFAULTS, MaskingKeySource.fixed(0));
            plain.receive(masked(compressed(Opcode.TEXT, compressedHello())));
            assertFailedWith(plain, Rule.RESERVED_BITS_SET);
        }

        private static byte[] compress(byte[] message) {
            try (MessageDeflater deflater = new MessageDeflater(DirectionSettings.DEFAULT, -1)) {
                return deflater.compress(message);
            }
        }
    }

    @Nested
    @DisplayName("sending")
    class Sending {

        @ParameterizedTest(name = "context {0}")
        @EnumSource(ContextTakeover.class)
        void aClientsCompressedMessagesAreReadBackByAServerAndTheServersByTheClient(ContextTakeover context) {
            DirectionSettings settings = new DirectionSettings(context, DirectionSettings.MAX_WINDOW_BITS);
            AgreedDeflate agreed = new AgreedDeflate(new DeflateAgreement(settings, settings), EVERY_MESSAGE);
            Connection client = Connection.open(Role.CLIENT, Limits.DEFAULTS, MaskingKeySource.seeded(7), agreed);
            Connection server = Connection.open(Role.SERVER, Limits.DEFAULTS, MaskingKeySource.fixed(0), agreed);
            List<Event> expectedByServer = new ArrayList<>();
            List<Event> expectedByClient = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String text = "message " + i + " ".repeat(i * 100) + "the same words again and again";
                client.sendText(text);
                client.sendBinary(Payload.utf8(text));
                server.sendText(text.toUpperCase());
                expectedByServer.add(new Event.TextMessage(text));
                expectedByServer.add(new Event.BinaryMessage(Payload.utf8(text)));
                expectedByClient.add(new Event.TextMessage(text.toUpperCase()));
            }
            byte[] fromClient = client.takeOutgoingBytes();
            assertThat(FrameReader.readAll(fromClient, 1 << 20)).allMatch(Frame::rsv1);
            server.receive(fromClient);
            client.receive(server.takeOutgoingBytes());
            assertThat(server.takeEvents()).isEqualTo(expectedByServer);
            assertThat(client.takeEvents()).isEqualTo(expectedByClient);
        }

        @Test
        void messagesBelowTheThresholdGoUncompressed() {
            AgreedDeflate agreed = new AgreedDeflate(DEFAULT_AGREEMENT, DeflateOptions.DEFAULTS.withMinimumSize(10));
            Connection sender = Connection.open(Role.SERVER, Limits.DEFAULTS, MaskingKeySource.fixed(0), agreed);
            sender.sendText("short");
            sender.sendText("long enough to compress");
            List<Frame> sent = Peer.framesSentBy(sender);
            assertThat(sent).extracting(Frame::rsv1).containsExactly(false, true);
            assertThat(sent.get(0).payload()).isEqualTo(Payload.utf8("short"));
        }

        @Test
        void closingReleasesTheDeflaterAndInflater() {
            Compression compression = new Compression(Role.SERVER, Optional.of(AGREED));
            compression.dataFrame(Opcode.TEXT, Payload.utf8("Hello"));
            compression.inflate(compressedHello(), false, 100);
            assertThat(compression.holdsNativeMemory()).isTrue();
            compression.close();
            assertThat(compression.holdsNativeMemory()).isFalse();
        }
    }
}
