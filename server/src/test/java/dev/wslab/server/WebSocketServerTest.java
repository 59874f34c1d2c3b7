package dev.wslab.server;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.transport.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("WebSocketServer: endpoints, plain HTTP, origins and authentication")
class WebSocketServerTest {

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

    private WebSocket connect(WebSocketServer server, String path, RecordingListener listener, String... subprotocols) {
        HttpClient client = HttpClient.newHttpClient();
        resources.add(client);
        WebSocket.Builder builder = client.newWebSocketBuilder();
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        WebSocket webSocket = builder.buildAsync(URI.create(server.uri(path)), listener).join();
        resources.add(webSocket::abort);
        return webSocket;
    }

    @Test
    void bindsToTheLoopbackAddressOnAnEphemeralPortByDefault() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/echo", Endpoints.echo()));

        assertThat(server.port()).isPositive();
        assertThat(server.uri("/echo")).isEqualTo("ws://127.0.0.1:" + server.port() + "/echo");
    }

    @Test
    void theEchoEndpointSendsEveryMessageBack() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/echo", Endpoints.echo()));
        RecordingListener listener = new RecordingListener();
        WebSocket webSocket = connect(server, "/echo", listener);

        webSocket.sendText("hello", true).join();
        webSocket.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();

        assertThat(listener.next()).isEqualTo("hello");
        assertThat((byte[]) listener.next()).containsExactly(1, 2, 3);
    }

    @Test
    void anEndpointPicksTheFirstOfItsSubprotocolsThatTheClientOffers() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder()
                .endpoint("/chat", session -> session.sendText("speaking " + session.subprotocol().orElse("none")),
                        "chat.v2", "chat.v1"));
        RecordingListener listener = new RecordingListener();
        WebSocket webSocket = connect(server, "/chat", listener, "chat.v1", "chat.v2");

        assertThat(webSocket.getSubprotocol()).isEqualTo("chat.v2");
        assertThat(listener.next()).isEqualTo("speaking chat.v2");
        assertThat(listener.close().code()).as("the handler returned: closed with 1000").isEqualTo(1000);
    }

    @Test
    void aHandlerThatThrowsClosesItsConnectionWith1011() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/boom", session -> {
            throw new IllegalStateException("boom");
        }));
        RecordingListener listener = new RecordingListener();
        connect(server, "/boom", listener);

        assertThat(listener.close().code()).isEqualTo(1011);
    }

    @Test
    void aPlainGetOfAWebSocketPathGets426WithAnExplanation() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/echo", Endpoints.echo()));

        RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.plainGet("/echo"));

        assertThat(answer.status()).isEqualTo(426);
        assertThat(answer.hasHeader("Upgrade: websocket")).isTrue();
        assertThat(answer.body()).contains("open it with a WebSocket client");
    }

    @Test
    void theHealthPathAnswers200Ok() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder());

        RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.plainGet("/healthz"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("ok\n");
    }

    @Test
    void staticFilesAreServedWithTheirContentTypeAndNothingOutsideTheirDirectoryIs(@TempDir Path dir) throws Exception {
        Path www = Files.createDirectory(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "<h1>hi</h1>");
        Files.writeString(www.resolve("app.js"), "let x = 1;");
        Files.writeString(www.resolve("style.css"), "h1 {}");
        Files.writeString(dir.resolve("secret.txt"), "secret");
        WebSocketServer server = start(WebSocketServer.builder().staticFiles("/static/", www));

        RawHttp.Answer index = RawHttp.send(server.port(), RawHttp.plainGet("/static/"));
        RawHttp.Answer script = RawHttp.send(server.port(), RawHttp.plainGet("/static/app.js"));
        RawHttp.Answer style = RawHttp.send(server.port(), RawHttp.plainGet("/static/style.css"));

        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).isEqualTo("<h1>hi</h1>");
        assertThat(index.hasHeader("Content-Type: text/html; charset=utf-8")).isTrue();
        assertThat(script.hasHeader("Content-Type: text/javascript; charset=utf-8")).isTrue();
        assertThat(style.hasHeader("Content-Type: text/css; charset=utf-8")).isTrue();
        for (String escape : List.of("/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/..%2fsecret.txt",
                "/static/%2e%2e%5csecret.txt", "/static/missing.html")) {
            RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.plainGet(escape));
            assertThat(answer.status()).as(escape).isEqualTo(404);
            assertThat(answer.body()).as(escape).doesNotContain("secret\n").isNotEqualTo("secret");
        }
    }

    @Test
    void aHandshakeForAPathWithoutEndpointGets404() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/echo", Endpoints.echo()));

        RawHttp.Answer answer = RawHttp.send(server.port(), RawHttp.upgradeRequest("/nowhere"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).contains("no WebSocket service at this path");
    }

    @Test
    void aDefaultEndpointServesEveryPath() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().defaultEndpoint(Endpoints.echo()));
        RecordingListener listener = new RecordingListener();
        WebSocket webSocket = connect(server, "/any/path?x=1", listener);

        webSocket.sendText("anywhere", true).join();

        assertThat(listener.next()).isEqualTo("anywhere");
    }

    @Test
    void anOriginOutsideTheAllowListGets403AndAMissingOriginIsAllowed() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .allowedOrigins("https://good.example"));

        RawHttp.Answer evil = RawHttp.send(server.port(), RawHttp.upgradeRequest("/echo", "Origin: https://evil.example"));
        RecordingListener listener = new RecordingListener();
        WebSocket noOrigin = connect(server, "/echo", listener);
        noOrigin.sendText("no origin", true).join();

        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.body()).contains("https://evil.example");
        assertThat(listener.next()).isEqualTo("no origin");
    }

    @Test
    void anAllowedOriginGetsIn() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/echo", session -> { })
                .allowedOrigins("https://good.example"));

        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(RawHttp.upgradeRequest("/echo", "Origin: https://good.example")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            byte[] start = socket.getInputStream().readNBytes(12);
            assertThat(new String(start, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 101");
        }
    }

    @Test
    void theAuthenticatorRefusesAClientWithoutATokenWith401() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .authenticator(request -> request.target().contains("token=secret") ? Optional.empty()
                        : Optional.of(Authenticator.unauthorized("Bearer", "no token"))));

        RawHttp.Answer refused = RawHttp.send(server.port(), RawHttp.upgradeRequest("/echo"));
        RecordingListener listener = new RecordingListener();
        WebSocket allowed = connect(server, "/echo?token=secret", listener);
        allowed.sendText("in", true).join();

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.hasHeader("WWW-Authenticate: Bearer")).isTrue();
        assertThat(listener.next()).isEqualTo("in");
    }

    @Test
    void theAuthenticatorCanForbidWith403() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .authenticator(request -> Optional.of(Authenticator.forbidden("banned"))));

        assertThat(RawHttp.send(server.port(), RawHttp.upgradeRequest("/echo")).status()).isEqualTo(403);
    }

    @Test
    void anAuthenticatorThatThrowsGets500AndTheServerKeepsServing() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .authenticator(request -> {
                    if (request.target().contains("crash")) {
                        throw new IllegalStateException("the session store is down");
                    }
                    return Optional.empty();
                }));

        RawHttp.Answer crashed = RawHttp.send(server.port(), RawHttp.upgradeRequest("/echo?crash"));
        RecordingListener listener = new RecordingListener();
        connect(server, "/echo", listener).sendText("still serving", true).join();

        assertThat(crashed.status()).isEqualTo(500);
        assertThat(listener.next()).isEqualTo("still serving");
    }

    @Test
    void aHandlerClosesLaterWithAnApplicationCodeSuchAs4001() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/session", session -> {
            Optional<Message> message = session.receive();
            if (message.isPresent() && message.get().equals(new Message.Text("expired"))) {
                session.close(CloseStatus.of(CloseCode.of(4001), "token expired"));
            }
            while (session.receive().isPresent()) {
                // drain until the closing handshake is done
            }
        }));
        RecordingListener listener = new RecordingListener();
        WebSocket webSocket = connect(server, "/session", listener);

        webSocket.sendText("expired", true).join();

        assertThat(listener.close()).isEqualTo(new RecordingListener.Close(4001, "token expired"));
    }

    @Test
    void everyTransitionIsReportedWithTheRemoteAddressAndTheCloseCodes() throws Exception {
        List<Transition> transitions = new CopyOnWriteArrayList<>();
        WebSocketServer server = start(WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .onTransition(transitions::add));
        RecordingListener listener = new RecordingListener();
        WebSocket webSocket = connect(server, "/echo", listener);

        webSocket.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
        listener.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (transitions.stream().noneMatch(t -> t.state() == ConnectionState.CLOSED) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(transitions).extracting(Transition::state).containsSubsequence(
                ConnectionState.CONNECTING, ConnectionState.OPEN, ConnectionState.CLOSED);
        Transition closed = transitions.stream().filter(t -> t.state() == ConnectionState.CLOSED).findFirst().orElseThrow();
        assertThat(closed.detail()).contains("code=1000").contains("bye").contains("cleanly");
        assertThat(closed.remote().toString()).contains("127.0.0.1");
        assertThat(closed.toString()).startsWith(closed.at().toString());
    }

    @Test
    void aCloseStartedByTheServerPassesThroughClosing() throws Exception {
        List<Transition> transitions = new CopyOnWriteArrayList<>();
        WebSocketServer server = start(WebSocketServer.builder()
                .endpoint("/bye", session -> session.close(CloseStatus.of(CloseCode.GOING_AWAY, "bye")))
                .onTransition(transitions::add));
        RecordingListener listener = new RecordingListener();
        connect(server, "/bye", listener);

        assertThat(listener.close()).isEqualTo(new RecordingListener.Close(1001, "bye"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (transitions.stream().noneMatch(t -> t.state() == ConnectionState.CLOSED) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(transitions).extracting(Transition::state).containsExactly(
                ConnectionState.CONNECTING, ConnectionState.OPEN, ConnectionState.CLOSING, ConnectionState.CLOSED);
    }

    @Test
    void theJdkClientSeesARefusedHandshakeAsAnError() throws Exception {
        WebSocketServer server = start(WebSocketServer.builder());
        HttpClient client = HttpClient.newHttpClient();
        resources.add(client);

        assertThatThrownBy(() -> client.newWebSocketBuilder()
                .buildAsync(URI.create(server.uri("/none")), new RecordingListener()).join())
                .isInstanceOf(CompletionException.class);
    }
}
