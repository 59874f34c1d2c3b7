package dev.wslab.protocol.handshake;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.http.HttpHeadException;
import dev.wslab.protocol.http.HttpHeadParser;
import dev.wslab.protocol.http.HttpHeadProblem;
import dev.wslab.protocol.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static dev.wslab.protocol.handshake.HandshakeRejection.Kind;
import static dev.wslab.protocol.handshake.Requests.minimal;
import static dev.wslab.protocol.handshake.Requests.rejected;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("§4.2.1: the error response")
class HandshakeRejectionTest {

    @Test
    void theErrorResponseIsAPlainTextPageThatClosesTheConnection() {
        HandshakeRejection rejection = rejected(minimal("Upgrade: websocket", "Upgrade: h2c"),
                Kind.UPGRADE_NOT_WEBSOCKET, 400);
        byte[] wire = rejection.toBytes();
        ByteBuffer in = ByteBuffer.wrap(wire);
        HttpResponse head = HttpHeadParser.forResponse(Limits.DEFAULTS).feed(in).orElseThrow();
        assertThat(head.status()).isEqualTo(400);
        assertThat(head.reason()).isEqualTo("Bad Request");
        assertThat(head.headers().first("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(head.headers().first("Connection")).contains("close");
        assertThat(head.headers().first("Content-Length")).contains(Integer.toString(in.remaining()));
        String body = UTF_8.decode(in).toString();
        assertThat(body).contains("Upgrade").contains("\"h2c\"").contains("§4.2.1").endsWith("\n");
    }

    @Test
    void peerTextInTheReasonIsEscaped() {
        HandshakeRejection rejection = rejected(minimal("Upgrade: websocket", "Upgrade: <script>\u00E9"),
                Kind.UPGRADE_NOT_WEBSOCKET, 400);
        assertThat(rejection.detail()).contains("<script>\\xE9");
    }

    @Test
    void extraHeadersCanBeAdded() {
        HandshakeRejection rejection = HandshakeRejection.of(Kind.AUTHENTICATION_REQUIRED, "no token")
                .withHeader("WWW-Authenticate", "Bearer");
        assertThat(rejection.toResponse().headers().first("www-authenticate")).contains("Bearer");
        assertThat(rejection.toResponse().reason()).isEqualTo("Unauthorized");
    }

    @Test
    @DisplayName("§4.2.2: the server module has kinds for authentication, Origin and resource name")
    void theServerModuleHasKindsForAuthenticationOriginAndPath() {
        assertThat(HandshakeRejection.of(Kind.AUTHENTICATION_REQUIRED, "").status()).isEqualTo(401);
        assertThat(HandshakeRejection.of(Kind.ORIGIN_NOT_ALLOWED, "https://evil.invalid").status()).isEqualTo(403);
        assertThat(HandshakeRejection.of(Kind.RESOURCE_NOT_FOUND, "/nope").status()).isEqualTo(404);
    }

    @Test
    void aHeadTheParserRefusesBecomesARejectionWithTheParsersStatus() {
        HttpHeadException e = catchThrowableOfType(HttpHeadException.class,
                () -> HttpHeadParser.forRequest(Limits.DEFAULTS.withMaxHandshakeHeaderCount(1))
                        .feed("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\n".getBytes(ISO_8859_1)));
        assertThat(e.problem()).isEqualTo(HttpHeadProblem.TOO_MANY_HEADERS);
        HandshakeRejection rejection = HandshakeRejection.of(e);
        assertThat(rejection.kind()).isEqualTo(Kind.MALFORMED_HEAD);
        assertThat(rejection.toResponse().status()).isEqualTo(431);
        assertThat(rejection.toResponse().reason()).isEqualTo("Request Header Fields Too Large");
    }

    @Test
    void everyKindAnswersWithAnErrorStatus() {
        for (Kind kind : Kind.values()) {
            assertThat(kind.status()).as(kind.name()).isBetween(400, 599);
            assertThat(HandshakeRejection.of(kind, "").toBytes()).isNotEmpty();
        }
    }
}
