package dev.wslab.protocol.handshake;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.http.Heads;
import dev.wslab.protocol.http.HttpHeadParser;
import dev.wslab.protocol.http.HttpRequest;

import static dev.wslab.protocol.handshake.HandshakeRejection.Kind;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

/** Requests holds the example requests and the helpers the server handshake tests share. */
final class Requests {

    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    /** The request of RFC 6455 §1.3 without its end: field lines can be added before {@code "\r\n"}. */
    static final String RFC_REQUEST_FIELDS = Heads.RFC_REQUEST.substring(0, Heads.RFC_REQUEST.length() - 2);

    private Requests() {
    }

    static HttpRequest request(String head) {
        return HttpHeadParser.forRequest(Limits.DEFAULTS).feed(head.getBytes(ISO_8859_1)).head().orElseThrow();
    }

    /** A valid minimal handshake with one field line replaced, added or removed. */
    static HttpRequest minimal(String replace, String with) {
        String head = "GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n";
        if (!replace.isEmpty() && !head.contains(replace)) {
            throw new AssertionError("no " + replace + " in the minimal request");
        }
        return request((replace.isEmpty() ? head + with : head.replace(replace, with)) + "\r\n");
    }

    static ServerHandshakeResult.Accepted accepted(ServerHandshakeResult result) {
        assertThat(result).isInstanceOf(ServerHandshakeResult.Accepted.class);
        return (ServerHandshakeResult.Accepted) result;
    }

    static HandshakeRejection rejected(HttpRequest request, Kind kind, int status) {
        ServerHandshakeResult result = ServerHandshake.create().validate(request);
        assertThat(result).isInstanceOf(HandshakeRejection.class);
        HandshakeRejection rejection = (HandshakeRejection) result;
        assertThat(rejection.kind()).as(rejection.message()).isEqualTo(kind);
        assertThat(rejection.status()).isEqualTo(status);
        assertThat(rejection.toResponse().status()).isEqualTo(status);
        return rejection;
    }
}
