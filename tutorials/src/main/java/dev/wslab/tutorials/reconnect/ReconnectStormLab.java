package dev.wslab.tutorials.reconnect;

import dev.wslab.client.Backoff;
import dev.wslab.client.Backoff.Jitter;
import dev.wslab.client.ClientOptions;
import dev.wslab.client.ReconnectPolicy;
import dev.wslab.client.ReconnectingClient;
import dev.wslab.client.WebSocketClient;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.server.HandshakeRateLimiter;
import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.WebSocketSession;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The reconnect storm lab: {@code clients} {@link ReconnectingClient}s are connected to a server; the
 * server restarts (it drops every connection at once, stays down for a while, and listens again on the same
 * port); the lab counts the handshakes that reach the restarted server per 100 ms bucket.
 *
 * <p>Without jitter every client computes the same delays (100, 100, 200, 400, 800 ms ...) from the same
 * moment, so all of them arrive together: the whole population in one bucket. With jitter each client
 * draws its own delays and the arrivals spread out. Each client has its own {@code Random}, seeded from the
 * lab's seed, so the delays of a run can be repeated (the scheduling of 100 threads cannot).
 *
 * <p>Times are scaled down ten times: base 100 ms for the 1 s of production, cap 3 s for 30 s.
 */
public final class ReconnectStormLab {

    /** The lab's backoff without jitter: base 100 ms, doubling, capped at 3 s (production ÷ 10). */
    public static final Backoff SCALED_DOWN = new Backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(3), Jitter.NONE);

    /** The width of a histogram bucket. */
    public static final Duration BUCKET = Duration.ofMillis(100);

    /**
     * What one restart looked like.
     *
     * @param handshakes connection attempts that reached the restarted server, per bucket since the restart
     * @param opened handshakes the restarted server accepted (101)
     * @param refused429 handshakes it answered 429 (rate limited)
     * @param reconnected clients with an open session again when the lab stopped waiting
     * @param down how long after the restart began the server listened again
     */
    public record Result(HandshakeHistogram handshakes, int opened, int refused429, int reconnected, Duration down) {
    }

    /**
     * The settings of one run.
     *
     * @param clients how many clients are dropped at once
     * @param backoff their backoff; its jitter is what the lab compares
     * @param downtime how long after the restart began the new server listens again
     * @param rateLimiter a per-IP handshake limit on the restarted server, if any
     * @param patience how long to wait, at most, for every client to be back
     * @param seed the seed of the clients' random numbers
     */
    public record Settings(int clients, Backoff backoff, Duration downtime, Optional<HandshakeRateLimiter> rateLimiter,
                           Duration patience, long seed) {

        /**
         * 100 clients, the scaled-down backoff with {@code jitter}, down for 1.2 s (between the attempts at
         * 800 ms and 1 600 ms of a client without jitter), no rate limit.
         */
        public static Settings of(Jitter jitter) {
            return new Settings(100, SCALED_DOWN.withJitter(jitter), Duration.ofMillis(1200), Optional.empty(),
                    Duration.ofSeconds(20), 42);
        }

        /** Returns a copy whose restarted server limits handshakes per IP address. */
        public Settings withRateLimiter(HandshakeRateLimiter limiter, Duration patience) {
            return new Settings(clients, backoff, downtime, Optional.of(limiter), patience, seed);
        }
    }

    private static final Logger WSLAB_LOGS = Logger.getLogger("dev.wslab");

    private ReconnectStormLab() {
    }

    /** Runs one restart and returns what the restarted server saw. */
    public static Result run(Settings settings) throws IOException, InterruptedException {
        Level previous = WSLAB_LOGS.getLevel();
        WSLAB_LOGS.setLevel(Level.SEVERE); // 100 clients log every attempt; the histogram says it better
        ConcurrentLinkedQueue<Long> attempts = new ConcurrentLinkedQueue<>();
        AtomicLong serverDownAt = new AtomicLong();
        List<ReconnectingClient> clients = new ArrayList<>();
        try (WebSocketServer before = holdingServer(0, Optional.empty(), new AtomicInteger(), new AtomicInteger())) {
            URI uri = URI.create(before.uri("/storm"));
            // tag::clients[]
            ReconnectPolicy policy = ReconnectPolicy.DEFAULT.withBackoff(settings.backoff());
            for (int i = 0; i < settings.clients(); i++) {
                ScheduledSleeper sleeper = new ScheduledSleeper();
                ReconnectingClient client = new ReconnectingClient(uri, ClientOptions.DEFAULTS, policy,
                        session -> {
                            readUntilClosed(session);
                            sleeper.droppedAt(serverDownAt.get());
                        },
                        (target, options) -> {
                            attempts.add(System.nanoTime()); // when this handshake starts
                            return WebSocketClient.connect(target, options);
                        },
                        sleeper,
                        new Random(settings.seed() * 1_000_003 + i)); // its own numbers, repeatable
                clients.add(client);
                client.start();
            }
            // end::clients[]
            awaitOpen(before, settings.clients(), Duration.ofSeconds(30));
            return restart(before, settings, attempts, serverDownAt, () -> clients.forEach(ReconnectingClient::stop));
        } finally {
            clients.forEach(ReconnectingClient::stop);
            WSLAB_LOGS.setLevel(previous);
        }
    }

    // tag::restart[]
    private static Result restart(WebSocketServer before, Settings settings, ConcurrentLinkedQueue<Long> attempts,
                                  AtomicLong serverDownAt, Runnable stopClients) throws IOException, InterruptedException {
        long restartedAt = System.nanoTime();
        serverDownAt.set(restartedAt);
        // No grace period: every connection is dropped at once, as when the process is killed.
        before.shutdown(CloseStatus.of(CloseCode.SERVICE_RESTART, "restarting"), Duration.ZERO);
        long down = settings.downtime().toNanos() - (System.nanoTime() - restartedAt);
        if (down > 0) {
            Thread.sleep(Duration.ofNanos(down));
        }
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        try (WebSocketServer after = holdingServer(before.port(), settings.rateLimiter(), opened, refused)) {
            long upAt = System.nanoTime();
            int back = awaitOpen(after, settings.clients(), settings.patience());
            stopClients.run(); // before the restarted server shuts down, or they would reconnect once more
            List<Long> reachedServer = attempts.stream().filter(at -> at >= upAt).map(at -> at - restartedAt).toList();
            return new Result(HandshakeHistogram.of(reachedServer, BUCKET),
                    opened.get(), refused.get(), back, Duration.ofNanos(upAt - restartedAt));
        }
    }
    // end::restart[]

    /** A server whose sessions stay open until the client or a shutdown closes them; counts opens and 429s. */
    private static WebSocketServer holdingServer(int port, Optional<HandshakeRateLimiter> limiter,
                                                 AtomicInteger opened, AtomicInteger refused) throws IOException {
        // tag::server[]
        return WebSocketServer.builder().port(port).endpoint("/storm", ReconnectStormLab::readUntilClosed)
                .rateLimit(limiter.orElse(null)) // e.g. HandshakeRateLimiter.of(2, 10): 10 at once, then 2 per second
                .onTransition(transition -> {
                    if (transition.state() == ConnectionState.OPEN) {
                        opened.incrementAndGet();
                    } else if (transition.state() == ConnectionState.CLOSED && transition.detail().startsWith("handshake refused 429")) {
                        refused.incrementAndGet();
                    }
                })
                .start();
        // end::server[]
    }

    private static void readUntilClosed(WebSocketSession session) throws InterruptedException {
        while (session.receive().isPresent()) {
            // the lab sends nothing; the session only has to stay open
        }
    }

    /** Waits until {@code server} has {@code count} open sessions or {@code limit} has passed; returns how many it has. */
    private static int awaitOpen(WebSocketServer server, int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (server.openSessions() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return server.openSessions();
    }

    // tag::main[]
    /** Runs the lab without jitter, with full jitter and with equal jitter, and plots each restart. */
    public static void main(String[] args) throws Exception {
        for (Jitter jitter : List.of(Jitter.NONE, Jitter.FULL, Jitter.EQUAL)) {
            Result result = run(Settings.of(jitter));
            System.out.printf("%njitter %s: server back after %d ms; %d handshakes reached it, at most %d in %d ms;"
                            + " %d of 100 clients back%n%s", jitter, result.down().toMillis(), result.handshakes().total(),
                    result.handshakes().peak(), BUCKET.toMillis(), result.reconnected(), result.handshakes().plot(50));
        }
    }
    // end::main[]
}
