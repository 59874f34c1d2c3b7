package dev.wslab.protocol.connection;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.FrameHeader;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.frame.Payload;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Connection")
class ConnectionTest {

    private static final int CLIENT_KEY = 0x0badcafe;

    private final Connection server = Connection.open(Role.SERVER, Limits.DEFAULTS, MaskingKeySource.fixed(0));
    private final Peer client = Peer.of(server);

    /** Asserts that the connection failed for {@code rule}, sent a Close with its code, and is closed. */
    private static void assertFailed(Connection connection, Rule rule) {
        List<Event> events = connection.takeEvents();
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        assertThat(events.get(events.size() - 2)).isInstanceOfSatisfying(Event.Failed.class,
                failed -> assertThat(failed.violation().rule()).isEqualTo(rule));
        assertThat(events.getLast()).isInstanceOfSatisfying(Event.Closed.class, closed -> {
            assertThat(closed.sent().code()).isEqualTo(rule.closeCode());
            assertThat(closed.received()).isEqualTo(CloseStatus.ABNORMAL);
            assertThat(closed.cleanly()).isFalse();
        });
        List<Frame> sent = Peer.framesSentBy(connection);
        assertThat(sent).last().satisfies(close -> assertThat(CloseStatus.parse(close.payload()).code())
                .isEqualTo(rule.closeCode()));
        assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
    }

    @Nested
    @DisplayName("§5.1 masking by role")
    class MaskingByRole {

        @Test
        void aServerFailsTheConnectionOnAnUnmaskedFrame() {
            server.receive(FrameEncoder.encode(Frame.text("hi")));
            assertFailed(server, Rule.UNMASKED_CLIENT_FRAME);
        }

        @Test
        void aClientFailsTheConnectionOnAMaskedFrame() {
            Connection client = Connection.open(Role.CLIENT, Limits.DEFAULTS, MaskingKeySource.fixed(CLIENT_KEY));
            client.receive(FrameEncoder.encode(Frame.text("hi").maskedWith(1)));
            assertFailed(client, Rule.MASKED_SERVER_FRAME);
        }

        @Test
        void aClientMasksEveryFrameWithAKeyFromItsSource() {
            Connection client = Connection.open(Role.CLIENT, Limits.DEFAULTS, MaskingKeySource.fixed(CLIENT_KEY));
            client.sendText("Hello");
            client.sendPing(Payload.utf8("p"));
            assertThat(Peer.framesSentBy(client)).containsExactly(
                    Frame.text("Hello").maskedWith(CLIENT_KEY), Frame.ping(Payload.utf8("p")).maskedWith(CLIENT_KEY));
        }

        @Test
        void aServerNeverMasks() {
            server.sendText("Hello");
            assertThat(server.takeOutgoingBytes()).isEqualTo(HexFormat.of().parseHex("810548656c6c6f")); // FIN text, unmasked, length 5, "Hello"
        }
    }

    @Nested
    @DisplayName("§5.2 reserved bits and opcodes")
    class ReservedBitsAndOpcodes {

        @ParameterizedTest(name = "RSV bits {0}")
        @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
        void anyReservedBitFailsTheConnection(int bits) {
            server.receive(client.send(Frame.text("x").withReservedBits((bits & 4) != 0, (bits & 2) != 0, (bits & 1) != 0)));
            assertFailed(server, Rule.RESERVED_BITS_SET);
        }

        @ParameterizedTest(name = "opcode {0}")
        @ValueSource(ints = {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF})
        void aReservedOpcodeFailsTheConnection(int opcode) {
            server.receive(client.send(Frame.binary(Payload.EMPTY).withOpcode(opcode)));
            assertFailed(server, Rule.RESERVED_OPCODE);
        }
    }

    @Nested
    @DisplayName("§5.5 control frames")
    class ControlFrames {

        @Test
        void aFragmentedControlFrameFailsTheConnection() {
            server.receive(client.send(Frame.ping(Payload.EMPTY).withFin(false)));
            assertFailed(server, Rule.FRAGMENTED_CONTROL_FRAME);
        }

        // tag::control-too-long[]
        @Test
        void aControlFrameOver125BytesFailsTheConnectionBeforeItsPayloadArrives() {
            byte[] bytes = client.send(Frame.ping(Payload.of(new byte[126])));
            server.receive(Arrays.copyOf(bytes, 8)); // header (2+2+4) only
            assertFailed(server, Rule.CONTROL_FRAME_TOO_LONG);
        }
        // end::control-too-long[]

        // tag::ping-echo[]
        @Test
        void a125BytePingIsAnsweredWithAPongCarryingTheSamePayload() {
            Payload payload = Payload.of(new byte[FrameHeader.MAX_7_BIT_LENGTH]);
            server.receive(client.send(Frame.ping(payload)));
            assertThat(server.takeEvents()).containsExactly(new Event.PingReceived(payload));
            assertThat(Peer.framesSentBy(server)).containsExactly(Frame.pong(payload));
        }
        // end::ping-echo[]

        @Test
        void aPongIsReportedAndNotAnswered() {
            server.receive(client.send(Frame.pong(Payload.utf8("beat"))));
            assertThat(server.takeEvents()).containsExactly(new Event.PongReceived(Payload.utf8("beat")));
            assertThat(server.takeOutgoingBytes()).isEmpty();
        }

        @Test
        void theApplicationCannotSendAnOversizedPing() {
            assertThatThrownBy(() -> server.sendPing(Payload.of(new byte[126])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("125");
        }
    }

    @Nested
    @DisplayName("§5.4 fragmentation")
    class Fragmentation {

        // tag::ping-between-fragments[]
        @Test
        void fragmentsWithAPingBetweenThemMakeOneMessage() {
            server.receive(client.send(
                    Frame.text("Hel").withFin(false),
                    Frame.ping(Payload.utf8("!")),
                    Frame.continuation(Payload.EMPTY, false),
                    Frame.continuation(Payload.utf8("lo"), true)));
            assertThat(server.takeEvents()).containsExactly(
                    new Event.PingReceived(Payload.utf8("!")), new Event.TextMessage("Hello"));
            assertThat(Peer.framesSentBy(server)).containsExactly(Frame.pong(Payload.utf8("!")));
        }
        // end::ping-between-fragments[]

        @Test
        void aContinuationWithNothingToContinueFailsTheConnection() {
            server.receive(client.send(Frame.continuation(Payload.utf8("x"), true)));
            assertFailed(server, Rule.CONTINUATION_WITHOUT_MESSAGE);
        }

        @Test
        void aNewMessageBeforeTheFragmentedOneEndsFailsTheConnection() {
            server.receive(client.send(Frame.text("a").withFin(false), Frame.binary(Payload.utf8("b"))));
            assertFailed(server, Rule.NEW_MESSAGE_INSIDE_FRAGMENTED_MESSAGE);
        }

        @Test
        void aMessageBeforeABrokenFrameIsDeliveredBeforeTheFailure() {
            server.receive(client.send(Frame.text("first"), Frame.text("x").withOpcode(0x3)));
            assertThat(server.takeEvents()).first().isEqualTo(new Event.TextMessage("first"));
        }
    }

    @Nested
    @DisplayName("§8.1 text must be UTF-8")
    class Utf8 {

        // tag::utf8-fail-fast[]
        @Test
        void invalidUtf8FailsWith1007AsSoonAsTheBadByteArrives() {
            // A 10-byte text frame whose third byte, 0xC0, can never start valid UTF-8; only 3 bytes arrive.
            byte[] frame = client.send(Frame.of(dev.wslab.protocol.frame.Opcode.TEXT,
                    Payload.hex("6869c0" + "41".repeat(7)))); // "hi", c0 (never valid in UTF-8), 7 times "A"
            server.receive(Arrays.copyOf(frame, 6 + 3));
            assertFailed(server, Rule.INVALID_UTF8);
        }
        // end::utf8-fail-fast[]

        @Test
        void aCodePointAboveU10FFFFFailsAtItsSecondByte() {
            byte[] frame = client.send(Frame.of(dev.wslab.protocol.frame.Opcode.TEXT, Payload.hex("f4908080"))); // f4 90 80 80: would be U+110000, above U+10FFFF
            server.receive(Arrays.copyOf(frame, 6 + 2));
            assertFailed(server, Rule.INVALID_UTF8);
        }

        // tag::utf8-split[]
        @Test
        void aCharacterSplitAcrossFragmentsIsValid() {
            // U+20AC EURO SIGN is e2 82 ac.
            server.receive(client.send(
                    Frame.of(dev.wslab.protocol.frame.Opcode.TEXT, Payload.hex("e282")).withFin(false), // the first 2 bytes of "€" (e2 82 ac)
                    Frame.continuation(Payload.hex("ac"), true))); // its last byte
            assertThat(server.takeEvents()).containsExactly(new Event.TextMessage("\u20ac"));
        }
        // end::utf8-split[]

        @Test
        void aMessageEndingInsideACharacterFailsWith1007() {
            server.receive(client.send(Frame.of(dev.wslab.protocol.frame.Opcode.TEXT, Payload.hex("41e282")))); // "A", then "€" without its last byte
            assertFailed(server, Rule.INVALID_UTF8);
        }
    }

    @Nested
    @DisplayName("§7.4.1 1009: message size limit")
    class MessageSize {

        private final Connection small = Connection.open(Role.SERVER, Limits.DEFAULTS.withMaxMessageSize(10),
                MaskingKeySource.fixed(0));

        // tag::too-big[]
        @Test
        void aFrameAnnouncingTooManyBytesFailsBeforeItsPayloadArrives() {
            byte[] frame = client.send(Frame.binary(Payload.of(new byte[11])));
            small.receive(Arrays.copyOf(frame, 6));
            assertFailed(small, Rule.MESSAGE_TOO_BIG);
        }
        // end::too-big[]

        @Test
        void fragmentsAddUpToTheLimit() {
            small.receive(client.send(Frame.binary(Payload.of(new byte[6])).withFin(false),
                    Frame.continuation(Payload.of(new byte[4]), true)));
            assertThat(small.takeEvents()).containsExactly(new Event.BinaryMessage(Payload.of(new byte[10])));
            small.receive(client.send(Frame.binary(Payload.of(new byte[6])).withFin(false),
                    Frame.continuation(Payload.of(new byte[5]), true)));
            assertFailed(small, Rule.MESSAGE_TOO_BIG);
        }

        @Test
        void controlFramesDoNotCountTowardsTheMessage() {
            small.receive(client.send(Frame.binary(Payload.of(new byte[10])).withFin(false),
                    Frame.ping(Payload.of(new byte[100])), Frame.continuation(Payload.EMPTY, true)));
            assertThat(small.takeEvents()).last().isEqualTo(new Event.BinaryMessage(Payload.of(new byte[10])));
        }
    }

    @Nested
    @DisplayName("§5.5.1 and §7 the closing handshake")
    class ClosingHandshake {

        // tag::close-echo[]
        @Test
        void aReceivedCloseIsAnsweredWithTheSameCodeAndTheConnectionIsClosedCleanly() {
            CloseStatus bye = CloseStatus.of(CloseCode.GOING_AWAY, "bye");
            server.receive(client.send(Frame.close(bye)));
            assertThat(server.takeEvents()).containsExactly(new Event.CloseReceived(bye),
                    new Event.Closed(bye, CloseStatus.of(CloseCode.GOING_AWAY), true));
            assertThat(Peer.framesSentBy(server)).containsExactly(Frame.close(CloseStatus.of(CloseCode.GOING_AWAY)));
            assertThat(server.state()).isEqualTo(ConnectionState.CLOSED);
        }
        // end::close-echo[]

        @Test
        void anEmptyCloseMeansNoStatusAndIsAnsweredWithAnEmptyClose() {
            server.receive(client.send(Frame.close(CloseStatus.NO_STATUS)));
            assertThat(server.takeEvents()).first().isEqualTo(new Event.CloseReceived(CloseStatus.NO_STATUS));
            assertThat(Peer.framesSentBy(server)).containsExactly(Frame.close(CloseStatus.NO_STATUS));
        }

        @Test
        void aOneByteClosePayloadFailsTheConnection() {
            server.receive(client.send(Frame.of(dev.wslab.protocol.frame.Opcode.CLOSE, Payload.hex("03")))); // a 1-byte body: half a code
            assertFailed(server, Rule.CLOSE_PAYLOAD_ONE_BYTE);
        }

        @ParameterizedTest(name = "code {0}")
        @org.junit.jupiter.params.provider.CsvSource({"0, CLOSE_CODE_NOT_USED", "999, CLOSE_CODE_NOT_USED",
                "1004, CLOSE_CODE_RESERVED", "1005, CLOSE_CODE_NEVER_SENT", "1006, CLOSE_CODE_NEVER_SENT",
                "1015, CLOSE_CODE_NEVER_SENT", "1016, CLOSE_CODE_RESERVED", "2000, CLOSE_CODE_RESERVED",
                "2999, CLOSE_CODE_RESERVED", "5000, CLOSE_CODE_UNDEFINED", "65535, CLOSE_CODE_UNDEFINED"})
        void aCodeNotValidOnTheWireFailsTheConnection(int code, Rule rule) {
            server.receive(client.send(Frame.of(dev.wslab.protocol.frame.Opcode.CLOSE,
                    Payload.of((byte) (code >> 8), (byte) code))));
            assertFailed(server, rule);
        }

        @ParameterizedTest(name = "code {0}")
        @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
        void aValidCodeIsEchoed(int code) {
            server.receive(client.send(Frame.close(CloseStatus.of(CloseCode.of(code)))));
            assertThat(Peer.framesSentBy(server)).containsExactly(Frame.close(CloseStatus.of(CloseCode.of(code))));
        }

        @Test
        void aCloseReasonThatIsNotUtf8FailsWith1007() {
            server.receive(client.send(Frame.of(dev.wslab.protocol.frame.Opcode.CLOSE, Payload.hex("03e8ff")))); // code 1000, reason ff (never valid in UTF-8)
            assertFailed(server, Rule.INVALID_CLOSE_REASON);
        }

        // tag::after-close[]
        @Test
        void afterSendingCloseNothingElseIsSentButMessagesStillArrive() {
            server.close(CloseStatus.NORMAL);
            assertThat(server.state()).isEqualTo(ConnectionState.CLOSING);
            assertThatThrownBy(() -> server.sendText("late")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Close frame was already sent");
            server.receive(client.send(Frame.text("in flight"), Frame.ping(Payload.EMPTY)));
            assertThat(server.takeEvents()).containsExactly(new Event.TextMessage("in flight"),
                    new Event.PingReceived(Payload.EMPTY));
            assertThat(Peer.framesSentBy(server)).as("only our Close, no Pong after it")
                    .containsExactly(Frame.close(CloseStatus.NORMAL));
        }
        // end::after-close[]

        @Test
        void whenBothSidesCloseAtOnceNeitherRepliesAgain() {
            server.close(CloseStatus.NORMAL);
            server.takeOutgoingBytes();
            server.receive(client.send(Frame.close(CloseStatus.of(CloseCode.GOING_AWAY))));
            assertThat(server.takeOutgoingBytes()).isEmpty();
            assertThat(server.takeEvents()).last().isEqualTo(
                    new Event.Closed(CloseStatus.of(CloseCode.GOING_AWAY), CloseStatus.NORMAL, true));
        }

        @Test
        void bytesAfterThePeersCloseAreIgnored() {
            server.receive(client.send(Frame.close(CloseStatus.NORMAL), Frame.text("after close")));
            assertThat(server.takeEvents()).noneMatch(event -> event instanceof Event.TextMessage);
        }

        // tag::abnormal[]
        @Test
        void theTransportEndingWithoutACloseIsAnAbnormalClosure1006() {
            server.receiveEof();
            assertThat(server.takeEvents()).containsExactly(
                    new Event.Closed(CloseStatus.ABNORMAL, CloseStatus.ABNORMAL, false));
            assertThat(server.state()).isEqualTo(ConnectionState.CLOSED);
        }
        // end::abnormal[]

        @Test
        void afterFailingTheConnectionNoMoreDataIsProcessed() {
            server.receive(client.send(Frame.text("x").withOpcode(0x3)));
            server.takeEvents();
            server.takeOutgoingBytes();
            server.receive(client.send(Frame.text("ignored"), Frame.ping(Payload.EMPTY)));
            assertThat(server.takeEvents()).isEmpty();
            assertThat(server.takeOutgoingBytes()).isEmpty();
        }

        @Test
        void theApplicationCanFailTheConnectionWithItsOwnCode() {
            server.fail(CloseStatus.of(CloseCode.POLICY_VIOLATION, "no"));
            assertThat(Peer.framesSentBy(server)).containsExactly(Frame.close(CloseStatus.of(CloseCode.POLICY_VIOLATION, "no")));
            assertThat(server.state()).isEqualTo(ConnectionState.CLOSED);
        }

        @Test
        void theApplicationCannotSendAReservedCode() {
            assertThatThrownBy(() -> server.close(CloseStatus.ABNORMAL)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
