package dev.wslab.client;

import dev.wslab.client.ConnectFailedException.Kind;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.handshake.AcceptKey;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameReader;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.transport.Message;
import dev.wslab.transport.SessionOptions;
import dev.wslab.transport.WebSocketSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("WebSocketClient.connect")
class WebSocketClientTest {

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    private <T extends AutoCloseable> T use(T resource) {
        resources.add(resource);
        return resource;
    }

    private WebSocketSession connect(URI uri, ClientOptions options) throws Exception {
        return use(WebSocketClient.connect(uri, options));
    }

    private static ConnectFailedException failure(URI uri, ClientOptions options) {
        ConnectFailedException e = catchThrowableOfType(ConnectFailedException.class,
                () -> WebSocketClient.connect(uri, options).close());
        assertThat(e).as("connect should have failed").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }

    @Nested
    @DisplayName("against an Undertow echo server")
    class AgainstUndertow {

        @Test
        void exchangesTextAndBinaryMessagesAndClosesCleanlyWith1000() throws Exception {
            EchoServer server = use(EchoServer.plain());
            WebSocketSession session = connect(server.uri("/echo"), ClientOptions.DEFAULTS);

            session.sendText("héllo");
            session.sendBinary(Payload.of(new byte[70_000]));
            assertThat(session.receive()).contains(new Message.Text("héllo"));
            assertThat(session.receive()).contains(new Message.Binary(Payload.of(new byte[70_000])));

            session.close(CloseStatus.NORMAL);
            Event.Closed closed = session.closed().get(10, TimeUnit.SECONDS);
            assertThat(closed.cleanly()).isTrue();
            assertThat(closed.received().code()).isEqualTo(CloseCode.NORMAL_CLOSURE);
            assertThat(session.receive()).isEmpty();
        }

        @Test
        @DisplayName("§4.1 sends the offered subprotocols, Origin and extra headers; learns the chosen subprotocol")
        void sendsSubprotocolsOriginAndAuthorization() throws Exception {
            EchoServer server = use(EchoServer.plain());
            ClientOptions options = ClientOptions.DEFAULTS.withSubprotocols("v2.chat", "chat")
                    .withOrigin("https://example.org").withHeader("Authorization", "Bearer t0ken");

            WebSocketSession session = connect(server.uri("/echo?room=1"), options);

            assertThat(session.subprotocol()).contains("chat");
            session.sendText("ping?");
            assertThat(session.receive()).contains(new Message.Text("ping?")); // the server's callback ran
            var headers = server.handshakeHeaders.getFirst();
            assertThat(headers.get("Authorization")).containsExactly("Bearer t0ken");
            assertThat(headers.get("Origin")).containsExactly("https://example.org");
        }

        @Test
        @DisplayName("§7.1.2 a Close from the server is answered and the session ends cleanly with its code")
        void serverInitiatedClose() throws Exception {
            EchoServer server = use(EchoServer.plain());
            WebSocketSession session = connect(server.uri("/"), ClientOptions.DEFAULTS);

            session.sendText("bye");

            assertThat(session.receive()).isEmpty();
            Event.Closed closed = session.closed().get(10, TimeUnit.SECONDS);
            assertThat(closed.cleanly()).isTrue();
            assertThat(closed.received()).isEqualTo(CloseStatus.of(CloseCode.NORMAL_CLOSURE, "bye"));
        }
    }

    @Nested
    @DisplayName("wss://")
    class Secure {

        @TempDir
        Path directory;

        @Test
        void connectsThroughTlsWhenTheSelfSignedCertificateIsTrustedByTheGivenContext() throws Exception {
            SelfSignedTls tls = SelfSignedTls.create(directory);
            EchoServer server = use(EchoServer.secure(tls.server()));

            WebSocketSession session = connect(server.uri("/secure"), ClientOptions.DEFAULTS.withTls(tls.client()));

            session.sendText("over TLS");
            assertThat(session.receive()).contains(new Message.Text("over TLS"));
            session.close(CloseStatus.NORMAL);
            assertThat(session.closed().get(10, TimeUnit.SECONDS).cleanly()).isTrue();
        }

        @Test
        void connectsThroughTlsWhenTheCertificateIsInTheGivenTrustStore() throws Exception {
            SelfSignedTls tls = SelfSignedTls.create(directory);
            EchoServer server = use(EchoServer.secure(tls.server()));

            WebSocketSession session = connect(server.uri("/"), ClientOptions.DEFAULTS.withTrustStore(tls.trustStore()));

            session.sendText("trusted");
            assertThat(session.receive()).contains(new Message.Text("trusted"));
        }

        @Test
        @DisplayName("RFC 6125: a trusted certificate that names another host is refused, unless told not to check")
        void aCertificateForAnotherHost() throws Exception {
            SelfSignedTls tls = SelfSignedTls.create(directory, "dns:example.org");
            EchoServer server = use(EchoServer.secure(tls.server()));
            ClientOptions trusting = ClientOptions.DEFAULTS.withTls(tls.client());

            ConnectFailedException e = failure(server.uri("/"), trusting);
            WebSocketSession session = connect(server.uri("/"), trusting.withVerifyHostname(false));

            assertThat(e.kind()).isEqualTo(Kind.TLS);
            assertThat(e.getMessage()).contains("127.0.0.1");
            session.sendText("unchecked");
            assertThat(session.receive()).contains(new Message.Text("unchecked"));
        }

        @Test
        void anUntrustedCertificateIsATlsFailure() throws Exception {
            SelfSignedTls tls = SelfSignedTls.create(directory);
            EchoServer server = use(EchoServer.secure(tls.server()));

            ConnectFailedException e = failure(server.uri("/"), ClientOptions.DEFAULTS);

            assertThat(e.kind()).isEqualTo(Kind.TLS);
            assertThat(e.getMessage()).startsWith("TLS handshake with 127.0.0.1:" + server.port() + " failed");
        }
    }

    @Nested
    @DisplayName("fails with a kind and one line")
    class Failures {

        @Test
        void aUrlThatIsNotWebSocketIsABadUrl() {
            ConnectFailedException e = failure(URI.create("http://example.org/chat"), ClientOptions.DEFAULTS);
            assertThat(e.kind()).isEqualTo(Kind.BAD_URL);
            assertThat(e.getMessage()).contains("ws://", "§3");
        }

        @Test
        void aPortWhereNothingListensIsARefusedConnection() throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                port = socket.getLocalPort();
            }
            ConnectFailedException e = failure(URI.create("ws://127.0.0.1:" + port + "/"), ClientOptions.DEFAULTS);
            assertThat(e.kind()).isEqualTo(Kind.REFUSED);
            assertThat(e.getMessage()).startsWith("connection refused by 127.0.0.1:" + port);
        }

        @Test
        @DisplayName("a listener whose accept queue is full drops the SYN (Linux): a connect timeout")
        void aFullAcceptQueueIsAConnectTimeout() throws Exception {
            ServerSocket listener = use(new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")));
            for (int i = 0; i < 8; i++) { // never accepted: the kernel's queue fills, later SYNs are dropped
                java.net.Socket socket = use(new java.net.Socket());
                try {
                    socket.connect(listener.getLocalSocketAddress(), 200);
                } catch (java.net.SocketTimeoutException full) {
                    break;
                }
            }
            URI uri = URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/");

            ConnectFailedException e = failure(uri, ClientOptions.DEFAULTS.withConnectTimeout(Duration.ofMillis(300)));

            assertThat(e.kind()).isEqualTo(Kind.CONNECT_TIMEOUT);
            assertThat(e.getMessage()).startsWith("could not connect to 127.0.0.1:" + listener.getLocalPort() + " within 300 ms");
        }

        @Test
        void aNameThatDoesNotResolveIsAnUnknownHost() {
            ConnectFailedException e = failure(URI.create("ws://no-such-host.invalid/"), ClientOptions.DEFAULTS);
            assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_HOST);
            assertThat(e.getMessage()).contains("no-such-host.invalid");
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource(delimiter = '|', value = {
                "401|Unauthorized|authentication failed or is missing",
                "403|Forbidden|often because of the Origin header",
                "404|Not Found|no WebSocket endpoint at this path"})
        @DisplayName("§4.1 a status other than 101 fails the handshake, with what the status usually means")
        void aStatusOtherThan101(int status, String reason, String meaning) throws Exception {
            FakeServer server = use(new FakeServer((socket, i) -> {
                FakeServer.readRequestHead(socket);
                FakeServer.write(socket, "HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: 0\r\n\r\n");
                FakeServer.drain(socket);
            }));

            ConnectFailedException e = failure(server.uri("/chat"), ClientOptions.DEFAULTS);

            assertThat(e.kind()).isEqualTo(Kind.HANDSHAKE_FAILED);
            assertThat(e.httpStatus()).hasValue(status);
            assertThat(e.handshakeFailure()).map(HandshakeFailure::kind).contains(HandshakeFailure.Kind.UNEXPECTED_STATUS);
            assertThat(e.getMessage()).contains(server.uri("/chat").getAuthority(), String.valueOf(status), meaning);
        }

        @Test
        @DisplayName("§4.1 the client MUST fail on a Sec-WebSocket-Accept that does not match its key")
        void aWrongAcceptKey() throws Exception {
            FakeServer server = use(new FakeServer((socket, i) -> {
                FakeServer.readRequestHead(socket);
                FakeServer.write(socket, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
                FakeServer.drain(socket);
            }));

            ConnectFailedException e = failure(server.uri("/"), ClientOptions.DEFAULTS);

            assertThat(e.kind()).isEqualTo(Kind.HANDSHAKE_FAILED);
            assertThat(e.handshakeFailure()).map(HandshakeFailure::kind).contains(HandshakeFailure.Kind.INVALID_ACCEPT);
            assertThat(e.getMessage()).contains("Sec-WebSocket-Accept does not match");
        }

        @Test
        void aServerThatNeverAnswersIsAHandshakeTimeout() throws Exception {
            FakeServer server = use(new FakeServer((socket, i) -> FakeServer.drain(socket)));

            ConnectFailedException e = failure(server.uri("/"),
                    ClientOptions.DEFAULTS.withHandshakeTimeout(Duration.ofMillis(300)));

            assertThat(e.kind()).isEqualTo(Kind.HANDSHAKE_TIMEOUT);
            assertThat(e.getMessage()).contains("did not answer the WebSocket handshake within 300 ms");
        }

        @Test
        void aServerThatClosesBeforeAnsweringFailsTheHandshake() throws Exception {
            FakeServer server = use(new FakeServer((socket, i) -> {
                FakeServer.readRequestHead(socket);
                socket.close();
            }));

            ConnectFailedException e = failure(server.uri("/"), ClientOptions.DEFAULTS);

            assertThat(e.kind()).isEqualTo(Kind.HANDSHAKE_FAILED);
            assertThat(e.handshakeFailure()).map(HandshakeFailure::kind)
                    .contains(HandshakeFailure.Kind.CLOSED_BEFORE_RESPONSE);
        }
    }

    @Test
    @DisplayName("a frame that arrives in the same read as the 101 response is delivered first")
    void framesRightAfterTheResponseAreDelivered() throws Exception {
        FakeServer server = use(new FakeServer((socket, i) -> {
            String head = FakeServer.readRequestHead(socket);
            byte[] response = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + dev.wslab.protocol.handshake.AcceptKey.of(FakeServer.key(head))
                    + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            byte[] frame = {(byte) 0x81, 0x02, 'h', 'i'};
            byte[] both = java.util.Arrays.copyOf(response, response.length + frame.length);
            System.arraycopy(frame, 0, both, response.length, frame.length);
            socket.getOutputStream().write(both);
            FakeServer.drain(socket);
        }));

        WebSocketSession session = connect(server.uri("/"), ClientOptions.DEFAULTS.withSession(
                SessionOptions.DEFAULTS.withCloseTimeout(Duration.ofMillis(200)))); // the fake never closes

        assertThat(session.receive()).contains(new Message.Text("hi"));
    }

    @Test
    @DisplayName("§5.5.1 a Close in the same read as the 101 is answered; the messages before it are delivered")
    void aCloseRightAfterTheResponse() throws Exception {
        FakeServer server = use(new FakeServer((socket, i) -> {
            String head = FakeServer.readRequestHead(socket);
            FakeServer.write(socket, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                    + dev.wslab.protocol.handshake.AcceptKey.of(FakeServer.key(head)) + "\r\n\r\n"
                    + "\u0081\u0002hi\u0088\u0002\u0003\u00e8"); // ISO-8859-1: these chars are the bytes
            socket.getInputStream().readNBytes(8); // the client's masked Close reply
            socket.close();
        }));

        WebSocketSession session = connect(server.uri("/"), ClientOptions.DEFAULTS);

        assertThat(session.receive()).contains(new Message.Text("hi"));
        assertThat(session.receive()).isEmpty();
        Event.Closed closed = session.closed().get(10, TimeUnit.SECONDS);
        assertThat(closed.cleanly()).isTrue();
        assertThat(closed.received()).isEqualTo(CloseStatus.NORMAL);
    }

    @Test
    @DisplayName("§7.1.7 a message that came in the same read as a violation is delivered and answered before the failing Close")
    void aMessageBeforeAViolationIsAnsweredBeforeTheClose() throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        CompletableFuture<List<Frame>> fromClient = new CompletableFuture<>();
        FakeServer server = use(new FakeServer((socket, i) -> {
            FakeServer.accept(socket);
            connected.await(); // the frames come in a read of their own, after the handshake's
            socket.getOutputStream().write(HexFormat.of().parseHex("810548656c6c6f" // Text "Hello", FIN, unmasked
                    + "c100")); // Text, FIN, RSV1 set without an extension (1002), unmasked, empty
            // The fake never closes: after its Close the client waits the close timeout for our FIN.
            fromClient.complete(FrameReader.readAll(socket.getInputStream().readAllBytes(), 1024));
        }));

        WebSocketSession session = connect(server.uri("/"), ClientOptions.DEFAULTS.withSession(
                SessionOptions.DEFAULTS.withCloseTimeout(Duration.ofMillis(200))));
        connected.countDown();
        Optional<Message> message = session.receive();
        message.ifPresent(session::send); // the application answers, then asks for the next message
        assertThat(session.receive()).isEmpty();

        assertThat(message).contains(new Message.Text("Hello"));
        List<Frame> frames = fromClient.get(10, TimeUnit.SECONDS);
        assertThat(frames).extracting(Frame::opcode).containsExactly(Opcode.TEXT.code(), Opcode.CLOSE.code());
        assertThat(frames.getFirst().payload()).isEqualTo(Payload.utf8("Hello"));
        assertThat(CloseStatus.parse(frames.getLast().payload()).code()).isEqualTo(CloseCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("§7.1.7 the same when the message and the violation come in the same write as the 101 response")
    void aMessageThatCameWithTheHandshakeIsAnsweredBeforeTheClose() throws Exception {
        CompletableFuture<List<Frame>> fromClient = new CompletableFuture<>();
        FakeServer server = use(new FakeServer((socket, i) -> {
            String head = FakeServer.readRequestHead(socket);
            byte[] response = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + AcceptKey.of(FakeServer.key(head)) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            byte[] frames = HexFormat.of().parseHex("810548656c6c6f" // Text "Hello", FIN, unmasked
                    + "c100"); // Text, FIN, RSV1 set without an extension (1002), unmasked, empty
            byte[] oneWrite = Arrays.copyOf(response, response.length + frames.length);
            System.arraycopy(frames, 0, oneWrite, response.length, frames.length);
            socket.getOutputStream().write(oneWrite);
            socket.getOutputStream().flush();
            fromClient.complete(FrameReader.readAll(socket.getInputStream().readAllBytes(), 1024));
        }));

        WebSocketSession session = connect(server.uri("/"), ClientOptions.DEFAULTS.withSession(
                SessionOptions.DEFAULTS.withCloseTimeout(Duration.ofMillis(200))));
        Optional<Message> message = session.receive();
        message.ifPresent(session::send);
        assertThat(session.receive()).isEmpty();

        assertThat(message).contains(new Message.Text("Hello"));
        List<Frame> frames = fromClient.get(10, TimeUnit.SECONDS);
        assertThat(frames).extracting(Frame::opcode).containsExactly(Opcode.TEXT.code(), Opcode.CLOSE.code());
        assertThat(CloseStatus.parse(frames.getLast().payload()).code()).isEqualTo(CloseCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("heartbeats drop a server that accepted and then went silent (half-open), reported as 1006")
    void heartbeatDetectsAZombieServer() throws Exception {
        FakeServer server = use(new FakeServer((socket, i) -> {
            FakeServer.accept(socket);
            FakeServer.drain(socket); // reads the Pings, never answers: a peer that vanished behind a NAT
        }));
        ClientOptions options = ClientOptions.DEFAULTS.withSession(
                SessionOptions.DEFAULTS.withHeartbeat(Duration.ofMillis(100), Duration.ofMillis(150)));

        WebSocketSession session = connect(server.uri("/"), options);

        Event.Closed closed = session.closed().get(10, TimeUnit.SECONDS);
        assertThat(closed.cleanly()).isFalse();
        assertThat(closed.received().code()).isEqualTo(CloseCode.ABNORMAL_CLOSURE);
        assertThat(session.receive()).isEmpty();
    }
}
