package dev.wslab.protocol.connection;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.protocol.handshake.AcceptKey;
import dev.wslab.protocol.handshake.ClientHandshake;
import dev.wslab.protocol.handshake.ClientHandshakeOptions;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.handshake.HandshakeRejection;
import dev.wslab.protocol.handshake.ServerHandshake;
import dev.wslab.protocol.handshake.ServerHandshakeResult;
import dev.wslab.protocol.http.Heads;
import dev.wslab.protocol.http.HttpRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The opening handshake (§4): ServerOpening, ClientOpening, and the connection they open")
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

    private static ByteBuffer buffer(byte[] bytes) {
        return ByteBuffer.wrap(bytes);
    }

    @Nested
    @DisplayName("server side")
    class ServerSide {

        private final ServerOpening opening = new ServerOpening(Limits.DEFAULTS);

        private HttpRequest requestOf(byte[] bytes) {
            var outcome = opening.receive(buffer(bytes));
            assertThat(outcome).get().isInstanceOf(ServerOpening.RequestReceived.class);
            return ((ServerOpening.RequestReceived) outcome.get()).request();
        }

        @Test
        @DisplayName("§1.3 the RFC's request is reported, and accepting it sends the RFC's 101 response")
        void rfcExample() {
            HttpRequest request = requestOf(ascii(RFC_REQUEST));

            var accepted = (ServerHandshakeResult.Accepted) ServerHandshake.supporting("chat").validate(request);
            Connection server = opening.accept(accepted);

            String response = new String(accepted.toBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                    .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n")
                    .contains("Sec-WebSocket-Protocol: chat\r\n")
                    .endsWith("\r\n\r\n");
            assertThat(server.takeEvents()).containsExactly(new Event.Opened(Optional.of("chat")));
            assertThat(server.takeOutgoingBytes()).isEmpty();
            assertThat(server.state()).isEqualTo(ConnectionState.OPEN);
        }

        @Test
        @DisplayName("bytes right after the request head are the client's first frames")
        void bytesAfterTheRequestAreReadAsFrames() {
            byte[] frame = FrameEncoder.encode(Frame.text("early").maskedWith(42));
            HttpRequest request = requestOf(concat(ascii(RFC_REQUEST), frame));
            Connection server = opening.accept((ServerHandshakeResult.Accepted) ServerHandshake.create().validate(request));
            assertThat(server.takeEvents()).containsExactly(new Event.Opened(Optional.empty()),
                    new Event.TextMessage("early"));
        }

        @Test
        void theRequestMayArriveOneByteAtATime() {
            byte[] request = ascii(RFC_REQUEST);
            for (int i = 0; i < request.length - 1; i++) {
                assertThat(opening.receive(buffer(new byte[] {request[i]}))).as("byte %d", i).isEmpty();
            }
            assertThat(opening.receive(buffer(new byte[] {request[request.length - 1]})))
                    .get().isInstanceOf(ServerOpening.RequestReceived.class);
        }

        @Test
        @DisplayName("§4.4 another version is rejected with 426 and Sec-WebSocket-Version: 13, and no connection opens")
        void rejection() {
            HttpRequest request = requestOf(ascii(RFC_REQUEST.replace("Version: 13", "Version: 8")));
            var result = ServerHandshake.create().validate(request);
            assertThat(result).isInstanceOfSatisfying(HandshakeRejection.class, rejection ->
                    assertThat(rejection.kind()).isEqualTo(HandshakeRejection.Kind.UNSUPPORTED_VERSION));
            String response = new String(result.toBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 426 ").contains("Sec-WebSocket-Version: 13\r\n");
        }

        @Test
        void aMalformedHeadIsRefusedWith400() {
            var outcome = opening.receive(buffer(ascii("GET /chat HTTP/1.1\nHost: x\n\n")));
            assertThat(outcome).get().isInstanceOfSatisfying(ServerOpening.Refused.class, refused -> {
                assertThat(refused.rejection().kind()).isEqualTo(HandshakeRejection.Kind.MALFORMED_HEAD);
                assertThat(new String(refused.rejection().toBytes(), StandardCharsets.ISO_8859_1))
                        .startsWith("HTTP/1.1 400 ");
            });
        }

        @Test
        void aHeadOverTheLimitIsRefusedWith431() {
            ServerOpening small = new ServerOpening(Limits.DEFAULTS.withMaxHandshakeHeadSize(64));
            var outcome = small.receive(buffer(ascii(RFC_REQUEST)));
            assertThat(outcome).get().isInstanceOfSatisfying(ServerOpening.Refused.class, refused ->
                    assertThat(new String(refused.rejection().toBytes(), StandardCharsets.ISO_8859_1))
                            .startsWith("HTTP/1.1 431 "));
        }

        @Test
        void nothingMayArriveBeforeTheApplicationAnswersAndNothingButARequestIsAccepted() {
            var accepted = (ServerHandshakeResult.Accepted) ServerHandshake.create()
                    .validate(new ServerOpening(Limits.DEFAULTS).receive(buffer(ascii(RFC_REQUEST)))
                            .map(outcome -> ((ServerOpening.RequestReceived) outcome).request()).orElseThrow());
            assertThatThrownBy(() -> opening.accept(accepted)).isInstanceOf(IllegalStateException.class);
            opening.receive(buffer(ascii(RFC_REQUEST)));
            assertThatThrownBy(() -> opening.receive(buffer(new byte[] {1}))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already ended");
        }

        @Test
        void aConnectionThatEndsDuringTheHandshakeEndsTheOpening() {
            assertThat(opening.receive(buffer(ascii("GET /chat HT")))).isEmpty();
            assertThat(opening.receiveEof()).isEqualTo(new ServerOpening.ClosedBeforeRequest());
        }
    }

    @Nested
    @DisplayName("client side")
    class ClientSide {

        private final ClientHandshake handshake = ClientHandshake.create(URI.create("ws://example.com/chat"),
                ClientHandshakeOptions.NONE.withSubprotocols("chat"), new Random(7));
        private final ClientOpening opening = new ClientOpening(handshake, Limits.DEFAULTS,
                MaskingKeySource.fixed(0x01020304));

        /** The Sec-WebSocket-Accept a server answers to this handshake's request. */
        private String expectedAccept() {
            return AcceptKey.of(handshake.request().headers().first("Sec-WebSocket-Key").orElseThrow());
        }

        private byte[] response(String accept) {
            return ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n");
        }

        private HandshakeFailure failureOf(Optional<ClientOpening.Outcome> outcome) {
            assertThat(outcome).get().isInstanceOf(ClientOpening.Failed.class);
            return ((ClientOpening.Failed) outcome.get()).failure();
        }

        @Test
        void theFirstBytesOutAreTheRequest() {
            assertThat(new String(opening.request(), StandardCharsets.ISO_8859_1))
                    .startsWith("GET /chat HTTP/1.1\r\n").contains("Sec-WebSocket-Key: ")
                    .isEqualTo(new String(handshake.request().toBytes(), StandardCharsets.ISO_8859_1));
        }

        @Test
        @DisplayName("frames in the same read as the 101 response are delivered after Opened")
        void framesRightAfterTheResponse() {
            var outcome = opening.receive(buffer(concat(response(expectedAccept()),
                    FrameEncoder.encode(Frame.text("hi")))));
            assertThat(outcome).get().isInstanceOfSatisfying(ClientOpening.Opened.class, opened -> {
                assertThat(opened.accepted().subprotocol()).isEmpty();
                assertThat(opened.connection().state()).isEqualTo(ConnectionState.OPEN);
                assertThat(opened.connection().takeEvents()).containsExactly(new Event.Opened(Optional.empty()),
                        new Event.TextMessage("hi"));
            });
        }

        @Test
        @DisplayName("§4.1 a wrong Sec-WebSocket-Accept fails the handshake")
        void wrongAccept() {
            assertThat(failureOf(opening.receive(buffer(response("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="))))
                    .kind()).isEqualTo(HandshakeFailure.Kind.INVALID_ACCEPT);
            assertThatThrownBy(() -> opening.receive(buffer(new byte[] {1}))).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void aMalformedResponseFailsTheHandshake() {
            assertThat(failureOf(opening.receive(buffer(ascii("HTTP/1.1 101\nUpgrade: websocket\n\n")))).kind())
                    .isEqualTo(HandshakeFailure.Kind.MALFORMED_RESPONSE);
        }

        @Test
        void theServerClosingBeforeItAnswersFailsTheHandshake() {
            assertThat(opening.receive(buffer(ascii("HTTP/1.1 101 Switching")))).isEmpty();
            assertThat(opening.receiveEof().failure().kind()).isEqualTo(HandshakeFailure.Kind.CLOSED_BEFORE_RESPONSE);
        }
    }

    @Test
    @DisplayName("a client and a server connection talk to each other from handshake to clean close")
    void clientAndServerEndToEnd() {
        ClientHandshake handshake = ClientHandshake.create(URI.create("ws://localhost:8080/echo?x=1"),
                ClientHandshakeOptions.NONE.withSubprotocols("v2", "v1"), new Random(1));
        ClientOpening clientOpening = new ClientOpening(handshake, Limits.DEFAULTS, MaskingKeySource.seeded(5));
        ServerOpening serverOpening = new ServerOpening(Limits.DEFAULTS);

        var received = (ServerOpening.RequestReceived) serverOpening.receive(buffer(clientOpening.request())).orElseThrow();
        var accepted = (ServerHandshakeResult.Accepted) ServerHandshake.supporting("v1", "v2").validate(received.request());
        Connection server = serverOpening.accept(accepted);
        var opened = (ClientOpening.Opened) clientOpening.receive(buffer(accepted.toBytes())).orElseThrow();
        Connection client = opened.connection();
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
