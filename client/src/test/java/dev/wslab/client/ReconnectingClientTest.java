package dev.wslab.client;

import dev.wslab.client.Backoff.Jitter;
import dev.wslab.client.ConnectFailedException.Kind;
import dev.wslab.client.ReconnectingClient.StopReason;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.transport.SessionOptions;
import dev.wslab.transport.WebSocketSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Delays are recorded by a fake sleeper, never slept: the tests check exact sequences, not timing. */
@DisplayName("ReconnectingClient")
class ReconnectingClientTest {

    private static final Backoff NO_JITTER = new Backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), Jitter.NONE);
    private static final ClientOptions OPTIONS = ClientOptions.DEFAULTS.withSession(
            SessionOptions.DEFAULTS.withCloseTimeout(Duration.ofSeconds(2)));

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private static final ReconnectingClient.SessionHandler READ_UNTIL_CLOSED = session -> {
        while (session.receive().isPresent()) {
            // messages are not the point here
        }
    };

    private ReconnectingClient client(URI uri, ReconnectPolicy policy, ReconnectingClient.Connector connector) {
        return new ReconnectingClient(uri, OPTIONS, policy, READ_UNTIL_CLOSED, connector, sleeps::add,
                BackoffTest.always(0.5));
    }

    private static List<Long> millis(List<Duration> durations) {
        return durations.stream().map(Duration::toMillis).toList();
    }

    private static URI refusingUri() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return URI.create("ws://127.0.0.1:" + socket.getLocalPort() + "/");
        }
    }

    /** Accepts the handshake, sends a Close with {@code code}, reads until the client's Close, closes TCP. */
    private static void acceptThenClose(Socket socket, int code) throws IOException {
        FakeServer.accept(socket);
        socket.getOutputStream().write(new byte[] {(byte) 0x88, 0x02, (byte) (code >> 8), (byte) code});
        socket.getInputStream().readNBytes(8); // the client's masked Close: 2 + 4 + 2 bytes
        socket.close();
    }

    @Test
    void aRefusingServerIsRetriedWithDelaysThatDoubleUntilTheFailureLimit() throws Exception {
        ReconnectingClient client = client(refusingUri(),
                new ReconnectPolicy(NO_JITTER, java.util.Set.of(), 5), WebSocketClient::connect);

        assertThat(client.run()).isEqualTo(StopReason.GAVE_UP);

        assertThat(millis(sleeps)).containsExactly(100L, 200L, 400L, 800L);
        assertThat(client.stats()).isEqualTo(new ReconnectStats(5, 0, 5, 0));
    }

    @Test
    void fullJitterSpreadsEachDelayUnderItsCeiling() throws Exception {
        ReconnectingClient client = client(refusingUri(),
                new ReconnectPolicy(NO_JITTER.withJitter(Jitter.FULL), java.util.Set.of(), 4), WebSocketClient::connect);

        client.run();

        assertThat(millis(sleeps)).containsExactly(50L, 100L, 200L); // random 0.5 of 100, 200, 400
    }

    @Test
    @DisplayName("the delay goes back to the base after a session opened; a 1000 from the server ends it all")
    void theDelayResetsAfterASuccessfulOpen() throws Exception {
        FakeServer server = new FakeServer((socket, index) -> {
            if (index == 0) {
                FakeServer.accept(socket);
                socket.close(); // dropped without a Close: 1006
            } else {
                acceptThenClose(socket, 1000);
            }
        });
        resources.add(server);
        AtomicInteger calls = new AtomicInteger();
        ReconnectingClient.Connector script = (uri, options) -> switch (calls.incrementAndGet()) {
            case 1, 2, 4 -> throw new ConnectFailedException(Kind.REFUSED, "scripted refusal", null);
            default -> WebSocketClient.connect(uri, options);
        };
        ReconnectingClient client = client(server.uri("/"), new ReconnectPolicy(NO_JITTER, java.util.Set.of(), 0), script);

        assertThat(client.run()).isEqualTo(StopReason.CLOSED_DELIBERATELY);

        assertThat(millis(sleeps)).containsExactly(100L, 200L, 100L, 100L);
        assertThat(client.stats()).isEqualTo(new ReconnectStats(5, 2, 3, 1));
    }

    @Test
    void aCloseCodeTheApplicationMarksFinalStopsReconnecting() throws Exception {
        FakeServer server = new FakeServer((socket, index) -> acceptThenClose(socket, 4001));
        resources.add(server);
        ReconnectingClient client = client(server.uri("/"),
                ReconnectPolicy.DEFAULT.withBackoff(NO_JITTER).withFinalCloseCodes(CloseCode.of(4001)),
                WebSocketClient::connect);

        assertThat(client.run()).isEqualTo(StopReason.FINAL_CLOSE_CODE);

        assertThat(sleeps).isEmpty();
        assertThat(client.stats()).isEqualTo(new ReconnectStats(1, 1, 0, 0));
    }

    @Test
    void aCloseCodeNotMarkedFinalIsReconnected() throws Exception {
        FakeServer server = new FakeServer((socket, index) -> acceptThenClose(socket, index == 0 ? 1011 : 1000));
        resources.add(server);
        ReconnectingClient client = client(server.uri("/"),
                ReconnectPolicy.DEFAULT.withBackoff(NO_JITTER).withFinalCloseCodes(CloseCode.of(4001)),
                WebSocketClient::connect);

        assertThat(client.run()).isEqualTo(StopReason.CLOSED_DELIBERATELY);

        assertThat(millis(sleeps)).containsExactly(100L);
        assertThat(client.stats()).isEqualTo(new ReconnectStats(2, 2, 0, 1));
    }

    @Test
    void aBadUrlIsNotRetried() {
        ReconnectingClient client = client(URI.create("http://example.org/"), ReconnectPolicy.DEFAULT,
                WebSocketClient::connect);

        assertThat(client.run()).isEqualTo(StopReason.NOT_RETRYABLE);

        assertThat(sleeps).isEmpty();
        assertThat(client.stats()).isEqualTo(new ReconnectStats(1, 0, 1, 0));
    }

    @Test
    void aHandlerThatReturnsClosesWith1000AndThatIsDeliberate() throws Exception {
        EchoServer server = EchoServer.plain();
        resources.add(server);
        ReconnectingClient client = new ReconnectingClient(server.uri("/"), OPTIONS, ReconnectPolicy.DEFAULT,
                session -> session.sendText("done"), WebSocketClient::connect, sleeps::add, BackoffTest.always(0.5));

        assertThat(client.run()).isEqualTo(StopReason.CLOSED_DELIBERATELY);
        assertThat(client.stats()).isEqualTo(new ReconnectStats(1, 1, 0, 0));
    }

    @Test
    void stopEndsTheCurrentSessionAndTheLoop() throws Exception {
        EchoServer server = EchoServer.plain();
        resources.add(server);
        AtomicReference<ReconnectingClient> self = new AtomicReference<>();
        ReconnectingClient.SessionHandler stopThenRead = (WebSocketSession session) -> {
            self.get().stop();
            READ_UNTIL_CLOSED.handle(session);
        };
        ReconnectingClient client = new ReconnectingClient(server.uri("/"), OPTIONS, ReconnectPolicy.DEFAULT,
                stopThenRead, WebSocketClient::connect, sleeps::add, BackoffTest.always(0.5));
        self.set(client);

        assertThat(client.run()).isEqualTo(StopReason.STOPPED);
        assertThat(client.stats().attempts()).isEqualTo(1);
    }
}
