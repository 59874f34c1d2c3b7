package dev.wslab.protocol.handshake;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.http.HttpHeadParser;
import dev.wslab.protocol.http.HttpRequest;
import dev.wslab.protocol.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("§4: a client's handshake passes the server's checks, and the server's answer passes the client's")
class HandshakeRoundTripTest {

    /** An unmasked text frame "Hello" from RFC 6455 §5.7: what a server may send right after its 101. */
    static final byte[] SERVER_FRAME = HexFormat.of().parseHex("810548656c6c6f"); // FIN text, unmasked, length 5, "Hello"

    @Test
    void aClientRequestIsAcceptedAndTheServersResponseValidatesInTheClient() {
        ClientHandshake client = ClientHandshake.create(URI.create("wss://example.com:8443/chat?room=1"),
                ClientHandshakeOptions.NONE.withSubprotocols("v2.chat", "v1.chat").withOrigin("https://example.com")
                        .withHeader("Authorization", "Bearer token"),
                new SplittableRandom(6455));

        HttpRequest received = HttpHeadParser.forRequest(Limits.DEFAULTS).feed(client.request().toBytes()).head()
                .orElseThrow();
        ServerHandshakeResult verdict = ServerHandshake.supporting("v1.chat").validate(received);
        assertThat(verdict).isInstanceOf(ServerHandshakeResult.Accepted.class);
        ServerHandshakeResult.Accepted accepted = (ServerHandshakeResult.Accepted) verdict;
        assertThat(accepted.resourceName()).isEqualTo("/chat?room=1");
        assertThat(accepted.origin()).contains("https://example.com");
        assertThat(accepted.request().headers().first("Authorization")).contains("Bearer token");
        assertThat(accepted.request().headers().first("Host")).contains("example.com:8443");

        ByteBuffer wire = ByteBuffer.wrap(concat(accepted.toBytes(), SERVER_FRAME));
        HttpResponse response = HttpHeadParser.forResponse(Limits.DEFAULTS).feed(wire).orElseThrow();
        assertThat(client.validate(response)).isInstanceOfSatisfying(ClientHandshakeResult.Accepted.class,
                result -> assertThat(result.subprotocol()).contains("v1.chat"));
        byte[] leftover = new byte[wire.remaining()];
        wire.get(leftover);
        assertThat(leftover).isEqualTo(SERVER_FRAME);
    }

    @Test
    void aHandshakeWithoutOptionsRoundTripsWithoutSubprotocol() {
        ClientHandshake client = ClientHandshake.create(URI.create("ws://localhost"), new SplittableRandom(1));
        ServerHandshakeResult verdict = ServerHandshake.supporting("chat").validate(client.request());
        HttpResponse response = HttpHeadParser.forResponse(Limits.DEFAULTS).feed(verdict.toBytes()).head()
                .orElseThrow();
        assertThat(client.validate(response)).isInstanceOfSatisfying(ClientHandshakeResult.Accepted.class,
                result -> assertThat(result.subprotocol()).isEmpty());
    }

    @Test
    void aServerRejectionIsAFailureInTheClientThatNamesTheStatus() {
        ClientHandshake client = ClientHandshake.create(URI.create("ws://localhost/"), new SplittableRandom(2));
        String sent = client.request().toString().replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8");
        HttpRequest tampered = HttpHeadParser.forRequest(Limits.DEFAULTS).feed(sent.getBytes(ISO_8859_1)).head()
                .orElseThrow();
        ServerHandshakeResult verdict = ServerHandshake.create().validate(tampered);
        assertThat(verdict).isInstanceOf(HandshakeRejection.class);
        HttpResponse response = HttpHeadParser.forResponse(Limits.DEFAULTS).feed(verdict.toBytes()).head()
                .orElseThrow();
        assertThat(client.validate(response)).isInstanceOfSatisfying(HandshakeFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(HandshakeFailure.Kind.UNEXPECTED_STATUS);
            assertThat(failure.detail()).startsWith("426").contains("Sec-WebSocket-Version");
        });
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
