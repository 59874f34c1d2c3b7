package dev.wslab.protocol.handshake;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.http.HttpHeadParser;
import dev.wslab.protocol.http.HttpHeaders;
import dev.wslab.protocol.http.HttpRequest;
import dev.wslab.protocol.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientHandshakeTest {

    /** A generator whose "random" bytes are 0x01, 0x02, ... 0x10: the nonce of RFC 6455 §4.1's note. */
    static final RandomGenerator ONE_TO_SIXTEEN = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only nextBytes is used");
        }

        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i + 1);
            }
        }
    };

    static ClientHandshake handshake(String uri) {
        return ClientHandshake.create(URI.create(uri), new SplittableRandom(6455));
    }

    static ClientHandshake handshake(String uri, ClientHandshakeOptions options) {
        return ClientHandshake.create(URI.create(uri), options, new SplittableRandom(6455));
    }

    static HttpResponse response(String head) {
        return HttpHeadParser.forResponse(Limits.DEFAULTS).feed(head.getBytes(ISO_8859_1)).head().orElseThrow();
    }

    /** A valid 101 for {@code handshake}, with {@code extraLines} (each ending in CRLF) added. */
    static HttpResponse switching(ClientHandshake handshake, String extraLines) {
        return response("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + AcceptKey.of(handshake.key()) + "\r\n" + extraLines + "\r\n");
    }

    static HandshakeFailure failure(ClientHandshakeResult result, HandshakeFailure.Kind kind) {
        assertThat(result).isInstanceOf(HandshakeFailure.class);
        HandshakeFailure failure = (HandshakeFailure) result;
        assertThat(failure.kind()).as(failure.message()).isEqualTo(kind);
        return failure;
    }

    @Nested
    @DisplayName("§4.1: the request")
    class Request {

        @Test
        void theRequestIsAnHttp11GetOfTheResourceName() {
            HttpRequest request = handshake("ws://example.com/chat").request();
            assertThat(request.toString()).startsWith("GET /chat HTTP/1.1\r\n");
        }

        @Test
        void theRequestCarriesTheRequiredHeadersInRfcOrder() {
            ClientHandshake handshake = handshake("ws://server.example.com/chat");
            assertThat(handshake.request().headers()).isEqualTo(HttpHeaders.of(
                    "Host", "server.example.com",
                    "Upgrade", "websocket",
                    "Connection", "Upgrade",
                    "Sec-WebSocket-Key", handshake.key(),
                    "Sec-WebSocket-Version", "13"));
        }

        @Test
        @DisplayName("§4.1 item 7: the key is the base64 of 16 bytes from the random source")
        void theKeyIsTheBase64OfSixteenRandomBytes() {
            ClientHandshake handshake = ClientHandshake.create(URI.create("ws://h/"), ONE_TO_SIXTEEN);
            // The RFC's note prints "AQIDBAUGBwgJCgsMDQ4PEC==", whose last char carries non-zero unused bits;
            // the canonical encoding of 0x01..0x10 ends in "EA==".
            assertThat(handshake.key()).isEqualTo("AQIDBAUGBwgJCgsMDQ4PEA==");
            assertThat(Base64.getDecoder().decode(handshake.key())).hasSize(16);
            assertThat(handshake.expectedAccept()).isEqualTo(AcceptKey.of("AQIDBAUGBwgJCgsMDQ4PEA=="));
        }

        @Test
        @DisplayName("§4.1 item 7: the nonce MUST be selected randomly for each connection")
        void eachHandshakeGetsAFreshKey() {
            SecureRandom random = new SecureRandom();
            URI uri = URI.create("ws://h/");
            String first = ClientHandshake.create(uri, random).key();
            assertThat(ClientHandshake.create(uri, random).key()).isNotEqualTo(first);
            SplittableRandom seeded = new SplittableRandom(1);
            String firstSeeded = ClientHandshake.create(uri, seeded).key();
            assertThat(ClientHandshake.create(uri, seeded).key()).isNotEqualTo(firstSeeded);
        }

        @Test
        void originAndSubprotocolsAndExtraHeadersAreSentWhenGiven() {
            ClientHandshakeOptions options = ClientHandshakeOptions.NONE
                    .withOrigin("http://example.com")
                    .withSubprotocols("chat", "superchat")
                    .withHeader("Authorization", "Bearer abc");
            HttpHeaders headers = handshake("ws://h/chat", options).request().headers();
            assertThat(headers.first("Origin")).contains("http://example.com");
            assertThat(headers.first("Sec-WebSocket-Protocol")).contains("chat, superchat");
            assertThat(headers.fields().getLast().toString()).isEqualTo("Authorization: Bearer abc");
        }

        @Test
        void withoutOptionsNoOriginAndNoSubprotocolHeaderIsSent() {
            HttpHeaders headers = handshake("ws://h/").request().headers();
            assertThat(headers.contains("Origin")).isFalse();
            assertThat(headers.contains("Sec-WebSocket-Protocol")).isFalse();
            assertThat(headers.contains("Sec-WebSocket-Extensions")).isFalse();
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"Host", "upgrade", "Connection", "Sec-WebSocket-Key", "sec-websocket-version",
                "Sec-WebSocket-Extensions", "Origin", "Content-Length", "Transfer-Encoding"})
        void anExtraHeaderMayNotReplaceOneTheHandshakeSets(String name) {
            assertThatThrownBy(() -> ClientHandshakeOptions.NONE.withHeader(name, "x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
        }

        @Test
        void anExtraHeaderValueCannotInjectALine() {
            assertThatThrownBy(() -> ClientHandshakeOptions.NONE.withHeader("Authorization", "x\r\nHost: evil"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("§4.1 item 10: subprotocols are unique tokens")
        void subprotocolsMustBeUniqueTokens() {
            assertThatThrownBy(() -> ClientHandshakeOptions.NONE.withSubprotocols("chat", "chat"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unique");
            assertThatThrownBy(() -> ClientHandshakeOptions.NONE.withSubprotocols("chat room"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
            assertThatThrownBy(() -> ClientHandshakeOptions.NONE.withSubprotocols(""))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("§4.1: validating the response")
    class Response {

        @Test
        @DisplayName("§1.3: the example response is accepted with subprotocol chat")
        void theRfcExampleResponseIsAccepted() {
            ClientHandshake handshake = handshake("ws://server.example.com/chat",
                    ClientHandshakeOptions.NONE.withSubprotocols("chat", "superchat"));
            ClientHandshakeResult result = handshake.validate(switching(handshake, "Sec-WebSocket-Protocol: chat\r\n"));
            assertThat(result).isInstanceOfSatisfying(ClientHandshakeResult.Accepted.class,
                    accepted -> assertThat(accepted.subprotocol()).contains("chat"));
        }

        @Test
        void aMinimalValidResponseIsAcceptedWithoutSubprotocol() {
            ClientHandshake handshake = handshake("ws://h/");
            assertThat(handshake.validate(switching(handshake, "")))
                    .isEqualTo(new ClientHandshakeResult.Accepted(Optional.empty(), switching(handshake, "")));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', value = {
                "200 OK                    | nothing at this URL speaks WebSocket",
                "302 Found                 | redirects",
                "400 Bad Request           | malformed",
                "401 Unauthorized          | authentication",
                "403 Forbidden             | Origin",
                "404 Not Found             | no WebSocket endpoint at this path",
                "426 Upgrade Required      | Sec-WebSocket-Version",
                "429 Too Many Requests     | back off",
                "500 Internal Server Error | server failed",
                "502 Bad Gateway           | proxy",
                "503 Service Unavailable   | retry later"})
        @DisplayName("§4.1 step 1: a status other than 101 fails, naming the status and what it usually means")
        void aStatusOtherThan101Fails(String statusLine, String meaning) {
            ClientHandshake handshake = handshake("ws://h/");
            HttpResponse response = response("HTTP/1.1 " + statusLine + "\r\nContent-Length: 0\r\n\r\n");
            HandshakeFailure failure = failure(handshake.validate(response), HandshakeFailure.Kind.UNEXPECTED_STATUS);
            assertThat(failure.detail()).startsWith(statusLine.substring(0, 3)).contains(meaning);
            assertThat(failure.response()).containsSame(response);
        }

        @Test
        @DisplayName("§4.1 step 2: Upgrade must be \"websocket\", ASCII case-insensitively")
        void upgradeMustBeWebsocket() {
            ClientHandshake handshake = handshake("ws://h/");
            String accept = "Sec-WebSocket-Accept: " + handshake.expectedAccept() + "\r\n";
            String connection = "Connection: Upgrade\r\n";
            assertThat(handshake.validate(response("HTTP/1.1 101 x\r\nUpgrade: WebSocket\r\n" + connection + accept
                    + "\r\n"))).isInstanceOf(ClientHandshakeResult.Accepted.class);
            failure(handshake.validate(response("HTTP/1.1 101 x\r\n" + connection + accept + "\r\n")),
                    HandshakeFailure.Kind.INVALID_UPGRADE);
            failure(handshake.validate(response("HTTP/1.1 101 x\r\nUpgrade: h2c\r\n" + connection + accept + "\r\n")),
                    HandshakeFailure.Kind.INVALID_UPGRADE);
            failure(handshake.validate(response("HTTP/1.1 101 x\r\nUpgrade: websocket, h2c\r\n" + connection + accept
                    + "\r\n")), HandshakeFailure.Kind.INVALID_UPGRADE);
        }

        @Test
        @DisplayName("§4.1 step 3: Connection must hold the token Upgrade, ASCII case-insensitively")
        void connectionMustHoldTheUpgradeToken() {
            ClientHandshake handshake = handshake("ws://h/");
            String rest = "Upgrade: websocket\r\nSec-WebSocket-Accept: " + handshake.expectedAccept() + "\r\n";
            assertThat(handshake.validate(response("HTTP/1.1 101 x\r\nConnection: keep-alive, upgrade\r\n" + rest
                    + "\r\n"))).isInstanceOf(ClientHandshakeResult.Accepted.class);
            failure(handshake.validate(response("HTTP/1.1 101 x\r\n" + rest + "\r\n")),
                    HandshakeFailure.Kind.INVALID_CONNECTION);
            failure(handshake.validate(response("HTTP/1.1 101 x\r\nConnection: keep-alive\r\n" + rest + "\r\n")),
                    HandshakeFailure.Kind.INVALID_CONNECTION);
        }

        @Test
        @DisplayName("§4.1 step 4: Sec-WebSocket-Accept must match the key sent, exactly")
        void acceptMustMatchTheKeySent() {
            ClientHandshake handshake = handshake("ws://h/");
            ClientHandshake other = ClientHandshake.create(URI.create("ws://h/"), ONE_TO_SIXTEEN);
            String head = "HTTP/1.1 101 x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
            HandshakeFailure wrong = failure(handshake.validate(switching(other, "")),
                    HandshakeFailure.Kind.INVALID_ACCEPT);
            assertThat(wrong.detail()).contains(handshake.expectedAccept()).contains(other.expectedAccept());
            failure(handshake.validate(response(head + "\r\n")), HandshakeFailure.Kind.INVALID_ACCEPT);
            failure(handshake.validate(response(head + "Sec-WebSocket-Accept: "
                    + handshake.expectedAccept().toLowerCase() + "\r\n\r\n")), HandshakeFailure.Kind.INVALID_ACCEPT);
            failure(handshake.validate(switching(handshake, "Sec-WebSocket-Accept: " + handshake.expectedAccept()
                    + "\r\n")), HandshakeFailure.Kind.INVALID_ACCEPT);
        }

        @Test
        @DisplayName("§4.1 step 5: an extension that was not requested MUST fail the connection")
        void anyExtensionFailsBecauseNoneWasOffered() {
            ClientHandshake handshake = handshake("ws://h/");
            HandshakeFailure failure = failure(handshake.validate(switching(handshake,
                    "Sec-WebSocket-Extensions: permessage-deflate\r\n")), HandshakeFailure.Kind.UNEXPECTED_EXTENSION);
            assertThat(failure.message()).contains("permessage-deflate").contains("§4.1");
        }

        @Test
        @DisplayName("§4.1 step 6: the subprotocol must be exactly one of those offered")
        void theSubprotocolMustBeOneOffered() {
            ClientHandshake offering = handshake("ws://h/", ClientHandshakeOptions.NONE.withSubprotocols("chat", "v2"));
            assertThat(offering.validate(switching(offering, "Sec-WebSocket-Protocol: v2\r\n")))
                    .isInstanceOfSatisfying(ClientHandshakeResult.Accepted.class,
                            accepted -> assertThat(accepted.subprotocol()).contains("v2"));
            assertThat(offering.validate(switching(offering, "")))
                    .isInstanceOfSatisfying(ClientHandshakeResult.Accepted.class,
                            accepted -> assertThat(accepted.subprotocol()).isEmpty());
            for (String selected : new String[] {"other", "Chat", "chat, v2", ""}) {
                failure(offering.validate(switching(offering, "Sec-WebSocket-Protocol: " + selected + "\r\n")),
                        HandshakeFailure.Kind.UNEXPECTED_SUBPROTOCOL);
            }
            String twice = "Sec-WebSocket-Protocol: chat\r\nSec-WebSocket-Protocol: chat\r\n";
            failure(offering.validate(switching(offering, twice)),
                    HandshakeFailure.Kind.UNEXPECTED_SUBPROTOCOL);
        }

        @Test
        @DisplayName("§4.1 step 6: no subprotocol may come back when none was offered")
        void noSubprotocolMayComeBackWhenNoneWasOffered() {
            ClientHandshake handshake = handshake("ws://h/");
            HttpResponse response = switching(handshake, "Sec-WebSocket-Protocol: chat\r\n");
            HandshakeFailure failure = failure(handshake.validate(response),
                    HandshakeFailure.Kind.UNEXPECTED_SUBPROTOCOL);
            assertThat(failure.detail()).contains("none were offered");
        }

        @Test
        @DisplayName("RFC 2616 via §4.1: header names in the response are case-insensitive")
        void headerNamesInTheResponseAreCaseInsensitive() {
            ClientHandshake handshake = handshake("ws://h/");
            HttpResponse response = response("HTTP/1.1 101 Switching Protocols\r\nUPGRADE: websocket\r\n"
                    + "connection: Upgrade\r\nsec-websocket-accept: " + handshake.expectedAccept() + "\r\n\r\n");
            assertThat(handshake.validate(response)).isInstanceOf(ClientHandshakeResult.Accepted.class);
        }
    }
}
