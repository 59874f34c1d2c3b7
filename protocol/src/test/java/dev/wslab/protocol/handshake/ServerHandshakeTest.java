package dev.wslab.protocol.handshake;

import dev.wslab.protocol.http.HttpRequest;
import dev.wslab.protocol.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.wslab.protocol.handshake.HandshakeRejection.Kind;
import static dev.wslab.protocol.handshake.Requests.KEY;
import static dev.wslab.protocol.handshake.Requests.RFC_REQUEST_FIELDS;
import static dev.wslab.protocol.handshake.Requests.accepted;
import static dev.wslab.protocol.handshake.Requests.minimal;
import static dev.wslab.protocol.handshake.Requests.rejected;
import static dev.wslab.protocol.handshake.Requests.request;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

class ServerHandshakeTest {

    @Nested
    @DisplayName("§4.2.2: accepting")
    class Accepting {

        @Test
        @DisplayName("§1.3: the example request is accepted and answered with the example response")
        void theRfcExampleIsAnsweredWithTheRfcResponse() {
            HttpRequest request = request(RFC_REQUEST_FIELDS + "\r\n");
            ServerHandshakeResult result = ServerHandshake.supporting("chat").validate(request);
            assertThat(new String(result.toBytes(), ISO_8859_1)).isEqualTo("""
                    HTTP/1.1 101 Switching Protocols\r
                    Upgrade: websocket\r
                    Connection: Upgrade\r
                    Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
                    Sec-WebSocket-Protocol: chat\r
                    \r
                    """);
        }

        @Test
        void theAcceptedResultCarriesTheResourceNameOriginAndSubprotocol() {
            ServerHandshakeResult.Accepted accepted = accepted(ServerHandshake.supporting("superchat")
                    .validate(request(RFC_REQUEST_FIELDS + "\r\n")));
            assertThat(accepted.resourceName()).isEqualTo("/chat");
            assertThat(accepted.origin()).contains("http://example.com");
            assertThat(accepted.subprotocol()).contains("superchat");
        }

        @Test
        @DisplayName("§4.2.2 /origin/: any Origin is handed to the caller, not judged")
        void theOriginIsNotJudgedHere() {
            HttpRequest request = minimal("", "Origin: https://attacker.invalid\r\n");
            assertThat(accepted(ServerHandshake.create().validate(request)).origin())
                    .contains("https://attacker.invalid");
            assertThat(accepted(ServerHandshake.create().validate(minimal("", ""))).origin()).isEmpty();
        }

        @Test
        @DisplayName("RFC 2616 via §4.2.1: header names are case-insensitive")
        void headerNamesAreCaseInsensitive() {
            HttpRequest request = request("GET / HTTP/1.1\r\nhost: h\r\nUPGRADE: websocket\r\nconnection: Upgrade\r\n"
                    + "sec-websocket-key: " + KEY + "\r\nSEC-WEBSOCKET-VERSION: 13\r\n\r\n");
            accepted(ServerHandshake.create().validate(request));
        }

        @Test
        @DisplayName("§4.2.1 items 3-4: Upgrade and Connection values are ASCII case-insensitive token lists")
        void upgradeAndConnectionAreCaseInsensitiveTokenLists() {
            accepted(ServerHandshake.create().validate(minimal("Upgrade: websocket", "Upgrade: WebSocket")));
            accepted(ServerHandshake.create().validate(
                    minimal("Connection: Upgrade", "Connection: keep-alive, Upgrade")));
            accepted(ServerHandshake.create().validate(minimal("Connection: Upgrade", "Connection: upgrade")));
            accepted(ServerHandshake.create().validate(
                    minimal("Connection: Upgrade", "Connection: keep-alive\r\nConnection: Upgrade")));
        }

        @Test
        @DisplayName("§4.1 item 3: an absolute-form target gives its resource name")
        void anAbsoluteTargetGivesItsResourceName() {
            HttpRequest request = minimal("GET /chat HTTP/1.1", "GET http://h/chat?room=1 HTTP/1.1");
            assertThat(accepted(ServerHandshake.create().validate(request)).resourceName()).isEqualTo("/chat?room=1");
        }

        @Test
        @DisplayName("§4.2.2: extensions offered are not answered, since none is supported")
        void extensionOffersAreIgnored() {
            HttpRequest request = minimal("",
                    "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
            HttpResponse response = accepted(ServerHandshake.create().validate(request)).response();
            assertThat(response.headers().contains("Sec-WebSocket-Extensions")).isFalse();
        }

        @Test
        @DisplayName("§4.1 note: the RFC's printed nonce, with non-zero unused bits, is a valid key")
        void theRfcPrintedNonceIsAValidKey() {
            accepted(ServerHandshake.create().validate(minimal(KEY, "AQIDBAUGBwgJCgsMDQ4PEC==")));
        }
    }

    @Nested
    @DisplayName("§4.2.1: rejecting, each with its status")
    class Rejecting {

        @Test
        @DisplayName("§4.2.1 item 1: a method other than GET gets 405 with Allow: GET")
        void aMethodOtherThanGetGets405() {
            HandshakeRejection rejection = rejected(minimal("GET /chat", "POST /chat"), Kind.METHOD_NOT_ALLOWED, 405);
            assertThat(rejection.toResponse().headers().first("Allow")).contains("GET");
            rejected(minimal("GET /chat", "get /chat"), Kind.METHOD_NOT_ALLOWED, 405);
        }

        @Test
        @DisplayName("§4.2.1 item 1: HTTP/1.0 gets 400")
        void http10Gets400() {
            rejected(minimal("HTTP/1.1", "HTTP/1.0"), Kind.HTTP_VERSION_TOO_OLD, 400);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"*", "example.com:80", "ftp://h/chat", "http://h/chat#x", "mailto:a@b"})
        void aTargetWithoutAResourceNameGets400(String target) {
            rejected(minimal("/chat", target), Kind.INVALID_REQUEST_TARGET, 400);
        }

        @Test
        @DisplayName("§4.2.1 item 2: a missing Host gets 400")
        void aMissingHostGets400() {
            rejected(minimal("Host: h\r\n", ""), Kind.MISSING_HOST, 400);
        }

        @Test
        @DisplayName("RFC 9112 §3.2: a repeated or empty Host gets 400")
        void aRepeatedOrEmptyHostGets400() {
            rejected(minimal("Host: h\r\n", "Host: h\r\nHost: evil\r\n"), Kind.INVALID_HOST, 400);
            rejected(minimal("Host: h", "Host:"), Kind.INVALID_HOST, 400);
        }

        @Test
        @DisplayName("§4.2.1 item 3: no Upgrade at all is told apart, and answered 426 with Upgrade: websocket")
        void noUpgradeAtAllIsNotAWebSocketRequest() {
            HandshakeRejection rejection = rejected(minimal("Upgrade: websocket\r\n", ""),
                    Kind.NOT_A_WEBSOCKET_REQUEST, 426);
            HttpResponse response = rejection.toResponse();
            assertThat(response.headers().first("Upgrade")).contains("websocket");
            assertThat(response.headers().tokens("Connection")).containsExactly("Upgrade", "close");
            assertThat(new String(rejection.body(), UTF_8)).contains("WebSocket client");
        }

        @ParameterizedTest(name = "Upgrade: {0}")
        @ValueSource(strings = {"h2c", "websockets", "web socket", ""})
        @DisplayName("§4.2.1 item 3: an Upgrade without websocket gets 400")
        void anUpgradeWithoutWebsocketGets400(String value) {
            HandshakeRejection rejection = rejected(minimal("Upgrade: websocket", "Upgrade: " + value),
                    Kind.UPGRADE_NOT_WEBSOCKET, 400);
            assertThat(rejection.detail()).contains("\"" + value + "\"");
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"(none)", "Connection: keep-alive", "Connection: Upgraded", "Connection: close"})
        @DisplayName("§4.2.1 item 4: a Connection without the Upgrade token gets 400")
        void aConnectionWithoutUpgradeGets400(String line) {
            rejected(minimal("Connection: Upgrade\r\n", fieldLines(line)), Kind.CONNECTION_NOT_UPGRADE, 400);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"(none)", "Sec-WebSocket-Version: 25", "Sec-WebSocket-Version: 8",
                "Sec-WebSocket-Version: 13, 8", "Sec-WebSocket-Version: 13 | Sec-WebSocket-Version: 13"})
        @DisplayName("§4.2.2 /version/ and §4.4: a version other than 13 gets 426 with Sec-WebSocket-Version: 13")
        void aVersionOtherThan13Gets426ListingVersion13(String lines) {
            HandshakeRejection rejection = rejected(minimal("Sec-WebSocket-Version: 13\r\n", fieldLines(lines)),
                    Kind.UNSUPPORTED_VERSION, 426);
            HttpResponse response = rejection.toResponse();
            assertThat(response.headers().all("Sec-WebSocket-Version")).containsExactly("13");
            assertThat(response.headers().first("Upgrade")).contains("websocket");
        }

        @Test
        @DisplayName("§4.2.1 item 5: a missing key gets 400")
        void aMissingKeyGets400() {
            rejected(minimal("Sec-WebSocket-Key: " + KEY + "\r\n", ""), Kind.MISSING_KEY, 400);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"test", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZQ=", "dGhlIHNhbXBsZSBub25jZXg=",
                "dGhlIHNhbXBsZSBub25jZQ===", "dGhlIHNhbXBsZSBub25jZ-_=", "dGhlIHNhbXB sZSBub25jZQ==",
                "dGhlIHNhbXBsZSBub25jZQ==dGhlIHNhbXBsZSBub25jZQ==", "ZGhlIHNhbXBsZSBub25jZQAA"})
        @DisplayName("§4.2.1 item 5: a key that is not the base64 of 16 bytes gets 400")
        void aKeyThatIsNotTheBase64OfSixteenBytesGets400(String key) {
            rejected(minimal(KEY, key), Kind.INVALID_KEY, 400);
        }

        @Test
        @DisplayName("§4.2.1 item 5: a repeated key gets 400")
        void aRepeatedKeyGets400() {
            HttpRequest twoKeys = minimal("", "Sec-WebSocket-Key: " + KEY + "\r\n");
            HandshakeRejection rejection = rejected(twoKeys, Kind.INVALID_KEY, 400);
            assertThat(rejection.detail()).contains("2 fields");
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"Content-Length: 5", "Transfer-Encoding: chunked",
                "Content-Length: 0 | Content-Length: 5"})
        void aRequestThatAnnouncesABodyGets400(String lines) {
            rejected(minimal("", fieldLines(lines)), Kind.UNEXPECTED_BODY, 400);
        }

        @Test
        void aZeroContentLengthIsNoBody() {
            accepted(ServerHandshake.create().validate(minimal("", "Content-Length: 0\r\n")));
        }

        @Test
        void theVersionIsCheckedBeforeTheKeySoAnOldClientLearnsVersion13() {
            String keyAndVersion = "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13";
            rejected(minimal(keyAndVersion, "Sec-WebSocket-Version: 8"), Kind.UNSUPPORTED_VERSION, 426);
        }
    }

    /** Turns "A: 1 | B: 2" into field lines, each ending in CRLF; "(none)" is no line at all. */
    static String fieldLines(String lines) {
        return lines.equals("(none)") ? "" : String.join("\r\n", lines.split(" \\| ")) + "\r\n";
    }
}
