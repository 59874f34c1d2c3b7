package dev.wslab.server;

import dev.wslab.client.ClientOptions;
import dev.wslab.client.ReconnectPolicy;
import dev.wslab.client.ReconnectingClient;
import dev.wslab.client.ResumeReceiver;
import dev.wslab.client.WebSocketClient;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("ResumableFeed: session resume on wslab's server")
class ResumableFeedTest {

    @Test
    @DisplayName("a client that loses its connection resumes: nothing lost, nothing repeated")
    void dropAndResume() throws Exception {
        ResumableFeed feed = new ResumableFeed(100);
        try (WebSocketServer server = WebSocketServer.builder().endpoint("/feed", feed.handler()).start()) {
            LinkedBlockingQueue<String> delivered = new LinkedBlockingQueue<>();
            ResumeReceiver receiver = new ResumeReceiver();
            RandomGenerator half = new java.util.Random(1);
            ReconnectingClient client = new ReconnectingClient(URI.create(server.uri("/feed")), ClientOptions.DEFAULTS,
                    ReconnectPolicy.DEFAULT, receiver.handler(delivered::add), WebSocketClient::connect,
                    delay -> { }, half);
            feed.publish("m1");
            feed.publish("m2"); // before the client connects: it gets them by replay
            CompletableFuture<ReconnectingClient.StopReason> stopped = CompletableFuture.supplyAsync(client::run,
                    command -> Thread.ofVirtual().start(command));
            List<String> got = new ArrayList<>();
            takeUntil(delivered, got, 2);
            feed.publish("m3");
            takeUntil(delivered, got, 3);

            feed.dropAll(); // as if the network failed: the client sees 1006 and reconnects
            feed.publish("m4"); // replayed, or sent live if the client is already back
            feed.publish("m5");
            takeUntil(delivered, got, 5);
            client.stop();

            assertThat(got).containsExactly("m1", "m2", "m3", "m4", "m5");
            assertThat(client.stats().dropped()).isEqualTo(1);
            assertThat(stopped.get(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(delivered).isEmpty();
        }
    }

    @Test
    @DisplayName("a client that does not start with a resume request is refused with 1008")
    void resumeRequestFirst() throws Exception {
        ResumableFeed feed = new ResumableFeed(10);
        try (WebSocketServer server = WebSocketServer.builder().endpoint("/feed", feed.handler()).start()) {
            WebSocketSession session = WebSocketClient.connect(URI.create(server.uri("/feed")), ClientOptions.DEFAULTS);
            session.sendText("hello");
            assertThat(session.closed().get(10, TimeUnit.SECONDS).received().code().value()).isEqualTo(1008);
        }
    }

    @Test
    @DisplayName("a client gone for longer than the buffer holds is told about the gap")
    void gapBeyondTheBuffer() throws Exception {
        ResumableFeed feed = new ResumableFeed(2);
        try (WebSocketServer server = WebSocketServer.builder().endpoint("/feed", feed.handler()).start()) {
            for (int i = 1; i <= 5; i++) {
                feed.publish("m" + i);
            }
            WebSocketSession session = WebSocketClient.connect(URI.create(server.uri("/feed")), ClientOptions.DEFAULTS);
            session.sendText("resume 1");
            assertThat(session.receive()).contains(new Message.Text("gap 4"));
            assertThat(session.closed().get(10, TimeUnit.SECONDS).received().code().value()).isEqualTo(1000);
        }
    }

    private static void takeUntil(LinkedBlockingQueue<String> queue, List<String> into, int count) throws InterruptedException {
        while (into.size() < count) {
            String next = queue.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("message %d within 10 s", into.size() + 1).isNotNull();
            into.add(next);
        }
    }
}
