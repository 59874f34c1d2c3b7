package dev.wslab.protocol.connection;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameReader;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.handshake.ClientHandshake;
import dev.wslab.protocol.handshake.ClientHandshakeOptions;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.handshake.ServerHandshake;
import dev.wslab.protocol.handshake.ServerHandshakeResult;
import dev.wslab.protocol.handshake.WebSocketHeaders;
import dev.wslab.protocol.http.Heads;
import dev.wslab.protocol.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Negotiating permessage-deflate in the opening handshake (RFC 7692 §5, §7), through the openings. */
@DisplayName("permessage-deflate negotiation, through ServerOpening and ClientOpening")
class DeflateNegotiationTest {

    private static final DeflateOptions OPTIONS = DeflateOptions.DEFAULTS.withMinimumSize(0);
    private static final ServerHandshake COMPRESSING_SERVER = ServerHandshake.create().withDeflate(OPTIONS);

    @Nested
    @DisplayName("a server")
    class Server {

        /** RFC 6455 §1.3's request, with these Sec-WebSocket-Extensions lines added. */
        private ServerHandshakeResult.Accepted answer(ServerHandshake handshake, String... extensionLines) {
            StringBuilder lines = new StringBuilder();
            for (String line : extensionLines) {
                lines.append("Sec-WebSocket-Extensions: ").append(line).append("\r\n");
            }
            String head = Heads.RFC_REQUEST.substring(0, Heads.RFC_REQUEST.length() - 2) + lines + "\r\n";
            ServerOpening opening = new ServerOpening(Limits.DEFAULTS);
            var received = (ServerOpening.RequestReceived) opening.receive(
                    ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1))).orElseThrow();
            var result = handshake.validate(received.request());
            assertThat(result).as("the handshake still succeeds").isInstanceOf(ServerHandshakeResult.Accepted.class);
            assertThat(((ServerHandshakeResult.Accepted) result).response().status()).isEqualTo(101);
            return (ServerHandshakeResult.Accepted) result;
        }

        private List<String> extensionsIn(ServerHandshakeResult.Accepted accepted) {
            return accepted.response().headers().all(WebSocketHeaders.SEC_WEBSOCKET_EXTENSIONS);
        }

        @Test
        void acceptsChromesOfferAndNamesItInThe101() {
            var accepted = answer(COMPRESSING_SERVER, "permessage-deflate; client_max_window_bits");
            assertThat(extensionsIn(accepted)).containsExactly("permessage-deflate");
            assertThat(accepted.deflate()).hasValueSatisfying(agreed -> {
                assertThat(agreed.agreement().serverToClient()).isEqualTo(DirectionSettings.DEFAULT);
                assertThat(agreed.options()).isEqualTo(OPTIONS);
            });
        }

        @Test
        void acceptsFirefoxsOffer() {
            assertThat(extensionsIn(answer(COMPRESSING_SERVER, "permessage-deflate"))).containsExactly("permessage-deflate");
        }

        @Test
        void echoesTheNoContextTakeoverItWasAskedFor() {
            var accepted = answer(COMPRESSING_SERVER, "permessage-deflate; server_no_context_takeover");
            assertThat(extensionsIn(accepted)).containsExactly("permessage-deflate; server_no_context_takeover");
            assertThat(accepted.deflate().orElseThrow().agreement().serverToClient().context())
                    .isEqualTo(ContextTakeover.RESET);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"permessage-deflate; foo", "permessage-deflate; server_max_window_bits=7",
                "permessage-deflate; server_max_window_bits=16", "permessage-deflate; server_max_window_bits=08",
                "permessage-deflate; server_no_context_takeover=1",
                "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
                "permessage-deflate; ;", "x-webkit-deflate-frame"})
        void declinesAnInvalidOfferOrAMalformedHeaderAndStillAccepts(String offer) {
            var accepted = answer(COMPRESSING_SERVER, offer);
            assertThat(extensionsIn(accepted)).isEmpty();
            assertThat(accepted.deflate()).isEmpty();
        }

        @Test
        void takesAGoodOfferAfterABadOneOnAnotherHeaderLine() {
            var accepted = answer(COMPRESSING_SERVER, "permessage-deflate; server_max_window_bits=16",
                    "permessage-deflate; client_no_context_takeover");
            assertThat(extensionsIn(accepted)).containsExactly("permessage-deflate; client_no_context_takeover");
        }

        @Test
        void withoutDeflateOptionsIgnoresEveryOffer() {
            var accepted = answer(ServerHandshake.create(), "permessage-deflate; client_max_window_bits");
            assertThat(extensionsIn(accepted)).isEmpty();
            assertThat(accepted.deflate()).isEmpty();
        }
    }

    @Nested
    @DisplayName("a client")
    class Client {

        private final ClientHandshake handshake = ClientHandshake.create(URI.create("ws://localhost/chat"),
                ClientHandshakeOptions.NONE.withDeflate(OPTIONS), new Random(3));

        @Test
        void offersPermessageDeflateAsChromeDoes() {
            assertThat(handshake.request().headers().all(WebSocketHeaders.SEC_WEBSOCKET_EXTENSIONS))
                    .containsExactly("permessage-deflate; client_max_window_bits");
        }

        /** The outcome of a 101 for this client's key, with these Sec-WebSocket-Extensions lines. */
        private ClientOpening.Outcome answeredWith(String... extensionLines) {
            String key = handshake.request().headers().first(WebSocketHeaders.SEC_WEBSOCKET_KEY).orElseThrow();
            HttpResponse response = ServerHandshake.acceptResponse(key, Optional.empty());
            var headers = response.headers();
            for (String line : extensionLines) {
                headers = headers.with(WebSocketHeaders.SEC_WEBSOCKET_EXTENSIONS, line);
            }
            ClientOpening opening = new ClientOpening(handshake, Limits.DEFAULTS, MaskingKeySource.seeded(1));
            return opening.receive(ByteBuffer.wrap(HttpResponse.of(101, headers).toBytes())).orElseThrow();
        }

        private HandshakeFailure refused(String... extensionLines) {
            var outcome = answeredWith(extensionLines);
            assertThat(outcome).isInstanceOf(ClientOpening.Failed.class);
            return ((ClientOpening.Failed) outcome).failure();
        }

        @Test
        void goesOnUncompressedWhenTheServerDeclines() {
            var opened = (ClientOpening.Opened) answeredWith();
            assertThat(opened.accepted().deflate()).isEmpty();
        }

        @Test
        void agreesWhenTheServerAccepts() {
            var opened = (ClientOpening.Opened) answeredWith("permessage-deflate; server_no_context_takeover");
            assertThat(opened.accepted().deflate().orElseThrow().agreement().serverToClient().context())
                    .isEqualTo(ContextTakeover.RESET);
        }

        @Test
        void acceptsALimitOnItsOwnWindowAndRefusesOneWithoutAValue() {
            // This client always offers client_max_window_bits (as Chrome does), so a server may limit its window
            // (a response without that offer is refused by PerMessageDeflate.check, tested there) ...
            var opened = (ClientOpening.Opened) answeredWith("permessage-deflate; client_max_window_bits=10");
            assertThat(opened.accepted().deflate().orElseThrow().agreement().clientToServer().maxWindowBits()).isEqualTo(10);
            // ... but a response must give the limit a value (RFC 7692 §7.1.2.2)
            HandshakeFailure failure = refused("permessage-deflate; client_max_window_bits");
            assertThat(failure.kind()).isEqualTo(HandshakeFailure.Kind.INVALID_EXTENSION_RESPONSE);
            assertThat(failure.message()).contains("client_max_window_bits", "RFC 7692 §7");
        }

        @Test
        void refusesALargerServerWindowThanOffered() {
            // permessage-deflate's parameters are checked against this client's offer, whatever the server says
            HandshakeFailure failure = refused("permessage-deflate; server_max_window_bits=16");
            assertThat(failure.message()).contains("server_max_window_bits=16", "RFC 7692 §7.1.2");
        }

        @Test
        void refusesTwoElements() {
            HandshakeFailure failure = refused("permessage-deflate", "permessage-deflate");
            assertThat(failure.kind()).isEqualTo(HandshakeFailure.Kind.INVALID_EXTENSION_RESPONSE);
            assertThat(failure.message()).contains("2 permessage-deflate elements", "RFC 7692 §7");
        }

        @Test
        void refusesAnExtensionItDidNotOffer() {
            assertThat(refused("x-webkit-deflate-frame").kind()).isEqualTo(HandshakeFailure.Kind.UNEXPECTED_EXTENSION);
        }

        @Test
        void refusesAMalformedHeader() {
            HandshakeFailure failure = refused("permessage-deflate; =15");
            assertThat(failure.kind()).isEqualTo(HandshakeFailure.Kind.INVALID_EXTENSION_RESPONSE);
            assertThat(failure.message()).contains("RFC 6455 §9.1");
        }

        @Test
        void refusesAnUnknownParameter() {
            assertThat(refused("permessage-deflate; foo").message()).contains("foo", "RFC 7692 §7");
        }
    }

    @Test
    @DisplayName("both openings agree, and their connections talk compressed")
    void endToEnd() {
        ClientHandshake handshake = ClientHandshake.create(URI.create("ws://localhost/echo"),
                ClientHandshakeOptions.NONE.withDeflate(OPTIONS), new Random(9));
        ClientOpening clientOpening = new ClientOpening(handshake, Limits.DEFAULTS, MaskingKeySource.seeded(2));
        ServerOpening serverOpening = new ServerOpening(Limits.DEFAULTS);
        var received = (ServerOpening.RequestReceived) serverOpening.receive(ByteBuffer.wrap(clientOpening.request()))
                .orElseThrow();
        var accepted = (ServerHandshakeResult.Accepted) COMPRESSING_SERVER.validate(received.request());
        Connection server = serverOpening.accept(accepted);
        var opened = (ClientOpening.Opened) clientOpening.receive(ByteBuffer.wrap(accepted.toBytes())).orElseThrow();
        Connection client = opened.connection();
        assertThat(opened.accepted().deflate().map(agreed -> agreed.agreement()))
                .isEqualTo(accepted.deflate().map(agreed -> agreed.agreement()));
        server.takeEvents();
        client.takeEvents();

        client.sendText("Hello, compressed world");
        byte[] wire = client.takeOutgoingBytes();
        assertThat(FrameReader.readAll(wire, 1 << 16)).allMatch(Frame::rsv1);
        server.receive(wire);
        assertThat(server.takeEvents()).containsExactly(new Event.TextMessage("Hello, compressed world"));
        server.sendText("and back");
        client.receive(server.takeOutgoingBytes());
        assertThat(client.takeEvents()).containsExactly(new Event.TextMessage("and back"));
    }
}
