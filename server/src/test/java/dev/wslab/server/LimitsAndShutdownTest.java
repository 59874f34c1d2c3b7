package dev.wslab.server;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.transport.SessionOptions;
import dev.wslab.transport.WebSocketSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("WebSocketServer: limits, timeouts and graceful shutdown")
class LimitsAndShutdownTest {

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    private WebSocketServer start(WebSocketServerBuilder builder) throws Exception {
        WebSocketServer server = builder.start();
        resources.add(server);
        return server;
    }

    private WebSocket connect(WebSocketServer server, String path, RecordingListener listener) {
        HttpClient client = HttpClient.newHttpClient();
        resources.add(client);
        WebSocket webSocket = client.newWebSocketBuilder().buildAsync(URI.create(server.uri(path)), listener).join();
        resources.add(webSocket::abort);
        return webSocket;
    }

    private Socket rawWebSocket(WebSocketServer server, String path) throws IOException {
        Socket socket = RawHttp.openWebSocket(server.port(), path);
        resources.add(socket);
        return socket;
    }

    /** A handler that hands its session to the test and holds the connection open until it ends. */
    private static WebSocketHandler handingOver(BlockingQueue<WebSocketSession> sessions) {
        return session -> {
            sessions.add(session);
            while (session.receive().isPresent()) {
                // wait for the end
            }
        };
    }

    @Test
    void aMessageLargerThanTheLimitClosesTheConnectionWith1009() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .limits(Limits.DEFAULTS.withMaxMessageSize(1000)));
        RecordingListener listener = new RecordingListener();
        WebSocket webSocket = connect(server, "/echo", listener);

        webSocket.sendText("x".repeat(1000), true).join();
        assertThat(listener.next()).isEqualTo("x".repeat(1000));
        webSocket.sendText("x".repeat(1001), true).join();

        assertThat(listener.close().code()).isEqualTo(1009);
    }

    @Test
    void aHandshakeBeyondTheConnectionLimitGets503WithRetryAfter() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .maxConnections(1).retryAfter(Duration.ofSeconds(7)));
        RecordingListener listener = new RecordingListener();
        WebSocket first = connect(server, "/echo", listener);
        first.sendText("holding the only slot", true).join();
        listener.next();

        RawHttp.Answer second = RawHttp.send(server.port(), RawHttp.upgradeRequest("/echo"));

        assertThat(second.status()).isEqualTo(503);
        assertThat(second.hasHeader("Retry-After: 7")).isTrue();
    }

    @Test
    void tooManyHandshakesFromOneAddressGet429UntilTheBucketRefills() throws Exception {
        AtomicLong clock = new AtomicLong();
        WebSocketServer server = start(WebSocketServer.builder()
                .rateLimit(new HandshakeRateLimiter(0.5, 2, clock::get)));

        // No endpoint at all: within the limit the answer is 404, beyond it 429.
        assertThat(RawHttp.send(server.port(), RawHttp.upgradeRequest("/x")).status()).isEqualTo(404);
        assertThat(RawHttp.send(server.port(), RawHttp.upgradeRequest("/x")).status()).isEqualTo(404);
        RawHttp.Answer limited = RawHttp.send(server.port(), RawHttp.upgradeRequest("/x"));
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        RawHttp.Answer afterRefill = RawHttp.send(server.port(), RawHttp.upgradeRequest("/x"));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.hasHeader("Retry-After: 2")).isTrue();
        assertThat(afterRefill.status()).isEqualTo(404);
        assertThat(RawHttp.send(server.port(), RawHttp.plainGet("/healthz")).status())
                .as("plain HTTP is not rate limited").isEqualTo(200);
    }

    @Test
    void aSilentSocketIsAnswered408AndClosedAtTheHandshakeDeadline() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().handshakeTimeout(Duration.ofMillis(300)));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);

            RawHttp.Answer answer = RawHttp.parse(RawHttp.readAll(socket.getInputStream()));

            assertThat(answer.status()).isEqualTo(408);
        }
    }

    @Test
    void aClientDribblingItsRequestCannotPushTheDeadlineBack() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().handshakeTimeout(Duration.ofMillis(500)));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            Thread dribbler = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    for (int i = 0; i < 200; i++) {
                        out.write('X');
                        out.flush();
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed the socket: expected
                }
            });
            resources.add(dribbler::interrupt);

            RawHttp.Answer answer = RawHttp.parse(RawHttp.readAll(socket.getInputStream()));

            assertThat(answer.status()).isEqualTo(408);
            assertThat(dribbler.isAlive()).as("still dribbling when the server gave up").isTrue();
        }
    }

    @Test
    void anIdleConnectionIsClosedWith1001() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .sessionOptions(SessionOptions.DEFAULTS.withIdleTimeout(Duration.ofMillis(300))));
        RecordingListener listener = new RecordingListener();
        connect(server, "/echo", listener);

        RecordingListener.Close close = listener.close();

        assertThat(close.code()).isEqualTo(1001);
        assertThat(close.reason()).isEqualTo("idle timeout");
    }

    @Test
    void theHeartbeatDropsAPeerThatStoppedAnsweringAs1006() throws Exception {
        BlockingQueue<WebSocketSession> sessions = new LinkedBlockingQueue<>();
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/zombie", handingOver(sessions))
                .sessionOptions(SessionOptions.DEFAULTS.withHeartbeat(Duration.ofMillis(100), Duration.ofMillis(200))));
        rawWebSocket(server, "/zombie"); // handshakes, then never reads nor writes again

        WebSocketSession session = sessions.poll(10, TimeUnit.SECONDS);
        Event.Closed end = session.closed().get(10, TimeUnit.SECONDS);

        assertThat(end.received()).isEqualTo(CloseStatus.ABNORMAL);
        assertThat(end.cleanly()).isFalse();
    }

    @Test
    void aPeerThatDoesNotReadIsDroppedWith1008OnceTheOutboundQueueIsFull() throws Exception {
        CompletableFuture<Event.Closed> end = new CompletableFuture<>();
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/flood", session -> {
            Payload chunk = Payload.of(new byte[64 * 1024]);
            try {
                for (int i = 0; i < 10_000; i++) {
                    session.sendBinary(chunk);
                    Thread.sleep(1); // paced, so that the socket's buffers fill first and the writer blocks
                }
            } catch (IllegalStateException failed) {
                // the session gave up on the peer
            }
            end.complete(session.closed().get(10, TimeUnit.SECONDS));
        }).sessionOptions(SessionOptions.DEFAULTS.withMaxQueuedBytes(256 * 1024).withCloseTimeout(Duration.ofSeconds(1))));
        rawWebSocket(server, "/flood");

        assertThat(end.get(20, TimeUnit.SECONDS).sent().code()).isEqualTo(CloseCode.POLICY_VIOLATION);
    }

    @Test
    void gracefulShutdownSends1001ToEveryClientAndStopsAccepting() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/echo", Endpoints.echo()));
        List<RecordingListener> listeners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordingListener listener = new RecordingListener();
            WebSocket webSocket = connect(server, "/echo", listener);
            webSocket.sendText("client " + i, true).join();
            assertThat(listener.next()).isEqualTo("client " + i);
            listeners.add(listener);
        }

        server.shutdown(CloseStatus.of(CloseCode.GOING_AWAY, "maintenance"), Duration.ofSeconds(5));

        for (RecordingListener listener : listeners) {
            assertThat(listener.close()).isEqualTo(new RecordingListener.Close(1001, "maintenance"));
        }
        assertThat(server.openSessions()).isZero();
        try (Socket refused = new Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> refused.connect(
                    new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 2000))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void shutdownAbortsTheSessionsThatDoNotAnswerWithinTheGracePeriod() throws Exception {
        BlockingQueue<WebSocketSession> sessions = new LinkedBlockingQueue<>();
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/mute", handingOver(sessions)));
        rawWebSocket(server, "/mute"); // never answers the Close
        WebSocketSession session = sessions.poll(10, TimeUnit.SECONDS);

        server.shutdown(CloseStatus.of(CloseCode.SERVICE_RESTART), Duration.ofMillis(300));

        Event.Closed end = session.closed().get(10, TimeUnit.SECONDS);
        assertThat(end.sent().code()).isEqualTo(CloseCode.SERVICE_RESTART);
        assertThat(end.received()).isEqualTo(CloseStatus.ABNORMAL);
    }
}
