package dev.wslab.server;

import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.deflate.DeflateTotals;
import dev.wslab.protocol.http.HttpHeaders;
import dev.wslab.transport.Direction;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * ServerMetrics counts what a {@link WebSocketServer} does, with the official Prometheus Java client, in
 * a registry of its own (two servers in one JVM do not mix their numbers). {@link #answer()} renders it
 * in the Prometheus text format, which the server serves on its metrics path.
 *
 * <p>The close code of a connection is the code of the Close frame received, else of the one sent,
 * else 1006: the TCP connection ended without any Close frame (RFC 6455 §7.1.5).
 *
 * <p>permessage-deflate (RFC 7692): the connections that agreed on it, and the messages that went compressed
 * each way (RSV1) with their bytes before and after compression, so that
 * {@code wslab_deflate_bytes_total{form="compressed"} / wslab_deflate_bytes_total{form="uncompressed"}}
 * is the ratio. Messages under the threshold go uncompressed and are not counted there.
 */
public final class ServerMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Gauge active = Gauge.builder().name("wslab_connections_active")
            .help("WebSocket connections open now").register(registry);
    private final Counter opened = Counter.builder().name("wslab_connections_opened_total")
            .help("WebSocket connections opened (handshake accepted)").register(registry);
    private final Counter closed = Counter.builder().name("wslab_connections_closed_total")
            .help("WebSocket connections closed").register(registry);
    private final Counter closesByCode = Counter.builder().name("wslab_closes_total")
            .help("Closed connections by close code (1006: no Close frame)").labelNames("code").register(registry);
    private final Counter messages = Counter.builder().name("wslab_messages_total")
            .help("Whole messages received (in) and sent (out)").labelNames("direction").register(registry);
    private final Counter bytes = Counter.builder().name("wslab_bytes_total")
            .help("Bytes read from (in) and written to (out) WebSocket sockets, frame headers included")
            .labelNames("direction").register(registry);
    private final Histogram pingRoundTrip = Histogram.builder().name("wslab_ping_round_trip_seconds")
            .help("Time from a heartbeat Ping to its Pong").classicOnly()
            .classicUpperBounds(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10).register(registry);
    private final Counter deflateOpened = Counter.builder().name("wslab_deflate_connections_opened_total")
            .help("WebSocket connections opened with permessage-deflate agreed (RFC 7692)").register(registry);
    private final Gauge deflateActive = Gauge.builder().name("wslab_deflate_connections_active")
            .help("WebSocket connections open now with permessage-deflate agreed").register(registry);
    private final Counter deflateMessages = Counter.builder().name("wslab_deflate_messages_total")
            .help("Messages received (in) and sent (out) compressed, RSV1 set (RFC 7692 §6)")
            .labelNames("direction").register(registry);
    private final Counter deflateBytes = Counter.builder().name("wslab_deflate_bytes_total")
            .help("Bytes of the compressed messages, as payload on the wire (compressed) and before compression"
                    + " or after inflation (uncompressed)")
            .labelNames("direction", "form").register(registry);
    private final Counter handshakeFailures = Counter.builder().name("wslab_handshake_failures_total")
            .help("Handshakes answered with an HTTP error, by status").labelNames("status").register(registry);

    ServerMetrics() {
    }

    /** A handshake was accepted. */
    void connectionOpened() {
        opened.inc();
        active.inc();
    }

    /** A connection that was open has ended as {@code event} says. */
    void connectionClosed(Event.Closed event) {
        closed.inc();
        active.dec();
        closesByCode.labelValues(Integer.toString(closeCode(event))).inc();
    }

    /** Returns the code a close is counted under: received, else sent, else 1006. */
    static int closeCode(Event.Closed event) {
        if (!event.received().equals(CloseStatus.ABNORMAL)) {
            return event.received().code().value();
        }
        return event.sent().code().value();
    }

    /** A connection opened with permessage-deflate agreed (counted by {@link #connectionOpened()} too). */
    void deflateConnectionOpened() {
        deflateOpened.inc();
        deflateActive.inc();
    }

    /** A connection that had permessage-deflate agreed has ended. */
    void deflateConnectionClosed() {
        deflateActive.dec();
    }

    /** Counts what a connection compressed and inflated since it was last counted. */
    void compression(DeflateTotals since) {
        count("out", since.sent());
        count("in", since.received());
    }

    private void count(String direction, DeflateTotals.Flow flow) {
        if (flow.messages() > 0) {
            deflateMessages.labelValues(direction).inc(flow.messages());
        }
        if (flow.compressedBytes() > 0) {
            deflateBytes.labelValues(direction, "compressed").inc(flow.compressedBytes());
        }
        if (flow.uncompressedBytes() > 0) {
            deflateBytes.labelValues(direction, "uncompressed").inc(flow.uncompressedBytes());
        }
    }

    void messageIn() {
        messages.labelValues("in").inc();
    }

    void messageOut() {
        messages.labelValues("out").inc();
    }

    void bytes(Direction direction, int count) {
        bytes.labelValues(direction == Direction.INBOUND ? "in" : "out").inc(count);
    }

    void pingRoundTrip(Duration roundTrip) {
        pingRoundTrip.observe(roundTrip.toNanos() / 1e9);
    }

    void handshakeFailed(int status) {
        handshakeFailures.labelValues(Integer.toString(status)).inc();
    }

    /** Returns the registry, to register more metrics of the application's own. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Returns the metrics as a scrape answer in the Prometheus text format (version 0.0.4). */
    public HttpAnswer answer() {
        PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return new HttpAnswer(200, writer.getContentType(), out.toByteArray(),
                HttpHeaders.empty());
    }
}
