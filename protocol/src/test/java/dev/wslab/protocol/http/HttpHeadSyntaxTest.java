package dev.wslab.protocol.http;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.wslab.protocol.http.Heads.parseRequest;
import static dev.wslab.protocol.http.Heads.parseResponse;
import static dev.wslab.protocol.http.Heads.requestRefused;
import static dev.wslab.protocol.http.Heads.responseRefused;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("RFC 9112: each way a head can be malformed")
class HttpHeadSyntaxTest {

    @Nested
    @DisplayName("RFC 9112 §2.2: line endings")
    class LineEndings {

        @Test
        void aBareLfIsRefusedWith400() {
            assertThat(requestRefused("GET / HTTP/1.1\nHost: a\n\n", HttpHeadProblem.BARE_LF).status())
                    .isEqualTo(400);
            requestRefused("GET / HTTP/1.1\r\nHost: a\n\r\n", HttpHeadProblem.BARE_LF);
            requestRefused("GET / HTTP/1.1\r\nHost: a\r\n\n", HttpHeadProblem.BARE_LF);
            responseRefused("HTTP/1.1 101 OK\nUpgrade: websocket\r\n\r\n", HttpHeadProblem.BARE_LF);
        }

        @Test
        void aBareCrIsRefusedWith400() {
            assertThat(requestRefused("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", HttpHeadProblem.BARE_CR).status())
                    .isEqualTo(400);
            requestRefused("GET / HTTP/1.1\r\r\n\r\n", HttpHeadProblem.BARE_CR);
        }

        @Test
        @DisplayName("RFC 9112 §2.2: empty lines before the request line are skipped")
        void emptyLinesBeforeTheRequestLineAreSkipped() {
            assertThat(parseRequest("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n").target()).isEqualTo("/");
        }

        @Test
        void anEmptyLineBeforeTheStatusLineIsRefused() {
            responseRefused("\r\nHTTP/1.1 101 OK\r\n\r\n", HttpHeadProblem.MALFORMED_STATUS_LINE);
        }
    }

    @Nested
    @DisplayName("RFC 9112 §5: field lines")
    class FieldLines {

        @Test
        @DisplayName("RFC 9112 §5.2: obsolete line folding is refused")
        void obsoleteLineFoldingIsRefusedWith400() {
            String head = "GET / HTTP/1.1\r\nHost: a\r\nX-Long: one\r\n two\r\n\r\n";
            assertThat(requestRefused(head, HttpHeadProblem.OBSOLETE_LINE_FOLDING).status()).isEqualTo(400);
            requestRefused("GET / HTTP/1.1\r\nHost: a\r\n\tX: y\r\n\r\n", HttpHeadProblem.OBSOLETE_LINE_FOLDING);
        }

        @Test
        void whitespaceBetweenTheStartLineAndTheFirstFieldIsRefused() {
            requestRefused("GET / HTTP/1.1\r\n Host: a\r\n\r\n", HttpHeadProblem.WHITESPACE_AFTER_START_LINE);
        }

        @Test
        @DisplayName("RFC 9112 §5.1: whitespace before the colon MUST be rejected with 400")
        void whitespaceBeforeTheColonIsRefusedWith400() {
            assertThat(requestRefused("GET / HTTP/1.1\r\nHost : a\r\n\r\n", HttpHeadProblem.WHITESPACE_BEFORE_COLON)
                    .status()).isEqualTo(400);
            requestRefused("GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", HttpHeadProblem.WHITESPACE_BEFORE_COLON);
        }

        @Test
        void aFieldLineWithoutAColonIsRefused() {
            requestRefused("GET / HTTP/1.1\r\nHost a\r\n\r\n", HttpHeadProblem.MISSING_COLON);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {": no name", "Bad Name: x", "Bad@Name: x", "Bad(Name): x", "Na\u00EFve: x"})
        void aFieldNameThatIsNotATokenIsRefused(String line) {
            requestRefused("GET / HTTP/1.1\r\n" + line + "\r\n\r\n", HttpHeadProblem.INVALID_HEADER_NAME);
        }

        @ParameterizedTest(name = "control char {0}")
        @ValueSource(ints = {0x00, 0x01, 0x08, 0x0B, 0x1F, 0x7F})
        void aFieldValueWithAControlCharIsRefused(int c) {
            HttpHeadException e = requestRefused("GET / HTTP/1.1\r\nX: a" + (char) c + "b\r\n\r\n",
                    HttpHeadProblem.INVALID_HEADER_VALUE);
            assertThat(e.detail()).contains(String.format("\\x%02X", c)).doesNotContain(String.valueOf((char) c));
        }

        @Test
        void whitespaceAroundAValueIsDroppedAndInsideItIsKept() {
            HttpRequest request = parseRequest("GET / HTTP/1.1\r\nX:\t a \t b \t\r\nY:\r\n\r\n");
            assertThat(request.headers().first("X")).contains("a \t b");
            assertThat(request.headers().first("Y")).contains("");
        }

        @Test
        void obsTextInAValueIsReadAsIso88591() {
            HttpRequest request = parseRequest("GET / HTTP/1.1\r\nX: caf\u00E9\r\n\r\n");
            assertThat(request.headers().first("X")).contains("caf\u00E9");
        }
    }

    @Nested
    @DisplayName("RFC 9112 §3: the request line")
    class RequestLine {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"GET /", "GET  / HTTP/1.1", "GET /  HTTP/1.1", "GET / HTTP/1.1 ", " GET / HTTP/1.1",
                "GET\t/\tHTTP/1.1", "GET / http/1.1", "GET / HTTP/1", "GET / HTTP/1.1x", "GET / HTTP/11.1",
                "G@T / HTTP/1.1", "GET /caf\u00E9 HTTP/1.1", "GET", "x"})
        void aMalformedRequestLineIsRefusedWith400(String line) {
            assertThat(requestRefused(line + "\r\n\r\n", HttpHeadProblem.MALFORMED_REQUEST_LINE).status())
                    .isEqualTo(400);
        }

        @Test
        @DisplayName("RFC 9110 §15.6.6: another major version is refused with 505")
        void anotherMajorVersionIsRefusedWith505() {
            assertThat(requestRefused("GET / HTTP/2.0\r\n\r\n", HttpHeadProblem.UNSUPPORTED_HTTP_VERSION).status())
                    .isEqualTo(505);
            requestRefused("GET / HTTP/0.9\r\n\r\n", HttpHeadProblem.UNSUPPORTED_HTTP_VERSION);
        }

        @Test
        void http10AndLaterMinorVersionsAreParsedForTheHandshakeToJudge() {
            assertThat(parseRequest("GET / HTTP/1.0\r\n\r\n").version()).isEqualTo(HttpVersion.HTTP_1_0);
            assertThat(parseRequest("GET / HTTP/1.2\r\n\r\n").version()).isEqualTo(new HttpVersion(1, 2));
        }

        @Test
        void anAbsoluteFormTargetIsKeptAsSent() {
            assertThat(parseRequest("GET http://example.com/chat?x=1 HTTP/1.1\r\n\r\n").target())
                    .isEqualTo("http://example.com/chat?x=1");
        }
    }

    @Nested
    @DisplayName("RFC 9112 §4: the status line")
    class StatusLine {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"HTTP/1.1", "HTTP/1.1 ", "HTTP/1.1 99 Low", "HTTP/1.1 600 High", "HTTP/1.1 1011 X",
                "HTTP/1.1 10a X", "HTTP/1.1  101 X", "http/1.1 101 X", "101 Switching Protocols",
                "HTTP/1.1 101 Bad\u0001Reason"})
        void aMalformedStatusLineIsRefused(String line) {
            responseRefused(line + "\r\n\r\n", HttpHeadProblem.MALFORMED_STATUS_LINE);
        }

        @Test
        void anotherMajorVersionIsRefused() {
            responseRefused("HTTP/2.0 101 Switching Protocols\r\n\r\n", HttpHeadProblem.UNSUPPORTED_HTTP_VERSION);
        }

        @Test
        void anEmptyReasonPhraseIsAccepted() {
            assertThat(parseResponse("HTTP/1.1 101 \r\n\r\n").reason()).isEmpty();
            assertThat(parseResponse("HTTP/1.1 101\r\n\r\n").reason()).isEmpty();
        }

        @Test
        void theSpaceAfterTheStatusIsWrittenEvenWithoutAReason() {
            HttpResponse response = new HttpResponse(HttpVersion.HTTP_1_1, 101, "", HttpHeaders.empty());
            assertThat(new String(response.toBytes(), ISO_8859_1)).isEqualTo("HTTP/1.1 101 \r\n\r\n");
        }

        @Test
        void aReasonPhraseMayHoldSpacesTabsAndObsText() {
            assertThat(parseResponse("HTTP/1.1 404 Not\tFound \u00E9\r\n\r\n").reason()).isEqualTo("Not\tFound \u00E9");
        }
    }
}
