package dev.wslab.tutorials.recovery;

import dev.wslab.client.ReconnectingClient;
import dev.wslab.server.ResumableFeed;
import dev.wslab.server.WebSocketServer;
import dev.wslab.tutorials.relay.TcpRelay;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session-recovery lab: a publisher streams m1, m2, m3... every 2 ms; the connection is cut in the
 * middle of the stream (twice); the client reconnects. Without resume it loses what was published while
 * it was away; with resume it receives every message exactly once, in order, even from another server.
 */
@DisplayName("session recovery lab: cut the connection mid-stream, reconnect, resume")
class SessionRecoveryLabTest {

    static final int TOTAL = 400;
    static final Duration SAFETY = Duration.ofSeconds(10);

    // tag::naive[]
    @Test
    @DisplayName("(a) a client that only reconnects loses every message published while it was away")
    void reconnectingAloneLosesMessages() throws Exception {
        Broker broker = new Broker(1000);
        StatelessFeed feed = new StatelessFeed(broker);
        try (WebSocketServer server = WebSocketServer.builder().endpoint("/feed", feed.liveOnlyHandler()).start();
             TcpRelay proxy = TcpRelay.to(server.port()).start()) {
            List<String> delivered = new CopyOnWriteArrayList<>();
            SteadyPublisher publisher = new SteadyPublisher(broker::publish, TOTAL);
            Outage outage = new Outage(publisher);
            ReconnectingClient client = ResumingClients.naive(proxy.uri("/feed"), delivered::add, outage::pause);
            client.start();
            awaitTrue(() -> broker.subscribers() == 1, "the client is subscribed");
            publisher.start();

            awaitTrue(() -> delivered.size() >= 100, "100 messages delivered");
            proxy.cutAll();                                          // mid-stream
            awaitTrue(() -> client.stats().opened() == 2, "the client is back");
            int published = publisher.stop();
            String last = publishUntilDelivered(broker, published, delivered);
            client.stop();

            assertThat(outage.publishedWhileAway()).isNotEmpty();
            assertThat(delivered).as("lost: published while the client was away")
                    .doesNotContainAnyElementsOf(outage.publishedWhileAway())
                    .doesNotHaveDuplicates()
                    .contains("m1", last);
            System.out.printf("without resume: %d messages published, %d delivered, %d lost%n",
                    broker.lastId(), delivered.size(), broker.lastId() - delivered.size());
        }
    }
    // end::naive[]

    // tag::resume[]
    @Test
    @DisplayName("(b) a client that resumes from its last id receives every message exactly once, in order")
    void resumingLosesAndRepeatsNothing() throws Exception {
        ResumableFeed feed = new ResumableFeed(1000);                // keeps the last 1000 for replays
        try (WebSocketServer server = WebSocketServer.builder().endpoint("/feed", feed.handler()).start();
             TcpRelay proxy = TcpRelay.to(server.port()).start()) {
            List<String> delivered = new CopyOnWriteArrayList<>();
            SteadyPublisher publisher = new SteadyPublisher(feed::publish, TOTAL);
            Outage outage = new Outage(publisher);
            ReconnectingClient client = ResumingClients.resuming(proxy.uri("/feed"), delivered::add, outage::pause);
            client.start();
            publisher.start();

            awaitTrue(() -> delivered.size() >= 100, "100 messages delivered");
            proxy.cutAll();                                          // mid-stream, once...
            awaitTrue(() -> client.stats().opened() == 2 && delivered.size() >= 200, "200 delivered, reconnected");
            proxy.cutAll();                                          // ...and twice
            awaitTrue(() -> delivered.size() >= TOTAL, "every message delivered");
            client.stop();

            assertThat(delivered).containsExactlyElementsOf(sequence(TOTAL));   // zero lost, zero duplicated
            assertThat(outage.publishedWhileAway()).as("replayed, not received live").isNotEmpty();
            assertThat(client.stats().dropped()).isEqualTo(2);
        }
    }
    // end::resume[]

    // tag::two-servers[]
    @Test
    @DisplayName("(c) two stateless servers fed by one broker: resuming on the other server loses and repeats nothing")
    void resumingOnAnotherServer() throws Exception {
        Broker broker = new Broker(1000);
        StatelessFeed feedA = new StatelessFeed(broker);
        StatelessFeed feedB = new StatelessFeed(broker);
        try (WebSocketServer a = WebSocketServer.builder().endpoint("/feed", feedA.handler()).start();
             WebSocketServer b = WebSocketServer.builder().endpoint("/feed", feedB.handler()).start();
             TcpRelay balancer = TcpRelay.to(List.of(local(a), local(b))).start()) {   // round robin
            List<String> delivered = new CopyOnWriteArrayList<>();
            SteadyPublisher publisher = new SteadyPublisher(broker::publish, TOTAL);
            Outage outage = new Outage(publisher);
            ReconnectingClient client = ResumingClients.resuming(balancer.uri("/feed"), delivered::add, outage::pause);
            client.start();
            publisher.start();

            awaitTrue(() -> delivered.size() >= 100, "100 messages delivered by server A");
            balancer.cutAll();
            awaitTrue(() -> client.stats().opened() == 2 && delivered.size() >= 200, "200 delivered, B took over");
            balancer.cutAll();
            awaitTrue(() -> delivered.size() >= TOTAL, "every message delivered, A again");
            client.stop();

            assertThat(delivered).containsExactlyElementsOf(sequence(TOTAL));
            assertThat(outage.publishedWhileAway()).isNotEmpty();
            assertThat(feedA.served()).as("connections served by A").isEqualTo(2);
            assertThat(feedB.served()).as("connections served by B").isEqualTo(1);
        }
    }
    // end::two-servers[]

    private static List<String> sequence(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(id -> "m" + id).toList();
    }

    private static InetSocketAddress local(WebSocketServer server) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
    }

    /**
     * Publishes m(n+1), m(n+2)... until one reaches the naive client, which is back but may not be
     * subscribed yet; returns the one that did.
     */
    private static String publishUntilDelivered(Broker broker, int published, List<String> delivered)
            throws InterruptedException {
        long deadline = System.nanoTime() + SAFETY.toNanos();
        for (int id = published + 1; ; id++) {
            String next = "m" + id;
            broker.publish(next);
            for (int i = 0; i < 10; i++) {
                if (delivered.contains(next)) {
                    return next;
                }
                Thread.sleep(10);
            }
            assertThat(System.nanoTime()).as("a message reaches the reconnected client within %s", SAFETY)
                    .isLessThan(deadline);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + SAFETY.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %s", what, SAFETY).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
