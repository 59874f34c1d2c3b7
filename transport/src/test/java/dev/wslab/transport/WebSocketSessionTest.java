package dev.wslab.transport;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Connection;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameReader;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sessions over real loopback sockets; the handshake is skipped (connections start OPEN). */
@DisplayName("WebSocketSession")
class WebSocketSessionTest {

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    /** Returns a connected pair of sockets: [client side, server side]. */
    private Socket[] socketPair() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            Socket server = listener.accept();
            resources.add(client);
            resources.add(server);
            return new Socket[] {client, server};
        }
    }

    private static WebSocketSession session(Socket socket, Role role, SessionOptions options) {
        Connection connection = Connection.open(role, Limits.DEFAULTS, MaskingKeySource.seeded(1));
        return WebSocketSession.start(socket, connection, Optional.empty(), List.of(), options, SessionObserver.NONE);
    }

    @Test
    void messagesFlowBothWaysAndTheClosingHandshakeEndsCleanlyOnBothSides() throws Exception {
        Socket[] pair = socketPair();
        WebSocketSession client = session(pair[0], Role.CLIENT, SessionOptions.DEFAULTS);
        WebSocketSession server = session(pair[1], Role.SERVER, SessionOptions.DEFAULTS);

        client.sendText("hello");
        client.sendBinary(Payload.of(new byte[100_000]));
        Message first = server.receive().orElseThrow();
        Message second = server.receive().orElseThrow();
        server.send(first);
        server.send(second);
        assertThat(client.receive()).contains(new Message.Text("hello"));
        assertThat(client.receive()).contains(new Message.Binary(Payload.of(new byte[100_000])));

        client.close(CloseStatus.of(CloseCode.NORMAL_CLOSURE, "done"));
        Event.Closed serverEnd = server.closed().get(10, TimeUnit.SECONDS);
        Event.Closed clientEnd = client.closed().get(10, TimeUnit.SECONDS);
        assertThat(serverEnd.cleanly()).isTrue();
        assertThat(serverEnd.received()).isEqualTo(CloseStatus.of(CloseCode.NORMAL_CLOSURE, "done"));
        assertThat(clientEnd.cleanly()).isTrue();
        assertThat(server.receive()).isEmpty();
        assertThat(client.receive()).isEmpty();
    }

    @Test
    @DisplayName("heartbeats drop a peer that stopped answering (a zombie) as 1006")
    void heartbeatDetectsAZombie() throws Exception {
        Socket[] pair = socketPair(); // pair[0] is a peer that never reads: it never answers a Ping
        WebSocketSession server = session(pair[1], Role.SERVER,
                SessionOptions.DEFAULTS.withHeartbeat(Duration.ofMillis(50), Duration.ofMillis(100)));
        Event.Closed end = server.closed().get(10, TimeUnit.SECONDS);
        assertThat(end.received()).isEqualTo(CloseStatus.ABNORMAL);
        assertThat(end.cleanly()).isFalse();
    }

    @Test
    @DisplayName("a peer that stops answering is dropped pingTimeout after the unanswered Ping, not a whole interval later")
    void aMissingPongIsNoticedWhenItsTimeoutExpires() throws Exception {
        Socket[] pair = socketPair(); // pair[0] never reads, so the first Ping is never answered
        Duration interval = Duration.ofSeconds(3);
        Duration timeout = Duration.ofMillis(300);
        long start = System.nanoTime();
        WebSocketSession server = session(pair[1], Role.SERVER, SessionOptions.DEFAULTS.withHeartbeat(interval, timeout));
        server.closed().get(20, TimeUnit.SECONDS);
        Duration detectedAfter = Duration.ofNanos(System.nanoTime() - start);
        // Ping at 3 s, dead at 3.3 s. Waiting for the next Ping to notice would take 6 s at least.
        assertThat(detectedAfter).isGreaterThanOrEqualTo(interval.plus(timeout)).isLessThan(interval.multipliedBy(2));
    }

    @Test
    @DisplayName("after the closing handshake the client waits for the server to close TCP first (§7.1.1)")
    void theClientLeavesClosingTcpToTheServer() throws Exception {
        Socket[] pair = socketPair(); // pair[1] plays a server by hand
        WebSocketSession client = session(pair[0], Role.CLIENT, SessionOptions.DEFAULTS.withCloseTimeout(Duration.ofSeconds(10)));
        client.close(CloseStatus.NORMAL);

        InputStream fromClient = pair[1].getInputStream();
        FrameReader reader = new FrameReader(125);
        ByteBuffer pending = ByteBuffer.allocate(0);
        Frame close = null;
        while (close == null) {
            byte[] chunk = new byte[256];
            int count = fromClient.read(chunk);
            assertThat(count).as("the client's Close frame").isPositive();
            pending = ByteBuffer.wrap(concat(pending, chunk, count));
            close = reader.next(pending);
        }
        pair[1].getOutputStream().write(dev.wslab.protocol.frame.FrameEncoder.encode(Frame.close(CloseStatus.NORMAL)));

        // The client has its answer and is CLOSED, but it must not send its FIN before the server's.
        pair[1].setSoTimeout(500);
        assertThatThrownBy(fromClient::read).isInstanceOf(java.net.SocketTimeoutException.class);
        assertThat(client.closed()).isNotDone();

        pair[1].close(); // the server's FIN: now the client closes too
        Event.Closed end = client.closed().get(5, TimeUnit.SECONDS);
        assertThat(end.cleanly()).isTrue();
    }

    private static byte[] concat(ByteBuffer pending, byte[] chunk, int count) {
        byte[] joined = new byte[pending.remaining() + count];
        pending.get(joined, 0, pending.remaining());
        System.arraycopy(chunk, 0, joined, joined.length - count, count);
        return joined;
    }

    @Test
    @DisplayName("a live peer answers the heartbeat and the round-trip time is reported")
    void heartbeatMeasuresRoundTrips() throws Exception {
        Socket[] pair = socketPair();
        List<Duration> roundTrips = new java.util.concurrent.CopyOnWriteArrayList<>();
        SessionObserver observer = new SessionObserver() {
            @Override
            public void pongReceived(WebSocketSession session, Duration roundTrip) {
                roundTrips.add(roundTrip);
            }
        };
        session(pair[0], Role.CLIENT, SessionOptions.DEFAULTS);
        Connection connection = Connection.open(Role.SERVER, Limits.DEFAULTS, MaskingKeySource.seeded(1));
        WebSocketSession server = WebSocketSession.start(pair[1], connection, Optional.empty(), List.of(),
                SessionOptions.DEFAULTS.withHeartbeat(Duration.ofMillis(30), Duration.ofSeconds(5)), observer);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (roundTrips.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(roundTrips).hasSizeGreaterThanOrEqualTo(3);
        assertThat(server.state()).isEqualTo(dev.wslab.protocol.connection.ConnectionState.OPEN);
    }

    @Test
    @DisplayName("a peer that reads too slowly is dropped with 1008 instead of growing the queue")
    void slowReaderIsFailedWith1008() throws Exception {
        Socket[] pair = socketPair();
        WebSocketSession server = session(pair[1], Role.SERVER, SessionOptions.DEFAULTS.withMaxQueuedBytes(256 * 1024)
                .withCloseTimeout(Duration.ofMillis(200)));
        Payload chunk = Payload.of(new byte[64 * 1024]);
        try {
            for (int i = 0; i < 1_000 && server.state() == dev.wslab.protocol.connection.ConnectionState.OPEN; i++) {
                server.sendBinary(chunk);
            }
        } catch (IllegalStateException expected) {
            // the session failed while we were still sending
        }
        Event.Closed end = server.closed().get(10, TimeUnit.SECONDS);
        assertThat(end.sent().code()).isEqualTo(CloseCode.POLICY_VIOLATION);
    }

    @Test
    @DisplayName("the closing handshake gives up after the close timeout when the peer never answers")
    void closeTimeout() throws Exception {
        Socket[] pair = socketPair(); // pair[0] never answers
        WebSocketSession server = session(pair[1], Role.SERVER, SessionOptions.DEFAULTS.withCloseTimeout(Duration.ofMillis(100)));
        server.close(CloseStatus.NORMAL);
        Event.Closed end = server.closed().get(10, TimeUnit.SECONDS);
        assertThat(end.cleanly()).isFalse();
        assertThat(end.sent()).isEqualTo(CloseStatus.NORMAL);
        // What the silent peer received: exactly our Close frame.
        InputStream in = pair[0].getInputStream();
        byte[] received = in.readAllBytes();
        List<Frame> frames = FrameReader.readAll(received, 1024);
        assertThat(frames).containsExactly(Frame.close(CloseStatus.NORMAL));
        assertThat(ByteBuffer.wrap(received).remaining()).isEqualTo(4);
    }

    // ---------------------------------------------------------------- a violation after valid messages

    /** Answers every message with the same message until the session ends, like the reference server. */
    private static void echo(WebSocketSession session) {
        Thread.ofVirtual().start(() -> {
            try {
                Optional<Message> message;
                while ((message = session.receive()).isPresent()) {
                    session.send(message.get());
                }
            } catch (InterruptedException | IllegalStateException e) {
                // the test looks at the wire, not at this thread
            }
        });
    }

    /** Reads what the session wrote, frame by frame, up to and including its Close frame. */
    private static List<Frame> framesUpToClose(Socket peer) throws IOException {
        peer.setSoTimeout(10_000); // a Close that never comes fails the test instead of hanging it
        InputStream in = peer.getInputStream();
        FrameReader reader = new FrameReader(1024);
        ByteBuffer pending = ByteBuffer.allocate(0);
        List<Frame> frames = new ArrayList<>();
        while (frames.isEmpty() || frames.getLast().opcode() != Opcode.CLOSE.code()) {
            Frame frame = reader.next(pending);
            if (frame != null) {
                frames.add(frame);
                continue;
            }
            byte[] chunk = new byte[256];
            int count = in.read(chunk);
            assertThat(count).as("bytes before the session's Close frame").isPositive();
            pending = ByteBuffer.wrap(concat(pending, chunk, count));
        }
        return frames;
    }

    private static void assertEchoThenClose(List<Frame> frames, String echoed, CloseCode code) {
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).opcode()).isEqualTo(Opcode.TEXT.code());
        assertThat(frames.get(0).payload()).isEqualTo(Payload.utf8(echoed));
        assertThat(CloseStatus.parse(frames.get(1).payload()).code()).isEqualTo(code);
    }

    private static byte[] hex(String... frames) {
        return HexFormat.of().parseHex(String.join("", frames));
    }

    /** A client's valid message and, in the same bytes, a frame that breaks a rule. */
    private static final byte[] HELLO_THEN_VIOLATION_FROM_A_CLIENT = hex(
            "818537fa213d7f9f4d5158", // Text "Hello", FIN, masked with key 37fa213d (the example of §5.7)
            "c18000000000");          // Text, FIN, RSV1 set without an extension (1002), masked, empty

    /** A server's valid message and, in the same bytes, a frame that breaks a rule. */
    private static final byte[] HELLO_THEN_VIOLATION_FROM_A_SERVER = hex(
            "810548656c6c6f", // Text "Hello", FIN, unmasked (the example of §5.7)
            "c100");          // Text, FIN, RSV1 set without an extension (1002), unmasked, empty

    /** Starts an echoing session in {@code role}, lets the peer write {@code fromPeer}, returns what came back. */
    private List<Frame> echoAnswers(Role role, byte[] fromPeer) throws IOException {
        Socket[] pair = socketPair(); // [client side, server side]: the side not in role is played by hand
        Socket own = role == Role.SERVER ? pair[1] : pair[0];
        Socket peer = role == Role.SERVER ? pair[0] : pair[1];
        echo(session(own, role, SessionOptions.DEFAULTS));
        peer.getOutputStream().write(fromPeer);
        return framesUpToClose(peer);
    }

    @Test
    @DisplayName("a server answers a message that came in the same bytes as a violation before its failing Close (§7.1.7)")
    void aServerAnswersTheMessageBeforeAViolationFirst() throws Exception {
        List<Frame> answers = echoAnswers(Role.SERVER, HELLO_THEN_VIOLATION_FROM_A_CLIENT);

        assertEchoThenClose(answers, "Hello", CloseCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("a client answers a message that came in the same bytes as a violation before its failing Close")
    void aClientAnswersTheMessageBeforeAViolationFirst() throws Exception {
        List<Frame> answers = echoAnswers(Role.CLIENT, HELLO_THEN_VIOLATION_FROM_A_SERVER);

        assertEchoThenClose(answers, "Hello", CloseCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("an application that never comes back for the next message holds the failing Close for the close timeout at most")
    void theFailingCloseWaitsForTheApplicationAtMostTheCloseTimeout() throws Exception {
        Socket[] pair = socketPair(); // pair[0] plays a client by hand
        WebSocketSession server = session(pair[1], Role.SERVER, SessionOptions.DEFAULTS.withCloseTimeout(Duration.ofMillis(200)));

        pair[0].getOutputStream().write(HELLO_THEN_VIOLATION_FROM_A_CLIENT);
        assertThat(server.receive()).contains(new Message.Text("Hello")); // and never asks for the next one

        List<Frame> frames = framesUpToClose(pair[0]);
        assertThat(frames).hasSize(1);
        assertThat(CloseStatus.parse(frames.getFirst().payload()).code()).isEqualTo(CloseCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("a violation with no message before it fails the connection at once")
    void aViolationWithNothingToAnswerFailsAtOnce() throws Exception {
        Socket[] pair = socketPair(); // pair[0] plays a client by hand; nobody takes messages
        session(pair[1], Role.SERVER, SessionOptions.DEFAULTS.withCloseTimeout(Duration.ofHours(1)));

        pair[0].getOutputStream().write(hex("c18000000000")); // Text, FIN, RSV1 set (1002), masked, empty

        List<Frame> frames = framesUpToClose(pair[0]); // within its 10 s read timeout, not the hour
        assertThat(frames).hasSize(1);
        assertThat(CloseStatus.parse(frames.getFirst().payload()).code()).isEqualTo(CloseCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("closing the session while a violation is held sends the violation's close code, not the application's")
    void closingWhileAViolationIsHeldSendsItsCode() throws Exception {
        Socket[] pair = socketPair();
        WebSocketSession server = session(pair[1], Role.SERVER, SessionOptions.DEFAULTS.withCloseTimeout(Duration.ofHours(1)));

        pair[0].getOutputStream().write(HELLO_THEN_VIOLATION_FROM_A_CLIENT);
        assertThat(server.receive()).contains(new Message.Text("Hello"));
        server.sendText("Hello");
        server.close(CloseStatus.NORMAL); // as the server does when a handler returns

        assertEchoThenClose(framesUpToClose(pair[0]), "Hello", CloseCode.PROTOCOL_ERROR);
    }
}
