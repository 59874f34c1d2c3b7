package dev.wslab.tutorials.heartbeat;

import dev.wslab.client.MessageWatchdog;
import dev.wslab.client.WebSocketClient;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.connection.Event;
import dev.wslab.transport.Message;
import dev.wslab.transport.SessionObserver;
import dev.wslab.transport.SessionOptions;
import dev.wslab.transport.WebSocketSession;
import dev.wslab.tutorials.relay.TcpRelay;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heartbeat lab, scaled down: the middlebox's idle timeout is 1 s instead of 60 s, so the plan pings
 * every 416 ms (instead of 25 s), waits 166 ms for a pong (10 s) and warns after 583 ms of silence (35 s).
 */
@DisplayName("heartbeat lab: a middlebox that silently drops idle connections")
class HeartbeatLabTest {

    // tag::timings[]
    /** The middlebox's idle timeout, standing for an AWS ALB's 60 s. */
    static final Duration IDLE = Duration.ofMillis(1000);
    /** Pings at 5/12 of it: 416 ms, as 25 s for 60 s. */
    static final HeartbeatPlan PLAN = HeartbeatPlan.forPath(IDLE);
    // end::timings[]
    /** A server that never pings, so that only the client's heartbeat is at work. */
    static final SessionOptions SERVER_WITHOUT_PINGS = SessionOptions.DEFAULTS.withHeartbeat(Duration.ZERO, Duration.ZERO);
    /** Safety net for things that must happen: generous, the machine is shared. */
    static final Duration SAFETY = Duration.ofSeconds(10);
    /** How long to watch for something that must not happen; a live path takes a few milliseconds. */
    static final Duration QUIET = Duration.ofMillis(1500);

    // tag::zombie[]
    @Test
    @DisplayName("(a) without heartbeats: after the idle timeout the connection is a zombie, open and deaf")
    void zombieWithoutHeartbeats() throws Exception {
        try (Newsroom newsroom = Newsroom.start(SERVER_WITHOUT_PINGS);
             TcpRelay proxy = TcpRelay.to(newsroom.port()).blackholeWhenIdleFor(IDLE).start()) {
            WebSocketSession client = WebSocketClient.connect(proxy.uri("/news"), HeartbeatClients.withoutHeartbeats());
            client.sendText("hello");
            assertThat(newsroom.nextReceived(SAFETY)).as("the path works while busy").contains("hello");
            newsroom.push("first news");
            assertThat(nextMessage(client, SAFETY)).contains(new Message.Text("first news"));

            awaitTrue(() -> proxy.blackholed() == 1, "the proxy drops the idle connection");

            client.sendText("are you there?");                       // no exception: the write "succeeded"
            newsroom.push("breaking news");
            assertThat(newsroom.nextReceived(QUIET)).as("what the client sent").isEmpty();
            assertThat(nextMessage(client, QUIET)).as("what the server pushed").isEmpty();
            assertThat(client.state()).as("yet the client believes").isEqualTo(ConnectionState.OPEN);
            assertThat(client.closed()).isNotDone();
            assertThat(newsroom.readers()).as("and so does the server").isEqualTo(1);
            assertThat(proxy.swallowedBytes()).as("bytes that went into the black hole").isPositive();
        }
    }
    // end::zombie[]

    // tag::keepalive[]
    @Test
    @DisplayName("(b) with heartbeats under the idle timeout, the middlebox never sees the connection idle")
    void heartbeatsKeepThePathOpen() throws Exception {
        AtomicInteger pongs = new AtomicInteger();
        SessionObserver countPongs = new SessionObserver() {
            @Override
            public void pongReceived(WebSocketSession session, Duration roundTrip) {
                pongs.incrementAndGet();
            }
        };
        try (Newsroom newsroom = Newsroom.start(SERVER_WITHOUT_PINGS);
             TcpRelay proxy = TcpRelay.to(newsroom.port()).blackholeWhenIdleFor(IDLE).start()) {
            WebSocketSession client = WebSocketClient.connect(proxy.uri("/news"),
                    HeartbeatClients.withHeartbeats(PLAN, countPongs));

            Thread.sleep(IDLE.multipliedBy(3));                      // three idle timeouts without a message

            client.sendText("still here");
            assertThat(newsroom.nextReceived(SAFETY)).contains("still here");
            newsroom.push("breaking news");
            assertThat(nextMessage(client, SAFETY)).contains(new Message.Text("breaking news"));
            assertThat(proxy.blackholed()).isZero();
            assertThat(pongs.get()).as("pongs answered the pings").isGreaterThanOrEqualTo(3);
            client.close();
        }
    }
    // end::keepalive[]

    // tag::detect[]
    @Test
    @DisplayName("(c) when the path dies anyway, the missing pong exposes it: the client sees 1006")
    void heartbeatsDetectADeadPath() throws Exception {
        try (Newsroom newsroom = Newsroom.start(SERVER_WITHOUT_PINGS);
             TcpRelay proxy = TcpRelay.to(newsroom.port()).start()) {   // no idle drop here
            WebSocketSession client = WebSocketClient.connect(proxy.uri("/news"),
                    HeartbeatClients.withHeartbeats(PLAN));
            client.sendText("hello");
            assertThat(newsroom.nextReceived(SAFETY)).contains("hello");

            long diedAt = System.nanoTime();
            proxy.blackholeAll();                                    // no FIN, no RST: silence

            Event.Closed end = client.closed().get(SAFETY.toMillis(), TimeUnit.MILLISECONDS);
            Duration noticedAfter = Duration.ofNanos(System.nanoTime() - diedAt);
            assertThat(end.received().code()).isEqualTo(CloseCode.ABNORMAL_CLOSURE);   // 1006
            assertThat(end.cleanly()).isFalse();
            assertThat(noticedAfter).as("a pong had its chance first").isGreaterThanOrEqualTo(PLAN.pongTimeout());
            System.out.printf("dead path noticed after %d ms (ping every %d ms, pong timeout %d ms)%n",
                    noticedAfter.toMillis(), PLAN.pingInterval().toMillis(), PLAN.pongTimeout().toMillis());
        }
    }
    // end::detect[]

    // tag::watchdog[]
    @Test
    @DisplayName("(d) the client's watchdog warns when the feed goes silent, and not while it flows")
    void watchdogWarnsOfSilence() throws Exception {
        BlockingQueue<Duration> warnings = new LinkedBlockingQueue<>();
        try (Newsroom newsroom = Newsroom.start(SERVER_WITHOUT_PINGS);
             TcpRelay proxy = TcpRelay.to(newsroom.port()).start();
             MessageWatchdog watchdog = HeartbeatClients.watchdog(PLAN, warnings::add)) {
            WebSocketSession client = WebSocketClient.connect(proxy.uri("/news"),
                    HeartbeatClients.withoutHeartbeats(watchdog));
            Thread ticker = Thread.ofVirtual().start(() -> tick(newsroom, client));

            assertThat(warnings.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("while ticks flow").isNull();

            proxy.blackholeAll();
            Duration silence = warnings.poll(SAFETY.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(silence).as("the watchdog's warning").isNotNull();
            assertThat(silence).isGreaterThanOrEqualTo(PLAN.watchdogGap());
            assertThat(client.state()).as("the transport itself noticed nothing").isEqualTo(ConnectionState.OPEN);
            ticker.interrupt();
        }
    }
    // end::watchdog[]

    // tag::reap[]
    @Test
    @DisplayName("server heartbeats find the zombie on the server's side too, and free its resources")
    void serverHeartbeatsReapZombies() throws Exception {
        try (Newsroom newsroom = Newsroom.start(PLAN.sessionOptions());
             TcpRelay proxy = TcpRelay.to(newsroom.port()).start()) {
            WebSocketSession client = WebSocketClient.connect(proxy.uri("/news"), HeartbeatClients.withoutHeartbeats());
            client.sendText("hello");
            assertThat(newsroom.nextReceived(SAFETY)).contains("hello");
            assertThat(newsroom.readers()).isEqualTo(1);

            proxy.blackholeAll();

            awaitTrue(() -> newsroom.readers() == 0, "the server drops the reader whose pongs stopped");
            assertThat(client.state()).as("the client, which does not ping, still believes").isEqualTo(ConnectionState.OPEN);
        }
    }
    // end::reap[]

    /** Pushes a tick every 50 ms until interrupted, and drains the client so its queue never fills. */
    private static void tick(Newsroom newsroom, WebSocketSession client) {
        Thread.ofVirtual().start(() -> {
            try {
                while (client.receive().isPresent()) {
                    // the watchdog, an observer, has already seen it
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            for (int i = 1; !Thread.currentThread().isInterrupted(); i++) {
                newsroom.push("tick " + i);
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            // done
        }
    }

    /** Waits up to {@code timeout} for the client's next message; empty when none came. */
    private static Optional<Message> nextMessage(WebSocketSession session, Duration timeout) throws Exception {
        CompletableFuture<Optional<Message>> next = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                next.complete(session.receive());
            } catch (InterruptedException e) {
                next.completeExceptionally(e);
            }
        });
        try {
            return next.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Optional.empty();
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + SAFETY.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %s", what, SAFETY).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
