package dev.wslab.tutorials.monitoring;

import dev.wslab.client.Backoff;
import dev.wslab.client.ClientOptions;
import dev.wslab.client.ReconnectPolicy;
import dev.wslab.client.ReconnectStats;
import dev.wslab.client.ReconnectingClient;
import dev.wslab.client.WebSocketClient;
import dev.wslab.server.Endpoints;
import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.SessionOptions;
import dev.wslab.transport.WebSocketSession;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * MonitoringLab runs a server whose heartbeat is fast enough to show ping round trips at once, lets
 * connections come and go with different close codes, and reads the result the way Prometheus would:
 * {@code GET /metrics}. The client-side number, the reconnection rate, comes from a
 * {@link ReconnectingClient}'s {@link ReconnectStats}.
 *
 * Run it: {@code mvn -pl tutorials test -Dtest=MonitoringLabTest}, or this class's main method.
 */
public final class MonitoringLab implements AutoCloseable {

    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocketServer server;

    // tag::server[]
    public MonitoringLab() throws IOException {
        server = WebSocketServer.builder()
                .endpoint("/echo", Endpoints.echo())
                .endpoint("/restart", new RestartOnceHandler()) // closes the first connection with 1012
                .sessionOptions(SessionOptions.DEFAULTS     // a Ping every 100 ms, for the RTT histogram
                        .withHeartbeat(Duration.ofMillis(100), Duration.ofSeconds(10)))
                .metricsPath("/metrics")                    // the default, spelled out
                .start();
    }
    // end::server[]

    public WebSocketServer server() {
        return server;
    }

    /** Returns the metrics URL, {@code http://127.0.0.1:<port>/metrics}. */
    public URI metricsUrl() {
        return URI.create(server.uri("/metrics").replace("ws://", "http://"));
    }

    /** Scrapes the metrics once. */
    public Scrape scrape() throws IOException, InterruptedException {
        return Scrape.of(http, metricsUrl());
    }

    /**
     * Scrapes until {@code condition} holds or {@code limit} passed, and returns the last scrape: the
     * session threads update the metrics a moment after the client sees a close.
     */
    public Scrape scrapeUntil(Predicate<Scrape> condition, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Scrape scrape = scrape();
        while (!condition.test(scrape) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            scrape = scrape();
        }
        return scrape;
    }

    /** Opens a client connection to the echo endpoint (through {@code port}, e.g. a relay's). */
    public WebSocketSession connect(int port) throws Exception {
        return WebSocketClient.connect(URI.create("ws://127.0.0.1:" + port + "/echo"), ClientOptions.DEFAULTS);
    }

    /**
     * Connects a {@link ReconnectingClient} to the endpoint that restarts (1012), waits until it is back,
     * stops it, and returns its counters.
     */
    // tag::reconnects[]
    public ReconnectStats reconnectThroughRestart() throws InterruptedException {
        CountDownLatch secondSession = new CountDownLatch(2);
        AtomicInteger sessions = new AtomicInteger();
        ReconnectPolicy policy = ReconnectPolicy.DEFAULT.withBackoff(
                new Backoff(Duration.ofMillis(50), 2.0, Duration.ofSeconds(1), Backoff.Jitter.FULL));
        ReconnectingClient client = new ReconnectingClient(URI.create(server.uri("/restart")),
                ClientOptions.DEFAULTS, policy, session -> {
                    sessions.incrementAndGet();
                    secondSession.countDown();
                    while (session.receive().isPresent()) {
                        // read until the session ends: 1012 the first time, our stop() the second
                    }
                });
        Thread runner = client.start();
        if (!secondSession.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the client did not come back; sessions: " + sessions.get());
        }
        client.stop();
        runner.join(Duration.ofSeconds(10));
        return client.stats(); // attempts, opened, failed, dropped (ended in a way that called for a reconnect)
    }
    // end::reconnects[]

    @Override
    public void close() {
        server.close();
        http.close();
    }

    /** Makes some traffic and prints the metrics page. */
    public static void main(String[] args) throws Exception {
        try (MonitoringLab lab = new MonitoringLab()) {
            WebSocketSession session = lab.connect(lab.server().port());
            session.sendText("hello");
            session.receive();
            System.out.println(lab.reconnectThroughRestart());
            Thread.sleep(300);
            session.close();
            System.out.println(lab.scrapeUntil(s -> s.closes(1000) >= 2, Duration.ofSeconds(5)).text());
        }
    }
}
