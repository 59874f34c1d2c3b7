package dev.wslab.client;

import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("MessageWatchdog")
class MessageWatchdogTest {

    /** A clock that moves only when told. */
    static final class ManualClock implements InstantSource {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<Duration> silences = new CopyOnWriteArrayList<>();
    private final MessageWatchdog watchdog = new MessageWatchdog(Duration.ofSeconds(5), clock, silences::add);
    private EchoServer server;
    private WebSocketSession session;

    @AfterEach
    void close() {
        watchdog.close();
        if (session != null) {
            session.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void reportsOnceWhenTheGapPassesWithoutAMessage() {
        clock.advance(Duration.ofSeconds(4));
        assertThat(watchdog.check()).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(watchdog.check()).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(watchdog.check()).isFalse();
        assertThat(silences).containsExactly(Duration.ofSeconds(6));
    }

    @Test
    void aMessageRestartsTheCountAndArmsTheNextReport() {
        clock.advance(Duration.ofSeconds(6));
        watchdog.check();
        watchdog.event(null, new Event.TextMessage("tick"));
        clock.advance(Duration.ofSeconds(3));
        assertThat(watchdog.check()).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(watchdog.check()).isTrue();
        assertThat(silences).containsExactly(Duration.ofSeconds(6), Duration.ofSeconds(5));
    }

    @Test
    void pingsAndPongsAreNotMessages() {
        clock.advance(Duration.ofSeconds(3));
        watchdog.event(null, new Event.PingReceived(Payload.EMPTY));
        watchdog.event(null, new Event.PongReceived(Payload.EMPTY));
        clock.advance(Duration.ofSeconds(3));
        assertThat(watchdog.check()).isTrue();
    }

    @Test
    void onALiveSessionItReportsTheSilenceAfterTheLastEcho() throws Exception {
        server = EchoServer.plain();
        LinkedBlockingQueue<Duration> reported = new LinkedBlockingQueue<>();
        MessageWatchdog real = new MessageWatchdog(Duration.ofMillis(100), InstantSource.system(), reported::add);
        try (real) {
            session = WebSocketClient.connect(server.uri("/"), ClientOptions.DEFAULTS.withObserver(real));
            real.start();
            session.sendText("one");
            assertThat(session.receive()).contains(new Message.Text("one"));

            Duration silence = reported.poll(10, TimeUnit.SECONDS);

            assertThat(silence).isNotNull().isGreaterThanOrEqualTo(Duration.ofMillis(100));
        }
    }
}
