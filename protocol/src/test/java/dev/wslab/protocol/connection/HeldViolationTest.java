package dev.wslab.protocol.connection;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.MaskingKeySource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@link Connection#holdViolations()}, a violation stops reading at once, but the Close that fails the
 * connection waits: the application may answer the messages that came before it first (§7.1.7 does not
 * forbid it).
 */
@DisplayName("Connection.holdViolations")
class HeldViolationTest {

    private final Connection server = Connection.open(Role.SERVER, Limits.DEFAULTS, MaskingKeySource.fixed(0));
    private final Peer client = Peer.of(server);

    @BeforeEach
    void aValidMessageThenAViolationInOneRead() {
        server.holdViolations();
        server.receive(client.send(
                Frame.text("Hello"),
                Frame.text("after the violation"),
                Frame.text("reserved").withOpcode(0x3), // opcode 0x3 is reserved (§5.2): 1002
                Frame.text("never read")));
    }

    @Test
    void theMessagesBeforeTheViolationAreReportedThenTheFailureAndTheConnectionStaysOpenForSending() {
        List<Event> events = server.takeEvents();

        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isEqualTo(new Event.TextMessage("Hello"));
        assertThat(events.get(1)).isEqualTo(new Event.TextMessage("after the violation"));
        assertThat(events.get(2)).isInstanceOfSatisfying(Event.Failed.class,
                failed -> assertThat(failed.violation().closeCode()).isEqualTo(CloseCode.PROTOCOL_ERROR));
        assertThat(server.takeOutgoingBytes()).isEmpty();
        assertThat(server.state()).isEqualTo(ConnectionState.OPEN);
    }

    @Test
    void theAnswerGoesOutBeforeTheCloseOfFailHeldViolation() {
        server.takeEvents();
        server.sendText("Hello");
        server.failHeldViolation();

        assertThat(Peer.framesSentBy(server)).extracting(Frame::opcode).containsExactly(0x1, 0x8); // Text, Close
        assertThat(server.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(server.takeEvents()).singleElement().isInstanceOfSatisfying(Event.Closed.class,
                closed -> assertThat(closed.sent().code()).isEqualTo(CloseCode.PROTOCOL_ERROR));
    }

    @Test
    void nothingAfterTheViolationIsRead() {
        server.takeEvents();
        server.receive(client.send(Frame.text("later")));

        assertThat(server.takeEvents()).isEmpty();
    }

    @Test
    void closingWhileAViolationIsHeldSendsTheViolationsCode() {
        server.takeEvents();
        server.close(CloseStatus.NORMAL);

        List<Frame> sent = Peer.framesSentBy(server);
        assertThat(sent).singleElement().satisfies(close ->
                assertThat(CloseStatus.parse(close.payload()).code()).isEqualTo(CloseCode.PROTOCOL_ERROR));
        assertThat(server.state()).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void theEndOfTheTransportSendsTheHeldClose() {
        server.takeEvents();
        server.receiveEof();

        assertThat(Peer.framesSentBy(server)).singleElement().satisfies(close ->
                assertThat(CloseStatus.parse(close.payload()).code()).isEqualTo(CloseCode.PROTOCOL_ERROR));
        assertThat(server.state()).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void failHeldViolationWithNothingHeldDoesNothing() {
        Connection open = Connection.open(Role.SERVER, Limits.DEFAULTS, MaskingKeySource.fixed(0));
        open.holdViolations();
        open.failHeldViolation();

        assertThat(open.takeOutgoingBytes()).isEmpty();
        assertThat(open.takeEvents()).isEmpty();
        assertThat(open.state()).isEqualTo(ConnectionState.OPEN);
    }
}
