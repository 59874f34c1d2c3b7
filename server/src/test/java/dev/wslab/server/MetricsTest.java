package dev.wslab.server;

import dev.wslab.transport.SessionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("WebSocketServer: Prometheus metrics, scraped over HTTP")
class MetricsTest {

    private final List<AutoCloseable> resources = new ArrayList<>();
    private WebSocketServer server;
    private HttpClient client;

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(
                server.uri("/metrics").replace("ws://", "http://"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        return response.body();
    }

    /** Scrapes until {@code condition} holds (metrics are updated by the session's threads), 10 s at most. */
    private String scrapeUntil(Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String body = scrape();
        while (!condition.test(body) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            body = scrape();
        }
        return body;
    }

    private static double value(String body, String series) {
        return body.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElse(0.0);
    }

    @Test
    void countsConnectionsMessagesBytesClosesPingsAndRefusedHandshakes() throws Exception {
        server = WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .sessionOptions(SessionOptions.DEFAULTS.withHeartbeat(Duration.ofMillis(50), Duration.ofSeconds(5)))
                .start();
        resources.add(server);
        client = HttpClient.newHttpClient();
        resources.add(client);

        RecordingListener listener = new RecordingListener();
        WebSocket webSocket = client.newWebSocketBuilder()
                .buildAsync(URI.create(server.uri("/echo")), listener).join();
        resources.add(webSocket::abort);
        webSocket.sendText("one", true).join();
        webSocket.sendBinary(ByteBuffer.wrap(new byte[1000]), true).join();
        listener.next();
        listener.next();
        String open = scrapeUntil(body -> value(body, "wslab_messages_total{direction=\"out\"}") >= 2
                && value(body, "wslab_ping_round_trip_seconds_count") >= 1);

        webSocket.sendClose(4000, "done").join();
        listener.close();
        RawHttp.send(server.port(), RawHttp.upgradeRequest("/nowhere"));
        java.net.Socket dropped = RawHttp.openWebSocket(server.port(), "/echo");
        dropped.setSoLinger(true, 0);
        dropped.close(); // TCP reset without a Close frame
        String closed = scrapeUntil(body -> value(body, "wslab_closes_total{code=\"1006\"}") >= 1
                && value(body, "wslab_closes_total{code=\"4000\"}") >= 1);

        assertThat(value(open, "wslab_connections_active")).isEqualTo(1);
        assertThat(value(open, "wslab_messages_total{direction=\"in\"}")).isEqualTo(2);
        assertThat(value(open, "wslab_messages_total{direction=\"out\"}")).isEqualTo(2);
        assertThat(value(open, "wslab_bytes_total{direction=\"in\"}")).isGreaterThan(1000 + 3);
        assertThat(value(open, "wslab_bytes_total{direction=\"out\"}")).isGreaterThan(1000 + 3);
        assertThat(value(open, "wslab_ping_round_trip_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(open).contains("wslab_ping_round_trip_seconds_bucket{le=\"+Inf\"}");

        assertThat(value(closed, "wslab_connections_active")).isZero();
        assertThat(value(closed, "wslab_connections_opened_total")).isEqualTo(2);
        assertThat(value(closed, "wslab_connections_closed_total")).isEqualTo(2);
        assertThat(value(closed, "wslab_closes_total{code=\"4000\"}")).isEqualTo(1);
        assertThat(value(closed, "wslab_closes_total{code=\"1006\"}")).isEqualTo(1);
        assertThat(value(closed, "wslab_handshake_failures_total{status=\"404\"}")).isEqualTo(1);
    }
}
