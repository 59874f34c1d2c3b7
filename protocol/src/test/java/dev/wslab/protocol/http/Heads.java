package dev.wslab.protocol.http;

import dev.wslab.protocol.Limits;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Heads holds the example heads of RFC 6455 and the helpers the HTTP tests share. */
public final class Heads {

    private Heads() {
    }

    // tag::rfc-request[]
    /** The client handshake printed in RFC 6455 §1.3. */
    public static final String RFC_REQUEST = """
            GET /chat HTTP/1.1\r
            Host: server.example.com\r
            Upgrade: websocket\r
            Connection: Upgrade\r
            Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
            Origin: http://example.com\r
            Sec-WebSocket-Protocol: chat, superchat\r
            Sec-WebSocket-Version: 13\r
            \r
            """;
    // end::rfc-request[]

    // tag::rfc-response[]
    /** The server handshake printed in RFC 6455 §1.3. */
    static final String RFC_RESPONSE = """
            HTTP/1.1 101 Switching Protocols\r
            Upgrade: websocket\r
            Connection: Upgrade\r
            Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
            Sec-WebSocket-Protocol: chat\r
            \r
            """;
    // end::rfc-response[]

    /** A masked text frame "Hello" from RFC 6455 §5.7: what a client sends right after its head. */
    static final byte[] FRAME = HexFormat.of().parseHex("818537fa213d7f9f4d5158"); // FIN text, masked, length 5, key 37fa213d, "Hello" masked

    static byte[] bytes(String text) {
        return text.getBytes(ISO_8859_1);
    }

    static HttpRequest parseRequest(String head, Limits limits) {
        HttpHeadParser.Progress<HttpRequest> progress = HttpHeadParser.forRequest(limits).feed(bytes(head));
        assertThat(progress.consumed()).isEqualTo(bytes(head).length);
        return progress.head().orElseThrow(() -> new AssertionError("head incomplete"));
    }

    static HttpRequest parseRequest(String head) {
        return parseRequest(head, Limits.DEFAULTS);
    }

    static HttpResponse parseResponse(String head) {
        return HttpHeadParser.forResponse(Limits.DEFAULTS).feed(bytes(head)).head()
                .orElseThrow(() -> new AssertionError("head incomplete"));
    }

    static HttpHeadException requestRefused(String head, Limits limits, HttpHeadProblem expected) {
        HttpHeadException e = catchThrowableOfType(HttpHeadException.class,
                () -> HttpHeadParser.forRequest(limits).feed(bytes(head)));
        assertThat(e).as("refusal of %s", head).isNotNull();
        assertThat(e.problem()).isEqualTo(expected);
        return e;
    }

    static HttpHeadException requestRefused(String head, HttpHeadProblem expected) {
        return requestRefused(head, Limits.DEFAULTS, expected);
    }

    static HttpHeadException responseRefused(String head, HttpHeadProblem expected) {
        HttpHeadException e = catchThrowableOfType(HttpHeadException.class,
                () -> HttpHeadParser.forResponse(Limits.DEFAULTS).feed(bytes(head)));
        assertThat(e).as("refusal of %s", head).isNotNull();
        assertThat(e.problem()).isEqualTo(expected);
        return e;
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    static byte[] remaining(ByteBuffer buffer) {
        byte[] rest = new byte[buffer.remaining()];
        buffer.duplicate().get(rest);
        return rest;
    }
}
