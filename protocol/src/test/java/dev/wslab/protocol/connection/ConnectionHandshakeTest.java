package dev.wslab.protocol.connection;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.protocol.handshake.ClientHandshake;
import dev.wslab.protocol.handshake.ClientHandshakeOptions;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.handshake.HandshakeRejection;
import dev.wslab.protocol.handshake.ServerHandshake;
import dev.wslab.protocol.http.Heads;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Connection: the opening handshake (§4)")
class ConnectionHandshakeTest {

    /** The client's request of RFC 6455 §1.3. */
    private static final String RFC_REQUEST = Heads.RFC_REQUEST;


    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }

    @Nested
    @DisplayName("server side")
    class ServerSide {

        private final Connection server = Connection.server(Limits.DEFAULTS);

        @Test
        @DisplayName("§1.3 the RFC's request is reported, and accepting it sends the RFC's 101 response")
        void rfcExample() {
            assertThat(server.state()).isEqualTo(ConnectionState.CONNECTING);
            server.receive(ascii(RFC_REQUEST));
            List<Event> events = server.takeEvents();
            assertThat(events).singleElement().isInstanceOf(Event.HandshakeRequested.class);
            var request = ((Event.HandshakeRequested) events.getFirst()).request();

            server.respond(ServerHandshake.supporting("chat").validate(request));

            String response = new String(server.takeOutgoingBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                    .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n")
                    .contains("Sec-WebSocket-Protocol: chat\r\n")
                    .endsWith("\r\n\r\n");
            assertThat(server.takeEvents()).containsExactly(new Event.Opened(Optional.of("chat")));
            assertThat(server.state()).isEqualTo(ConnectionState.OPEN);
        }

        @Test
        @DisplayName("bytes right after the request head are the client's first frames")
        void bytesAfterTheRequestAreReadAsFrames() {
            byte[] frame = FrameEncoder.encode(Frame.text("early").maskedWith(42));
            server.receive(concat(ascii(RFC_REQUEST), frame));
            var request = ((Event.HandshakeRequested) server.takeEvents().getFirst()).request();
            server.respond(ServerHandshake.create().validate(request));
            assertThat(server.takeEvents()).containsExactly(new Event.Opened(Optional.empty()),
                    new Event.TextMessage("early"));
        }

        @Test
        void theRequestMayArriveOneByteAtATime() {
            for (byte b : ascii(RFC_REQUEST)) {
                server.receive(new byte[] {b});
            }
            assertThat(server.takeEvents()).singleElement().isInstanceOf(Event.HandshakeRequested.class);
        }

        @Test
        @DisplayName("§4.4 another version is rejected with 426 and Sec-WebSocket-Version: 13, and the connection closes")
        void rejection() {
            server.receive(ascii(RFC_REQUEST.replace("Version: 13", "Version: 8")));
            var request = ((Event.HandshakeRequested) server.takeEvents().getFirst()).request();
            server.respond(ServerHandshake.create().validate(request));
            String response = new String(server.takeOutgoingBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 426 ").contains("Sec-WebSocket-Version: 13\r\n");
            List<Event> events = server.takeEvents();
            assertThat(events.getFirst()).isInstanceOfSatisfying(Event.HandshakeRejected.class, rejected ->
                    assertThat(rejected.rejection().kind()).isEqualTo(HandshakeRejection.Kind.UNSUPPORTED_VERSION));
            assertThat(events.getLast()).isInstanceOf(Event.Closed.class);
            assertThat(server.state()).isEqualTo(ConnectionState.CLOSED);
        }

        @Test
        void aMalformedHeadIsAnsweredWith400ByTheConnectionItself() {
            server.receive(ascii("GET /chat HTTP/1.1\nHost: x\n\n"));
            assertThat(new String(server.takeOutgoingBytes(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 400 ");
            assertThat(server.takeEvents().getFirst()).isInstanceOfSatisfying(Event.HandshakeRejected.class,
                    rejected -> assertThat(rejected.rejection().kind()).isEqualTo(HandshakeRejection.Kind.MALFORMED_HEAD));
            assertThat(server.state()).isEqualTo(ConnectionState.CLOSED);
        }

        @Test
        void aHeadOverTheLimitIsAnsweredWith431() {
            Connection small = Connection.server(Limits.DEFAULTS.withMaxHandshakeHeadSize(64));
            small.receive(ascii(RFC_REQUEST));
            assertThat(new String(small.takeOutgoingBytes(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 431 ");
            assertThat(small.state()).isEqualTo(ConnectionState.CLOSED);
        }

        @Test
        void nothingMaySendOrArriveBeforeTheApplicationResponds() {
            server.receive(ascii(RFC_REQUEST));
            assertThatThrownBy(() -> server.sendText("too early")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> server.receive(new byte[] {1})).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("respond()");
        }

        @Test
        void aConnectionThatEndsDuringTheHandshakeIsClosed() {
            server.receive(ascii("GET /chat HT"));
            server.receiveEof();
            assertThat(server.takeEvents()).containsExactly(new Event.Closed(CloseStatus.ABNORMAL, CloseStatus.ABNORMAL, false));
        }
    }

    @Nested
    @DisplayName("client side")
    class ClientSide {

        private final ClientHandshake handshake = ClientHandshake.create(URI.create("ws://example.com/chat"),
                ClientHandshakeOptions.NONE.withSubprotocols("chat"), new Random(7));
        private final Connection client = Connection.client(handshake, Limits.DEFAULTS, MaskingKeySource.fixed(0x01020304));

        private byte[] response(String accept) {
            return ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n");
        }

        @Test
        void theFirstBytesOutAreTheRequest() {
            assertThat(client.state()).isEqualTo(ConnectionState.CONNECTING);
            assertThat(new String(client.takeOutgoingBytes(), StandardCharsets.ISO_8859_1))
                    .startsWith("GET /chat HTTP/1.1\r\n").contains("Sec-WebSocket-Key: " + handshake.key());
        }

        @Test
        @DisplayName("frames in the same read as the 101 response are delivered after Opened")
        void framesRightAfterTheResponse() {
            client.receive(concat(response(handshake.expectedAccept()), FrameEncoder.encode(Frame.text("hi"))));
            assertThat(client.takeEvents()).containsExactly(new Event.Opened(Optional.empty()), new Event.TextMessage("hi"));
        }

        @Test
        @DisplayName("§4.1 a wrong Sec-WebSocket-Accept fails the handshake")
        void wrongAccept() {
            client.receive(response("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
            assertThat(client.takeEvents().getFirst()).isInstanceOfSatisfying(Event.HandshakeFailed.class,
                    failed -> assertThat(failed.failure().kind()).isEqualTo(HandshakeFailure.Kind.INVALID_ACCEPT));
            assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
        }

        @Test
        void aMalformedResponseFailsTheHandshake() {
            client.receive(ascii("HTTP/1.1 101\nUpgrade: websocket\n\n"));
            assertThat(client.takeEvents().getFirst()).isInstanceOfSatisfying(Event.HandshakeFailed.class,
                    failed -> assertThat(failed.failure().kind()).isEqualTo(HandshakeFailure.Kind.MALFORMED_RESPONSE));
        }

        @Test
        void theServerClosingBeforeItAnswersFailsTheHandshake() {
            client.receive(ascii("HTTP/1.1 101 Switching"));
            client.receiveEof();
            assertThat(client.takeEvents().getFirst()).isInstanceOfSatisfying(Event.HandshakeFailed.class,
                    failed -> assertThat(failed.failure().kind()).isEqualTo(HandshakeFailure.Kind.CLOSED_BEFORE_RESPONSE));
            assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
        }
    }

    @Test
    @DisplayName("a client and a server connection talk to each other from handshake to clean close")
    void clientAndServerEndToEnd() {
        ClientHandshake handshake = ClientHandshake.create(URI.create("ws://localhost:8080/echo?x=1"),
                ClientHandshakeOptions.NONE.withSubprotocols("v2", "v1"), new Random(1));
        Connection client = Connection.client(handshake, Limits.DEFAULTS, MaskingKeySource.seeded(5));
        Connection server = Connection.server(Limits.DEFAULTS);

        server.receive(client.takeOutgoingBytes());
        var request = ((Event.HandshakeRequested) server.takeEvents().getFirst()).request();
        server.respond(ServerHandshake.supporting("v1", "v2").validate(request));
        client.receive(server.takeOutgoingBytes());
        assertThat(client.takeEvents()).containsExactly(new Event.Opened(Optional.of("v1")));
        assertThat(server.takeEvents()).containsExactly(new Event.Opened(Optional.of("v1")));

        client.sendText("ping me");
        client.sendBinary(Payload.hex("00ff")); // two bytes, 00 and ff
        server.receive(client.takeOutgoingBytes());
        for (Event event : server.takeEvents()) {
            switch (event) {
                case Event.TextMessage text -> server.sendText(text.text());
                case Event.BinaryMessage binary -> server.sendBinary(binary.data());
                default -> throw new AssertionError("unexpected " + event);
            }
        }
        client.receive(server.takeOutgoingBytes());
        assertThat(client.takeEvents()).containsExactly(new Event.TextMessage("ping me"),
                new Event.BinaryMessage(Payload.hex("00ff"))); // two bytes, 00 and ff

        client.close(CloseStatus.NORMAL);
        server.receive(client.takeOutgoingBytes());
        client.receive(server.takeOutgoingBytes());
        assertThat(server.takeEvents()).last().isEqualTo(new Event.Closed(CloseStatus.NORMAL, CloseStatus.NORMAL, true));
        assertThat(client.takeEvents()).last().isEqualTo(new Event.Closed(CloseStatus.NORMAL, CloseStatus.NORMAL, true));
    }
}
