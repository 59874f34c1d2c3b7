package dev.wslab.cli;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Connection;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.connection.ServerOpening;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.protocol.handshake.AcceptKey;
import dev.wslab.protocol.handshake.ServerHandshake;
import dev.wslab.protocol.handshake.ServerHandshakeResult;
import dev.wslab.protocol.http.HttpRequest;
import dev.wslab.transport.Deadline;
import dev.wslab.transport.HandshakeDriver;
import dev.wslab.transport.Message;
import dev.wslab.transport.SessionObserver;
import dev.wslab.transport.SessionOptions;
import dev.wslab.transport.WebSocketSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("./wslab connect")
class ConnectCommandTest {

    private EchoServer server;
    private final CountDownLatch endOfInput = new CountDownLatch(1);

    @AfterEach
    void restore() throws IOException {
        endOfInput.countDown();
        ConnectCommand.input = System.in;
        if (server != null) {
            server.close();
        }
    }

    private static CommandLineRunner connect(String stdin, String... args) {
        ConnectCommand.input = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        String[] all = new String[args.length + 1];
        all[0] = "connect";
        System.arraycopy(args, 0, all, 1, args.length);
        return CommandLineRunner.run(all);
    }

    /**
     * Runs with {@code stdin} as input, which then stays open (as a terminal would) until the test ends:
     * the server, not the end of input, ends the connection.
     */
    private CommandLineRunner connectKeepingInputOpen(String stdin, String... args) {
        ByteArrayInputStream lines = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        InputStream heldOpen = new SequenceInputStream(lines, new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    endOfInput.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
        });
        ConnectCommand.input = heldOpen;
        String[] all = new String[args.length + 1];
        all[0] = "connect";
        System.arraycopy(args, 0, all, 1, args.length);
        return CommandLineRunner.run(all);
    }

    @Test
    void sendsEachInputLineAsATextMessageAndPrintsTheEchoes() throws Exception {
        server = new EchoServer();

        CommandLineRunner result = connectKeepingInputOpen("hello\nwörld\nclose:1000\n", server.url("/echo"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("hello\nwörld\n".replace("\n", System.lineSeparator()));
        assertThat(result.err()).contains("connected to " + server.url("/echo"));
    }

    @Test
    @DisplayName("§7.1.2 the end of input closes with 1000, waits for the server's Close, and exits 0")
    void endOfInputClosesCleanly() throws Exception {
        server = new EchoServer();

        CommandLineRunner result = connect("", server.url("/echo"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("closed: received 1000 (Normal Closure), sent 1000 (Normal Closure)");
    }

    @Test
    @DisplayName("input that ends right after its lines still gets every echo printed: connect closes once each line is answered")
    void inputEndingRightAfterSendingLosesNoEcho() throws Exception {
        server = new EchoServer();
        String lines = "one\ntwo\nthree\n".repeat(20);

        for (int run = 0; run < 5; run++) {
            CommandLineRunner result = connect(lines, server.url("/echo"));

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).as("run %d", run).isEqualTo(lines.replace("\n", System.lineSeparator()));
        }
    }

    @Test
    @DisplayName("--linger: a server that does not answer is waited for that long at the end of input, then closed cleanly")
    void aServerThatDoesNotAnswerIsClosedAfterTheLinger() throws Exception {
        server = new EchoServer();

        CommandLineRunner result = connect("quiet, please\n", server.url("/echo"), "--linger", "100ms");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("closed: received 1000 (Normal Closure), sent 1000 (Normal Closure)");
    }

    @Test
    void printsABinaryMessageAsItsLengthAndAHexPreview() throws Exception {
        server = new EchoServer();

        CommandLineRunner result = connectKeepingInputOpen("bin:0102ff\nclose:1000\n", server.url("/"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("<binary 3 bytes: 01 02 ff>");
        assertThat(ConnectCommand.describe(Payload.of(new byte[20]))).isEqualTo(
                "<binary 20 bytes: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ...>");
        assertThat(ConnectCommand.describe(Payload.EMPTY)).isEqualTo("<binary 0 bytes>");
    }

    @Test
    @DisplayName("§4.1 --subprotocol, --header and --origin go into the handshake")
    void handshakeOptions() throws Exception {
        server = new EchoServer();

        CommandLineRunner result = connect("", server.url("/"), "--subprotocol", "v9", "--subprotocol", "chat",
                "--header", "Authorization: Bearer abc", "--origin", "https://example.org");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("(subprotocol chat)");
        HttpRequest request = server.requests.getFirst();
        assertThat(request.headers().first("Authorization")).contains("Bearer abc");
        assertThat(request.headers().first("Origin")).contains("https://example.org");
        assertThat(request.headers().first("Sec-WebSocket-Protocol")).contains("v9, chat");
    }

    @Test
    @DisplayName("--trace prints both handshake heads, every frame both ways and the state changes")
    void trace() throws Exception {
        server = new EchoServer();

        CommandLineRunner result = connectKeepingInputOpen("hi\nclose:1000\n", server.url("/t"), "--trace");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("> GET /t HTTP/1.1", "< HTTP/1.1 101 Switching Protocols",
                "> FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=1 length=2 \"hi\"",
                "< FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=0 length=2 \"hi\"",
                "> FIN=1 RSV=000 opcode=0x8 (CLOSE) MASK=1 length=2 1000 (Normal Closure)",
                "< FIN=1 RSV=000 opcode=0x8 (CLOSE) MASK=0 length=2 1000 (Normal Closure)",
                "state OPEN", "state CLOSED");
        assertThat(result.err().indexOf("> FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=1 length=2"))
                .isLessThan(result.err().indexOf("< FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=0 length=2"));
        assertThat(result.out()).isEqualTo("hi" + System.lineSeparator());
    }

    @Test
    void aCloseFromTheServerWithAnotherCodeExits1WithOneLine() throws Exception {
        server = new EchoServer();

        CommandLineRunner result = connectKeepingInputOpen("close:1011\n", server.url("/"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("wslab: the connection did not close cleanly with 1000: received 1011")
                .doesNotContain("Exception");
    }

    @Test
    @DisplayName("--ping-interval: a server that stops answering is dropped, exit code 1 with the reason")
    void heartbeatDropsASilentServer() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread.ofVirtual().start(() -> {
                try (Socket socket = listener.accept()) {
                    byte[] buffer = new byte[4096];
                    String head = new String(buffer, 0, socket.getInputStream().read(buffer), StandardCharsets.ISO_8859_1);
                    String key = head.lines().filter(l -> l.startsWith("Sec-WebSocket-Key:")).findFirst().orElseThrow()
                            .substring("Sec-WebSocket-Key:".length()).trim();
                    socket.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + AcceptKey.of(key) + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    socket.getInputStream().transferTo(OutputStream.nullOutputStream()); // never a Pong
                } catch (IOException ignored) {
                    // the client dropped us, as it should
                }
            });

            CommandLineRunner result = connectKeepingInputOpen("", "ws://127.0.0.1:" + listener.getLocalPort() + "/",
                    "--ping-interval", "100ms");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("wslab: the connection did not close cleanly with 1000: received 1006",
                    "aborted: no Pong within 100 ms");
        }
    }

    @Test
    void aRefusedConnectionIsOneLineAndExitCode1() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }

        CommandLineRunner result = connect("", "ws://127.0.0.1:" + port + "/");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines()).containsExactly("wslab: connection refused by 127.0.0.1:" + port
                + ": nothing listens on that port (is the server running?)");
    }

    @Test
    @DisplayName("a 404 answer is one line with the status and what it usually means, exit code 1")
    void aFailedHandshake() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread.ofVirtual().start(() -> {
                try (Socket socket = listener.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    socket.getOutputStream().write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getInputStream().read();
                } catch (IOException ignored) {
                    // the test checks the client's side
                }
            });

            CommandLineRunner result = connect("", "ws://127.0.0.1:" + listener.getLocalPort() + "/nowhere");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err().lines()).singleElement().asString().startsWith("wslab: ")
                    .contains("404", "there is no WebSocket endpoint at this path", "§4.1");
        }
    }

    @Test
    @DisplayName("wss:// with a self-signed certificate fails as TLS, and works with --insecure")
    void insecureTrustsASelfSignedCertificate(@TempDir Path directory) throws Exception {
        SSLContext tls = selfSigned(directory);
        server = new EchoServer(tls.getServerSocketFactory().createServerSocket(0, 10,
                InetAddress.getByName("127.0.0.1")), "wss");

        CommandLineRunner refused = connect("", server.url("/"));
        CommandLineRunner trusted = connectKeepingInputOpen("secret\nclose:1000\n", server.url("/"), "--insecure");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().lines()).singleElement().asString().startsWith("wslab: TLS handshake with 127.0.0.1:");
        assertThat(trusted.exitCode()).as(trusted.err()).isZero();
        assertThat(trusted.out()).isEqualTo("secret" + System.lineSeparator());
    }

    /** Makes a self-signed certificate with the JDK's keytool and returns a server context presenting it. */
    private static SSLContext selfSigned(Path directory) throws Exception {
        Path keystore = directory.resolve("server.p12");
        Path keytool = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as(output).isTrue();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    @Test
    void aUrlThatIsNotWebSocketIsExitCode2() {
        CommandLineRunner result = connect("", "http://example.org/");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("wslab: ").contains("ws://").doesNotContain("\tat ");
    }

    @Test
    void aMalformedHeaderOrDurationIsExitCode2() {
        assertThat(connect("", "ws://127.0.0.1:1/", "--header", "no colon").exitCode()).isEqualTo(2);
        CommandLineRunner result = connect("", "ws://127.0.0.1:1/", "--ping-interval", "soon");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("'soon' is not a duration");
    }

    /**
     * An echo server built from wslab's own protocol and transport (the cli module has no Undertow):
     * "bin:HEX" is answered with those bytes as a binary message, "close:CODE" with a Close of that code,
     * anything else is echoed.
     */
    static final class EchoServer implements AutoCloseable {
        final List<HttpRequest> requests = new CopyOnWriteArrayList<>();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final ServerSocket listener;

        private final String scheme;

        EchoServer() throws IOException {
            this(new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1")), "ws");
        }

        EchoServer(ServerSocket listener, String scheme) {
            this.listener = listener;
            this.scheme = scheme;
            Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket socket = listener.accept();
                        sockets.add(socket);
                        Thread.ofVirtual().start(() -> serve(socket));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        String url(String path) {
            return scheme + "://127.0.0.1:" + listener.getLocalPort() + path;
        }

        private void serve(Socket socket) {
            try {
                ServerOpening opening = new ServerOpening(Limits.DEFAULTS);
                if (!(HandshakeDriver.awaitRequest(socket, opening, Deadline.after(Duration.ofSeconds(10)))
                        instanceof HandshakeDriver.Ended<ServerOpening.Outcome>(ServerOpening.RequestReceived received))) {
                    return;
                }
                requests.add(received.request());
                ServerHandshakeResult result = ServerHandshake.supporting("chat").validate(received.request());
                socket.getOutputStream().write(result.toBytes());
                if (!(result instanceof ServerHandshakeResult.Accepted accepted)) {
                    return;
                }
                Connection connection = opening.accept(accepted);
                List<Event> events = connection.takeEvents();
                socket.getOutputStream().write(connection.takeOutgoingBytes());
                WebSocketSession session = WebSocketSession.start(socket, connection, accepted.subprotocol(), events,
                        SessionOptions.DEFAULTS, SessionObserver.NONE);
                echo(session, message -> { });
            } catch (IOException | InterruptedException e) {
                // the client went away
            }
        }

        private static void echo(WebSocketSession session, Consumer<Message> seen) throws InterruptedException {
            for (var next = session.receive(); next.isPresent(); next = session.receive()) {
                seen.accept(next.get());
                if (next.get() instanceof Message.Text(String text) && text.startsWith("bin:")) {
                    session.sendBinary(Payload.hex(text.substring(4)));
                } else if (next.get() instanceof Message.Text(String text) && text.startsWith("quiet")) {
                    continue; // no answer at all
                } else if (next.get() instanceof Message.Text(String text) && text.startsWith("close:")) {
                    session.close(CloseStatus.of(CloseCode.of(Integer.parseInt(text.substring(6)))));
                } else {
                    try {
                        session.send(next.get());
                    } catch (IllegalStateException closing) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
