package dev.wslab.tutorials.closecodes;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Event;
import dev.wslab.server.Transition;
import dev.wslab.transport.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Close codes lab: 1006, 1007, 1009 and 4001, seen by the client and logged by the server")
class CloseCodeLabTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private CloseCodeLab lab;

    @BeforeEach
    void start() throws Exception {
        lab = new CloseCodeLab();
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    private int serverCode() throws InterruptedException {
        List<Transition> closes = lab.serverLog().awaitCloses(1, WAIT);
        assertThat(closes).as("the server logged one CLOSED line with a code").hasSize(1);
        return ServerCloseLog.codeOf(closes.getFirst()).orElseThrow();
    }

    @Test
    @DisplayName("a relay dropping TCP: 1006 on both sides, and no Close frame either way")
    void networkDropIs1006OnBothSides() throws Exception {
        CloseStatus client = lab.networkDrop();

        assertThat(client.code()).isEqualTo(CloseCode.ABNORMAL_CLOSURE);
        assertThat(serverCode()).isEqualTo(1006);
        assertThat(lab.serverLog().closes().getFirst().detail()).contains("received=none sent=none");
        assertThat(lab.clientLog().awaitCloses(1, WAIT)).extracting(CloseStatus::code)
                .containsExactly(CloseCode.ABNORMAL_CLOSURE);
    }

    @Test
    @DisplayName("text that is not UTF-8: the server fails the connection with 1007")
    void invalidUtf8Is1007() throws Exception {
        List<Event> events = lab.invalidUtf8();

        assertThat(events).filteredOn(Event.CloseReceived.class::isInstance)
                .extracting(e -> ((Event.CloseReceived) e).status().code())
                .containsExactly(CloseCode.INVALID_FRAME_PAYLOAD_DATA);
        assertThat(events.getLast()).isInstanceOf(Event.Closed.class);
        assertThat(serverCode()).isEqualTo(1007);
        assertThat(lab.serverLog().closes().getFirst().detail()).contains("sent=1007");
    }

    @Test
    @DisplayName("a message one byte over the limit: 1009 on both sides")
    void oversizedMessageIs1009() throws Exception {
        CloseStatus client = lab.tooBig();

        assertThat(client.code()).isEqualTo(CloseCode.MESSAGE_TOO_BIG);
        assertThat(client.reason()).as("the server's reason, logged by the client").contains("larger");
        assertThat(serverCode()).isEqualTo(1009);
        assertThat(lab.serverLog().closes().getFirst().detail()).contains("sent=1009");
    }

    @Test
    @DisplayName("an expired token: the server closes with 4001, the client refreshes the token and gets in")
    void invalidTokenIs4001ThenRefreshAndReconnect() throws Exception {
        TokenClient.Authenticated authenticated = lab.expiredToken();
        try {
            assertThat(authenticated.attempts()).isEqualTo(2);
            assertThat(lab.tokens().issuedCount()).as("the original token and one refreshed").isEqualTo(2);
            assertThat(lab.clientLog().awaitCloses(1, WAIT))
                    .containsExactly(CloseStatus.of(CloseCode.of(4001), "invalid token"));
            assertThat(serverCode()).isEqualTo(4001);

            authenticated.session().sendText("after the refresh");
            assertThat(authenticated.session().receive()).contains(new Message.Text("after the refresh"));
        } finally {
            authenticated.session().close();
        }
    }

    @Test
    @DisplayName("the reaction follows the code: refresh on 4001, back off on 4002, log in on 4003, stop on 1000")
    void reactionsByCode() {
        assertThat(Reaction.to(CloseStatus.of(CloseCode.of(4001)))).isEqualTo(Reaction.REFRESH_TOKEN_THEN_RECONNECT);
        assertThat(Reaction.to(CloseStatus.of(CloseCode.of(4002)))).isEqualTo(Reaction.BACK_OFF_THEN_RECONNECT);
        assertThat(Reaction.to(CloseStatus.of(CloseCode.of(4003)))).isEqualTo(Reaction.REAUTHENTICATE_THEN_RECONNECT);
        assertThat(Reaction.to(CloseStatus.NORMAL)).isEqualTo(Reaction.STOP);
        assertThat(Reaction.to(CloseStatus.ABNORMAL)).isEqualTo(Reaction.RECONNECT_WITH_BACKOFF);
        assertThat(Reaction.to(CloseStatus.of(CloseCode.MESSAGE_TOO_BIG))).isEqualTo(Reaction.REPORT_BUG);
    }
}
