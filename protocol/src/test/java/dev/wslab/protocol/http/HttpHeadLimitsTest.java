package dev.wslab.protocol.http;

import dev.wslab.protocol.Limits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static dev.wslab.protocol.http.Heads.bytes;
import static dev.wslab.protocol.http.Heads.parseRequest;
import static dev.wslab.protocol.http.Heads.requestRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("RFC 6455 §10.4: the head's size, line length and header count are limited as bytes arrive")
class HttpHeadLimitsTest {

    /** A request of exactly {@code size} bytes: a request line, one padded field, the empty line. */
    static String requestOfSize(int size) {
        String start = "GET / HTTP/1.1\r\nX: ";
        return start + "a".repeat(size - start.length() - 4) + "\r\n\r\n";
    }

    @Test
    void aHeadOfExactlyTheSizeLimitIsAccepted() {
        Limits limits = Limits.DEFAULTS.withMaxHandshakeHeadSize(1000);
        assertThat(bytes(requestOfSize(1000))).hasSize(1000);
        assertThat(parseRequest(requestOfSize(1000), limits).headers().size()).isEqualTo(1);
    }

    @Test
    void aHeadOneByteOverTheSizeLimitIsRefusedWith431() {
        Limits limits = Limits.DEFAULTS.withMaxHandshakeHeadSize(1000);
        assertThat(requestRefused(requestOfSize(1001), limits, HttpHeadProblem.HEAD_TOO_LARGE).status())
                .isEqualTo(431);
    }

    @Test
    void theParserStopsReadingOneByteAfterTheHeadSizeLimit() {
        Limits limits = Limits.DEFAULTS.withMaxHandshakeHeadSize(1000);
        HttpHeadParser<HttpRequest> parser = HttpHeadParser.forRequest(limits);
        String field = "X: " + "y".repeat(60) + "\r\n";
        ByteBuffer endless = ByteBuffer.wrap(bytes("GET / HTTP/1.1\r\n" + field.repeat(1000)));
        HttpHeadException e = catchThrowableOfType(HttpHeadException.class, () -> parser.feed(endless));
        assertThat(e.problem()).isEqualTo(HttpHeadProblem.HEAD_TOO_LARGE);
        assertThat(endless.position()).isEqualTo(1001);
    }

    @Test
    void aRequestLineOfExactlyTheLineLimitIsAccepted() {
        Limits limits = Limits.DEFAULTS.withMaxHandshakeLineLength(100);
        String line = "GET /" + "a".repeat(100 - 14) + " HTTP/1.1";
        assertThat(line).hasSize(100);
        assertThat(parseRequest(line + "\r\n\r\n", limits).target()).hasSize(87);
    }

    @Test
    @DisplayName("RFC 9112 §3: a request line over the limit is refused with 414")
    void aRequestLineOneByteOverTheLineLimitIsRefusedWith414() {
        Limits limits = Limits.DEFAULTS.withMaxHandshakeLineLength(100);
        String line = "GET /" + "a".repeat(101 - 14) + " HTTP/1.1";
        assertThat(requestRefused(line + "\r\n\r\n", limits, HttpHeadProblem.REQUEST_LINE_TOO_LONG).status())
                .isEqualTo(414);
    }

    @Test
    void aFieldLineOfExactlyTheLineLimitIsAccepted() {
        Limits limits = Limits.DEFAULTS.withMaxHandshakeLineLength(100);
        String field = "X: " + "a".repeat(97);
        assertThat(parseRequest("GET / HTTP/1.1\r\n" + field + "\r\n\r\n", limits).headers().first("X"))
                .contains("a".repeat(97));
    }

    @Test
    void aFieldLineOneByteOverTheLineLimitIsRefusedWith431() {
        Limits limits = Limits.DEFAULTS.withMaxHandshakeLineLength(100);
        String field = "X: " + "a".repeat(98);
        assertThat(requestRefused("GET / HTTP/1.1\r\n" + field + "\r\n\r\n", limits, HttpHeadProblem.LINE_TOO_LONG)
                .status()).isEqualTo(431);
    }

    @Test
    void theParserStopsReadingOneByteAfterTheLineLimit() {
        Limits limits = Limits.DEFAULTS.withMaxHandshakeLineLength(100);
        HttpHeadParser<HttpRequest> parser = HttpHeadParser.forRequest(limits);
        ByteBuffer endless = ByteBuffer.wrap(bytes("a".repeat(1_000_000)));
        HttpHeadException e = catchThrowableOfType(HttpHeadException.class, () -> parser.feed(endless));
        assertThat(e.problem()).isEqualTo(HttpHeadProblem.REQUEST_LINE_TOO_LONG);
        assertThat(endless.position()).isEqualTo(101);
    }

    @Test
    void aStatusLineOverTheLineLimitIsRefused() {
        Limits limits = Limits.DEFAULTS.withMaxHandshakeLineLength(20);
        HttpHeadException e = catchThrowableOfType(HttpHeadException.class,
                () -> HttpHeadParser.forResponse(limits).feed(bytes("HTTP/1.1 101 Switching Protocols\r\n")));
        assertThat(e.problem()).isEqualTo(HttpHeadProblem.LINE_TOO_LONG);
    }

    @Test
    void exactlyTheHeaderCountLimitIsAccepted() {
        Limits limits = Limits.DEFAULTS.withMaxHandshakeHeaderCount(5);
        String head = "GET / HTTP/1.1\r\n" + "X: y\r\n".repeat(5) + "\r\n";
        assertThat(parseRequest(head, limits).headers().size()).isEqualTo(5);
    }

    @Test
    @DisplayName("ws CVE-2024-37890: one header over the count limit is refused, never silently dropped")
    void oneHeaderOverTheCountLimitIsRefusedWith431() {
        Limits limits = Limits.DEFAULTS.withMaxHandshakeHeaderCount(5);
        String head = "GET / HTTP/1.1\r\n" + "X: y\r\n".repeat(5) + "Upgrade: websocket\r\n\r\n";
        HttpHeadException e = requestRefused(head, limits, HttpHeadProblem.TOO_MANY_HEADERS);
        assertThat(e.status()).isEqualTo(431);
    }

    @Test
    void theDefaultsAre16KibHead8KibLine128Headers() {
        String head = "GET / HTTP/1.1\r\n" + "X: y\r\n".repeat(128) + "\r\n";
        assertThat(parseRequest(head).headers().size()).isEqualTo(128);
        requestRefused("GET / HTTP/1.1\r\n" + "X: y\r\n".repeat(129) + "\r\n", HttpHeadProblem.TOO_MANY_HEADERS);
        requestRefused("GET /" + "a".repeat(8 * 1024) + " HTTP/1.1\r\n\r\n", HttpHeadProblem.REQUEST_LINE_TOO_LONG);
        requestRefused("GET / HTTP/1.1\r\n" + ("X: " + "a".repeat(4000) + "\r\n").repeat(5) + "\r\n",
                HttpHeadProblem.HEAD_TOO_LARGE);
    }
}
