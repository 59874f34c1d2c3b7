package dev.wslab.tutorials.limits;

import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;
import dev.wslab.tutorials.monitoring.Scrape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Connection limit lab: beyond maxConnections, 503 + Retry-After; a freed slot is reused")
class ConnectionLimitLabTest {

    private ConnectionLimitLab lab;
    private final List<WebSocketSession> open = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        lab = new ConnectionLimitLab();
    }

    @AfterEach
    void stop() {
        open.forEach(session -> session.abort("test over"));
        lab.close();
    }

    @Test
    @DisplayName("the connection over the limit is refused with 503, the others keep working, a closed one frees a slot")
    void refusesBeyondTheLimitAndRecovers() throws Exception {
        for (int i = 0; i < ConnectionLimitLab.MAX_CONNECTIONS; i++) {
            ConnectionLimitLab.Attempt attempt = lab.tryConnect();
            assertThat(attempt.status()).as("connection %d of %d", i + 1, ConnectionLimitLab.MAX_CONNECTIONS)
                    .isEqualTo(101);
            open.add(attempt.session().orElseThrow());
        }

        ConnectionLimitLab.Attempt oneMore = lab.tryConnect();
        assertThat(oneMore.status()).isEqualTo(503);
        assertThat(oneMore.retryAfter()).contains("2");
        assertThat(oneMore.session()).isEmpty();

        WebSocketSession first = open.getFirst();
        first.sendText("still here");
        assertThat(first.receive()).contains(new Message.Text("still here"));

        WebSocketSession leaving = open.removeLast();
        leaving.close();
        leaving.closed().get(10, TimeUnit.SECONDS);
        ConnectionLimitLab.Attempt again = lab.tryConnect();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // The server frees the slot once its side of the connection has ended, a moment after the client's.
        while (again.status() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            again = lab.tryConnect();
        }
        assertThat(again.status()).isEqualTo(101);
        open.add(again.session().orElseThrow());

        // The server counts a connection as active once its side has opened, a moment after the client read the 101.
        Scrape metrics = scrape();
        while (metrics.value("wslab_connections_active") < ConnectionLimitLab.MAX_CONNECTIONS && System.nanoTime() < deadline) {
            Thread.sleep(20);
            metrics = scrape();
        }
        assertThat(metrics.value("wslab_handshake_failures_total{status=\"503\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("wslab_connections_active")).isEqualTo(ConnectionLimitLab.MAX_CONNECTIONS);
    }

    private Scrape scrape() {
        return Scrape.parse(new String(lab.server().metrics().answer().body(), StandardCharsets.UTF_8));
    }
}
