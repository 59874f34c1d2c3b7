package dev.wslab.tutorials.recovery;

import dev.wslab.client.ClientOptions;
import dev.wslab.client.WebSocketClient;
import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;
import dev.wslab.transport.resume.ResumeProtocol.Numbered;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@DisplayName("the lab's broker and its stateless feed")
class BrokerTest {

    @Test
    @DisplayName("a subscriber gets the retained messages after its last id, then live ones, in order")
    void replayThenLive() {
        Broker broker = new Broker(10);
        broker.publish("a");
        broker.publish("b");
        broker.publish("c");
        List<Numbered> got = new ArrayList<>();

        Broker.Subscribed subscribed = broker.subscribeAfter(1, got::add);
        broker.publish("d");

        assertThat(got).containsExactly(new Numbered(2, "b"), new Numbered(3, "c"), new Numbered(4, "d"));
        assertThat(subscribed).isInstanceOfSatisfying(Broker.Subscribed.Live.class, Broker.Subscribed.Live::cancel);
        broker.publish("e");
        assertThat(got).as("nothing after cancel").hasSize(3);
        assertThat(broker.subscribers()).isZero();
    }

    @Test
    @DisplayName("beyond the retained log the answer is a gap; an id never published is refused")
    void gapAndUnknownId() {
        Broker broker = new Broker(2);
        for (int i = 1; i <= 5; i++) {
            broker.publish("m" + i);
        }
        assertThat(broker.subscribeAfter(1, message -> { })).isEqualTo(new Broker.Subscribed.Gap(4));
        assertThat(broker.subscribers()).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> broker.subscribeAfter(6, message -> { }));
    }

    @Test
    @DisplayName("over the wire: the stateless feed answers 'resume N' from the broker, 'gap' when too far behind")
    void statelessFeedOverTheWire() throws Exception {
        Broker broker = new Broker(3);
        StatelessFeed feed = new StatelessFeed(broker);
        try (WebSocketServer server = WebSocketServer.builder().endpoint("/feed", feed.handler()).start()) {
            URI uri = URI.create(server.uri("/feed"));
            for (int i = 1; i <= 5; i++) {
                broker.publish("m" + i);
            }
            WebSocketSession resumed = WebSocketClient.connect(uri, ClientOptions.DEFAULTS);
            resumed.sendText("resume 3");
            assertThat(resumed.receive()).contains(new Message.Text("4 m4"));
            assertThat(resumed.receive()).contains(new Message.Text("5 m5"));
            broker.publish("m6");
            assertThat(resumed.receive()).contains(new Message.Text("6 m6"));
            resumed.close();

            WebSocketSession tooLate = WebSocketClient.connect(uri, ClientOptions.DEFAULTS);
            tooLate.sendText("resume 1");
            assertThat(tooLate.receive()).contains(new Message.Text("gap 4"));
            assertThat(tooLate.closed().get(10, TimeUnit.SECONDS).received().code().value()).isEqualTo(1000);

            WebSocketSession rude = WebSocketClient.connect(uri, ClientOptions.DEFAULTS);
            rude.sendText("hello");
            assertThat(rude.closed().get(10, TimeUnit.SECONDS).received().code().value()).isEqualTo(1008);
        }
    }
}
