package dev.wslab.transport;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.connection.ClientOpening;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.connection.ServerOpening;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.handshake.AcceptKey;
import dev.wslab.protocol.handshake.ClientHandshake;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.handshake.HandshakeRejection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The handshake driver over real loopback sockets: one side is driven, the test plays the other. */
@DisplayName("HandshakeDriver")
class HandshakeDriverTest {

    /** The client's request of RFC 6455 §1.3, without Origin and subprotocols. */
    private static final String REQUEST = "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    private static final Deadline PATIENT = Deadline.after(Duration.ofSeconds(10));

    /** Two connected loopback sockets: the side the driver reads, and the side the test plays. */
    private record SocketPair(Socket driven, Socket other) implements AutoCloseable {

        static SocketPair open() throws IOException {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Socket driven = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                return new SocketPair(driven, listener.accept());
            }
        }

        @Override
        public void close() throws IOException {
            driven.close();
            other.close();
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void write(Socket socket, byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** Reads from {@code socket} until the bytes end with the empty line of an HTTP head. */
    private static String readHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Nested
    @DisplayName("a client's opening")
    class Client {

        private final ClientHandshake handshake = ClientHandshake.create(URI.create("ws://127.0.0.1/chat"), new Random(3));
        private final ClientOpening opening = new ClientOpening(handshake, Limits.DEFAULTS, MaskingKeySource.fixed(7));

        private String switchingProtocols() {
            return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: "
                    + AcceptKey.of(handshake.request().headers().first("Sec-WebSocket-Key").orElseThrow()) + "\r\n\r\n";
        }

        @Test
        @DisplayName("writes the request, shows both directions to the tap, and opens with the frames that came along")
        void opens() throws IOException {
            try (SocketPair pair = SocketPair.open()) {
                pair.driven().setSoTimeout(1234);
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                response.writeBytes(ascii(switchingProtocols()));
                response.writeBytes(FrameEncoder.encode(Frame.text("hi"))); // the server's first frame, unmasked
                write(pair.other(), response.toByteArray());
                ByteArrayOutputStream sent = new ByteArrayOutputStream();
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                HandshakeTap tap = new HandshakeTap() {
                    @Override
                    public void sent(byte[] bytes, int offset, int length) {
                        sent.write(bytes, offset, length);
                    }

                    @Override
                    public void received(byte[] bytes, int offset, int length) {
                        received.write(bytes, offset, length);
                    }
                };

                var reading = HandshakeDriver.awaitResponse(pair.driven(), opening, PATIENT, tap);

                assertThat(reading).isInstanceOfSatisfying(HandshakeDriver.Ended.class, ended ->
                        assertThat(ended.outcome()).isInstanceOfSatisfying(ClientOpening.Opened.class, opened ->
                                assertThat(opened.connection().takeEvents()).containsExactly(
                                        new Event.Opened(Optional.empty()), new Event.TextMessage("hi"))));
                assertThat(readHead(pair.other())).isEqualTo(new String(handshake.request().toBytes(), StandardCharsets.ISO_8859_1));
                assertThat(sent.toByteArray()).isEqualTo(handshake.request().toBytes());
                assertThat(received.toByteArray()).isEqualTo(response.toByteArray());
                assertThat(pair.driven().getSoTimeout()).as("SO_TIMEOUT as it was before").isEqualTo(1234);
            }
        }

        @Test
        @DisplayName("a response that is not 101 is the failure value, not an exception")
        void refusedResponse() throws IOException {
            try (SocketPair pair = SocketPair.open()) {
                write(pair.other(), ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));

                var reading = HandshakeDriver.awaitResponse(pair.driven(), opening, PATIENT, HandshakeTap.NONE);

                assertThat(reading).isInstanceOfSatisfying(HandshakeDriver.Ended.class, ended ->
                        assertThat(ended.outcome()).isInstanceOfSatisfying(ClientOpening.Failed.class, failed ->
                                assertThat(failed.failure().kind()).isEqualTo(HandshakeFailure.Kind.UNEXPECTED_STATUS)));
            }
        }

        @Test
        @DisplayName("a server that closes before its response head is complete fails the handshake")
        void closedBeforeResponse() throws IOException {
            try (SocketPair pair = SocketPair.open()) {
                write(pair.other(), ascii("HTTP/1.1 101 Switching"));
                pair.other().close();

                var reading = HandshakeDriver.awaitResponse(pair.driven(), opening, PATIENT, HandshakeTap.NONE);

                assertThat(reading).isEqualTo(new HandshakeDriver.Ended<>(
                        new ClientOpening.Failed(HandshakeFailure.closedBeforeResponse())));
            }
        }

        @Test
        @DisplayName("a server that never answers runs into the deadline")
        void silentServer() throws IOException {
            try (SocketPair pair = SocketPair.open()) {

                var reading = HandshakeDriver.awaitResponse(pair.driven(), opening, Deadline.after(Duration.ofMillis(200)),
                        HandshakeTap.NONE);

                assertThat(reading).isEqualTo(new HandshakeDriver.TimedOut<>());
            }
        }

        @Test
        @DisplayName("a server that answers one byte at a time runs into the deadline too: it is absolute (slowloris)")
        void tricklingServer() throws Exception {
            try (SocketPair pair = SocketPair.open()) {
                byte[] response = ascii(switchingProtocols());
                Thread trickle = Thread.ofVirtual().start(() -> {
                    try {
                        for (byte b : response) {
                            write(pair.other(), new byte[] {b});
                            Thread.sleep(100);
                        }
                    } catch (IOException | InterruptedException e) {
                        // the test is over
                    }
                });

                // Each byte comes well within the deadline, the whole response long after it.
                var reading = HandshakeDriver.awaitResponse(pair.driven(), opening, Deadline.after(Duration.ofMillis(500)),
                        HandshakeTap.NONE);

                assertThat(reading).isEqualTo(new HandshakeDriver.TimedOut<>());
                trickle.interrupt();
            }
        }
    }

    @Nested
    @DisplayName("a server's opening")
    class Server {

        private final ServerOpening opening = new ServerOpening(Limits.DEFAULTS);

        @Test
        void readsTheRequestAndKeepsTheFramesAfterIt() throws IOException {
            try (SocketPair pair = SocketPair.open()) {
                ByteArrayOutputStream request = new ByteArrayOutputStream();
                request.writeBytes(ascii(REQUEST));
                request.writeBytes(FrameEncoder.encode(Frame.text("early").maskedWith(42)));
                write(pair.other(), request.toByteArray());

                var reading = HandshakeDriver.awaitRequest(pair.driven(), opening, PATIENT);

                assertThat(reading).isInstanceOfSatisfying(HandshakeDriver.Ended.class, ended ->
                        assertThat(ended.outcome()).isInstanceOfSatisfying(ServerOpening.RequestReceived.class, received ->
                                assertThat(received.request().target()).isEqualTo("/chat")));
            }
        }

        @Test
        void aMalformedRequestIsRefused() throws IOException {
            try (SocketPair pair = SocketPair.open()) {
                write(pair.other(), ascii("GET /chat HTTP/1.1\nHost: x\n\n")); // bare LF line ends

                var reading = HandshakeDriver.awaitRequest(pair.driven(), opening, PATIENT);

                assertThat(reading).isInstanceOfSatisfying(HandshakeDriver.Ended.class, ended ->
                        assertThat(ended.outcome()).isInstanceOfSatisfying(ServerOpening.Refused.class, refused ->
                                assertThat(refused.rejection().kind()).isEqualTo(HandshakeRejection.Kind.MALFORMED_HEAD)));
            }
        }

        @Test
        void aClientThatLeavesBeforeItsRequestEndsTheOpening() throws IOException {
            try (SocketPair pair = SocketPair.open()) {
                write(pair.other(), ascii("GET /chat HT"));
                pair.other().close();

                assertThat(HandshakeDriver.awaitRequest(pair.driven(), opening, PATIENT))
                        .isEqualTo(new HandshakeDriver.Ended<>(new ServerOpening.ClosedBeforeRequest()));
            }
        }

        @Test
        void aClientThatSendsNothingRunsIntoTheDeadline() throws IOException {
            try (SocketPair pair = SocketPair.open()) {

                assertThat(HandshakeDriver.awaitRequest(pair.driven(), opening, Deadline.after(Duration.ofMillis(200))))
                        .isEqualTo(new HandshakeDriver.TimedOut<>());
            }
        }
    }
}
