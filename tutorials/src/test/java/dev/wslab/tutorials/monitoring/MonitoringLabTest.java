package dev.wslab.tutorials.monitoring;

import dev.wslab.client.ReconnectStats;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;
import dev.wslab.tutorials.relay.TcpRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Monitoring lab: what /metrics shows after connections come and go")
class MonitoringLabTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private MonitoringLab lab;

    @BeforeEach
    void start() throws Exception {
        lab = new MonitoringLab();
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    @Test
    @DisplayName("active connections, messages in/out and the ping round-trip histogram, while a connection is open")
    void openConnectionShowsUp() throws Exception {
        WebSocketSession session = lab.connect(lab.server().port());
        try {
            session.sendText("one");
            session.sendText("two");
            assertThat(session.receive()).contains(new Message.Text("one"));
            assertThat(session.receive()).contains(new Message.Text("two"));

            Scrape open = lab.scrapeUntil(s -> s.value("wslab_messages_total{direction=\"out\"}") >= 2
                    && s.value("wslab_ping_round_trip_seconds_count") >= 1, WAIT);

            assertThat(open.value("wslab_connections_active")).isEqualTo(1);
            assertThat(open.value("wslab_messages_total{direction=\"in\"}")).isEqualTo(2);
            assertThat(open.value("wslab_messages_total{direction=\"out\"}")).isEqualTo(2);
            assertThat(open.value("wslab_ping_round_trip_seconds_count")).isGreaterThanOrEqualTo(1);
            assertThat(open.samples()).containsKey("wslab_ping_round_trip_seconds_bucket{le=\"+Inf\"}");
            assertThat(open.text()).contains("# TYPE wslab_ping_round_trip_seconds histogram");
        } finally {
            session.close();
        }
    }

    @Test
    @DisplayName("disconnects per close code: 1000, 1006 (the relay cut) and 1012, and the client's reconnection")
    void disconnectsPerCloseCodeAndReconnections() throws Exception {
        // tag::scenario[]
        WebSocketSession normal = lab.connect(lab.server().port());
        try (TcpRelay relay = TcpRelay.to(lab.server().port()).start()) {
            WebSocketSession dropped = lab.connect(relay.port());
            lab.scrapeUntil(s -> s.value("wslab_connections_active") >= 2, WAIT);
            relay.cutAll();
            dropped.closed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        ReconnectStats stats = lab.reconnectThroughRestart();
        normal.close();

        Scrape after = lab.scrapeUntil(s -> s.closes(1000) >= 2 && s.closes(1006) >= 1 && s.closes(1012) >= 1
                && s.value("wslab_connections_active") == 0, WAIT);

        assertThat(after.closes(1000)).as("the normal client and the reconnecting client's stop()").isEqualTo(2);
        assertThat(after.closes(1006)).as("the relay cut: no Close frame").isEqualTo(1);
        assertThat(after.closes(1012)).as("the restart").isEqualTo(1);
        assertThat(after.value("wslab_connections_opened_total")).isEqualTo(4);
        assertThat(after.value("wslab_connections_closed_total")).isEqualTo(4);
        assertThat(after.value("wslab_connections_active")).isZero();

        assertThat(stats.opened()).isEqualTo(2);
        assertThat(stats.dropped()).as("sessions that ended in a reconnect").isEqualTo(1);
        assertThat(stats.failed()).isZero();
        // end::scenario[]
    }

    @Test
    @DisplayName("the parser reads the Prometheus text format: labels kept, comments skipped")
    void parsesTheTextFormat() {
        Scrape scrape = Scrape.parse("""
                # tag::format[]
                # HELP wslab_closes_total Closed connections by close code
                # TYPE wslab_closes_total counter
                wslab_closes_total{code="1006"} 3.0
                wslab_connections_active 7.0
                # end::format[]
                """);
        assertThat(scrape.closes(1006)).isEqualTo(3);
        assertThat(scrape.closes(1000)).isZero();
        assertThat(scrape.value("wslab_connections_active")).isEqualTo(7);
        assertThat(scrape.samples()).hasSize(2);
    }
}
