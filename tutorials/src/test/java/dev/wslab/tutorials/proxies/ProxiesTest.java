package dev.wslab.tutorials.proxies;

import dev.wslab.client.ClientOptions;
import dev.wslab.client.ConnectFailedException;
import dev.wslab.client.WebSocketClient;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.server.Endpoints;
import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.Message;
import dev.wslab.transport.SessionObserver;
import dev.wslab.transport.SessionOptions;
import dev.wslab.transport.WebSocketSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Real nginx and HAProxy, started from the configuration files the tutorial shows, in front of a wslab
 * echo server: the upgrade passes, an idle connection is cut at the proxy's timeout, and a heartbeat well
 * under that timeout keeps it open.
 */
@DisplayName("WebSocket through real nginx and HAProxy (proxies.adoc)")
class ProxiesTest {

    /** The configuration templates: src/main/config, relative to the module (Maven's working directory). */
    private static final Path CONFIG = Path.of("src", "main", "config");

    // tag::timing[]
    /** The proxies' idle timeout in these tests; production uses an hour (3600s, 1h). */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

    /** The heartbeat: a Ping every 500 ms, four times within one idle timeout. */
    private static final Duration PING_INTERVAL = Duration.ofMillis(500);

    /** How long the heartbeat tests hold the connection: more than three idle timeouts. */
    private static final Duration HOLD = IDLE_TIMEOUT.multipliedBy(3).plusMillis(500);

    /** Safety net for every wait; generous, as the machine is shared. */
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static final SessionOptions NO_HEARTBEAT = SessionOptions.DEFAULTS.withHeartbeat(Duration.ZERO,
            Duration.ofSeconds(20));
    private static final SessionOptions HEARTBEAT = SessionOptions.DEFAULTS.withHeartbeat(PING_INTERVAL,
            Duration.ofSeconds(5));
    // end::timing[]

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    private <T extends AutoCloseable> T use(T resource) {
        resources.add(resource);
        return resource;
    }

    private WebSocketServer echoServer(SessionOptions sessions) throws Exception {
        return use(WebSocketServer.builder().endpoint("/echo", Endpoints.echo()).sessionOptions(sessions).start());
    }

    private ProxyProcess proxy(ProxyKind kind, Path template, WebSocketServer server) throws Exception {
        Assumptions.assumeTrue(kind.installed(),
                "skipped: " + kind.program() + " is not installed (" + kind.installHint() + ")");
        return use(ProxyProcess.start(kind, CONFIG.resolve(template), server.port(), IDLE_TIMEOUT));
    }

    private ProxyProcess proxy(ProxyKind kind, WebSocketServer server) throws Exception {
        return proxy(kind, kind.template(), server);
    }

    private WebSocketSession connect(ProxyProcess proxy, ClientOptions options) throws Exception {
        return use(WebSocketClient.connect(URI.create(proxy.uri("/echo")), options));
    }

    /** Sends a text and a binary message and expects both back, each within the safety net. */
    private static void assertEchoes(WebSocketSession session, String text) throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xFF, (byte) 0x80};
        session.sendText(text);
        session.sendBinary(Payload.of(bytes));
        assertThat(receive(session)).contains(new Message.Text(text));
        assertThat(receive(session)).contains(new Message.Binary(Payload.of(bytes)));
    }

    private static Optional<Message> receive(WebSocketSession session) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return session.receive();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, command -> Thread.ofVirtual().start(command)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void awaitNoSessions(WebSocketServer server) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.openSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ProxyKind.class)
    @DisplayName("(1) the upgrade passes: text and binary messages are echoed, plain HTTP still works")
    void echoesThroughTheProxy(ProxyKind kind) throws Exception {
        WebSocketServer server = echoServer(NO_HEARTBEAT);
        ProxyProcess proxy = proxy(kind, server);

        WebSocketSession session = connect(proxy, ClientOptions.DEFAULTS.withSession(NO_HEARTBEAT));
        assertEchoes(session, "hello through " + kind);

        session.close(CloseStatus.NORMAL);
        Event.Closed closed = session.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(closed.cleanly()).as("the closing handshake passes through too").isTrue();
        assertThat(closed.received().code()).isEqualTo(CloseCode.NORMAL_CLOSURE);

        // A request without Upgrade is proxied as ordinary HTTP (nginx: Connection: close).
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + proxy.port() + "/healthz")).timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body().strip()).isEqualTo("ok");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ProxyKind.class)
    @DisplayName("(2) without a heartbeat, an idle connection is cut at the idle timeout: the client sees 1006")
    void idleConnectionIsCutWithoutACloseFrame(ProxyKind kind) throws Exception {
        WebSocketServer server = echoServer(NO_HEARTBEAT);
        ProxyProcess proxy = proxy(kind, server);
        WebSocketSession session = connect(proxy, ClientOptions.DEFAULTS.withSession(NO_HEARTBEAT));
        // tag::idle[]
        // The proxy's last activity comes after this instant: it forwards what the client sends next.
        long beforeLastMessages = System.nanoTime();
        assertEchoes(session, "still there?");

        // Nobody sends anything now. The proxy's timer runs out and it closes TCP on both sides.
        Event.Closed closed = session.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Duration silence = Duration.ofNanos(System.nanoTime() - beforeLastMessages);

        assertThat(closed.received().code()).as("no Close frame came: abnormal closure").isEqualTo(
                CloseCode.ABNORMAL_CLOSURE);
        assertThat(closed.cleanly()).isFalse();
        // Not before the timeout, give or take a margin: nginx may fire a timer up to 300 ms early.
        assertThat(silence).as("cut by the idle timer, not before it").isGreaterThanOrEqualTo(
                IDLE_TIMEOUT.minusMillis(500));
        awaitNoSessions(server);
        assertThat(server.openSessions()).as("the server lost its side of the connection too").isZero();
        assertThat(proxy.logs()).as("the proxy logs the timeout").containsPattern(switch (kind) {
            case NGINX -> "timed out .* while proxying upgraded connection";
            case HAPROXY -> " 101 .* [cs]D-- .*\"GET /echo HTTP/1\\.1\"";
        });
        // end::idle[]
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ProxyKind.class)
    @DisplayName("(3) Pings every 500 ms, from the server or from the client, keep it open past three idle timeouts")
    void heartbeatKeepsTheConnectionOpen(ProxyKind kind) throws Exception {
        // Two proxies, side by side: one in front of a server that pings, one in front of a server that does not.
        ProxyProcess toPingingServer = proxy(kind, echoServer(HEARTBEAT));
        ProxyProcess toQuietServer = proxy(kind, echoServer(NO_HEARTBEAT));
        AtomicInteger pingsReceived = new AtomicInteger();
        AtomicInteger pongsReceived = new AtomicInteger();
        // tag::heartbeat[]
        WebSocketSession serverPings = connect(toPingingServer, ClientOptions.DEFAULTS.withSession(NO_HEARTBEAT)
                .withObserver(countPings(pingsReceived)));
        WebSocketSession clientPings = connect(toQuietServer, ClientOptions.DEFAULTS.withSession(HEARTBEAT)
                .withObserver(countPongs(pongsReceived)));
        assertEchoes(serverPings, "before");
        assertEchoes(clientPings, "before");

        Thread.sleep(HOLD.toMillis()); // no message for more than three idle timeouts; only Ping and Pong

        assertThat(serverPings.closed()).as("open after %s, server pinging", HOLD).isNotCompleted();
        assertThat(clientPings.closed()).as("open after %s, client pinging", HOLD).isNotCompleted();
        assertThat(pingsReceived.get()).as("the server's Pings crossed the proxy").isGreaterThanOrEqualTo(3);
        assertThat(pongsReceived.get()).as("Pongs answered the client's Pings").isGreaterThanOrEqualTo(3);
        assertEchoes(serverPings, "after " + HOLD.toMillis() + " ms");
        assertEchoes(clientPings, "after " + HOLD.toMillis() + " ms");
        // end::heartbeat[]
    }

    private static SessionObserver countPings(AtomicInteger count) {
        return new SessionObserver() {
            @Override
            public void event(WebSocketSession session, Event event) {
                if (event instanceof Event.PingReceived) {
                    count.incrementAndGet();
                }
            }
        };
    }

    private static SessionObserver countPongs(AtomicInteger count) {
        return new SessionObserver() {
            @Override
            public void pongReceived(WebSocketSession session, Duration roundTrip) {
                count.incrementAndGet();
            }
        };
    }

    @Test
    @DisplayName("the failure: nginx configured as for a web app (no Upgrade, HTTP/1.0) refuses the handshake")
    void plainHttpNginxConfigBreaksTheHandshake() throws Exception {
        WebSocketServer server = echoServer(NO_HEARTBEAT);
        ProxyProcess proxy = proxy(ProxyKind.NGINX, Path.of("nginx", "plain-http.conf"), server);

        // tag::plain-http[]
        ConnectFailedException failure = catchThrowableOfType(ConnectFailedException.class,
                () -> connect(proxy, ClientOptions.DEFAULTS.withSession(NO_HEARTBEAT)));

        assertThat(failure).as("the handshake should fail").isNotNull();
        // nginx forwarded a plain HTTP/1.0 GET without Upgrade; the server refused it (RFC 6455 §4.2.1).
        assertThat(failure.httpStatus()).as("the backend did not switch protocols").hasValue(400);
        // end::plain-http[]
    }
}
