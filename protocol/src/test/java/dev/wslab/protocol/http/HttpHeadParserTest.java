package dev.wslab.protocol.http;

import dev.wslab.protocol.Limits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

import static dev.wslab.protocol.http.Heads.FRAME;
import static dev.wslab.protocol.http.Heads.RFC_REQUEST;
import static dev.wslab.protocol.http.Heads.RFC_RESPONSE;
import static dev.wslab.protocol.http.Heads.bytes;
import static dev.wslab.protocol.http.Heads.concat;
import static dev.wslab.protocol.http.Heads.parseRequest;
import static dev.wslab.protocol.http.Heads.parseResponse;
import static dev.wslab.protocol.http.Heads.remaining;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

class HttpHeadParserTest {

    @Nested
    @DisplayName("RFC 6455 §1.3: the example handshake")
    class RfcExample {

        @Test
        void theExampleRequestParsesIntoItsParts() {
            HttpRequest request = parseRequest(RFC_REQUEST);
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.target()).isEqualTo("/chat");
            assertThat(request.version()).isEqualTo(HttpVersion.HTTP_1_1);
            assertThat(request.headers().size()).isEqualTo(7);
            assertThat(request.headers().first("sec-websocket-key")).contains("dGhlIHNhbXBsZSBub25jZQ==");
            assertThat(request.headers().tokens("Sec-WebSocket-Protocol")).containsExactly("chat", "superchat");
        }

        @Test
        void theExampleResponseParsesIntoItsParts() {
            HttpResponse response = parseResponse(RFC_RESPONSE);
            assertThat(response.status()).isEqualTo(101);
            assertThat(response.reason()).isEqualTo("Switching Protocols");
            assertThat(response.headers().first("Sec-WebSocket-Accept")).contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        }

        @Test
        void writingAParsedHeadGivesBackTheSameBytes() {
            assertThat(new String(parseRequest(RFC_REQUEST).toBytes(), ISO_8859_1)).isEqualTo(RFC_REQUEST);
            assertThat(new String(parseResponse(RFC_RESPONSE).toBytes(), ISO_8859_1)).isEqualTo(RFC_RESPONSE);
        }

        @Test
        void anyFieldValueThatCanBeWrittenParsesBackUnchanged() {
            qt().withFixedSeed(6455L)
                    .forAll(strings().betweenCodePoints(0x00, 0xFF).ofLengthBetween(0, 30))
                    .checkAssert(value -> {
                        HttpField field;
                        try {
                            field = new HttpField("X-Value", value);
                        } catch (IllegalArgumentException refused) {
                            return; // holds a control char: it cannot be written, so nothing to parse back
                        }
                        HttpRequest written = new HttpRequest("GET", "/", HttpVersion.HTTP_1_1,
                                HttpHeaders.empty().with(field.name(), field.value()));
                        assertThat(parseRequest(written.toString())).isEqualTo(written);
                    });
        }
    }

    @Nested
    @DisplayName("RFC 6455 §4.1: bytes after the head belong to the WebSocket connection")
    class LeftoverBytes {

        @Test
        void leftoverBytesAfterTheHeadArePreservedExactly() {
            ByteBuffer in = ByteBuffer.wrap(concat(bytes(RFC_REQUEST), FRAME));
            Optional<HttpRequest> head = HttpHeadParser.forRequest(Limits.DEFAULTS).feed(in);
            assertThat(head).isPresent();
            assertThat(in.position()).isEqualTo(bytes(RFC_REQUEST).length);
            assertThat(remaining(in)).isEqualTo(FRAME);
        }

        @Test
        void progressCountsOnlyTheBytesOfTheHead() {
            byte[] wire = concat(bytes(RFC_RESPONSE), FRAME);
            HttpHeadParser.Progress<HttpResponse> progress = HttpHeadParser.forResponse(Limits.DEFAULTS)
                    .feed(wire, 0, wire.length);
            assertThat(progress.head()).isPresent();
            assertThat(progress.consumed()).isEqualTo(bytes(RFC_RESPONSE).length);
        }

        @Test
        void theHeadIsTheSameInEveryTwoWaySplit() {
            byte[] wire = concat(bytes(RFC_REQUEST), FRAME);
            HttpRequest whole = parseRequest(RFC_REQUEST);
            for (int split = 0; split <= wire.length; split++) {
                HttpHeadParser<HttpRequest> parser = HttpHeadParser.forRequest(Limits.DEFAULTS);
                ByteBuffer first = ByteBuffer.wrap(wire, 0, split);
                ByteBuffer second = ByteBuffer.wrap(wire, split, wire.length - split);
                Optional<HttpRequest> head = parser.feed(first);
                ByteArrayOutputStream leftover = new ByteArrayOutputStream();
                if (head.isEmpty()) {
                    assertThat(first.hasRemaining()).as("split %d: an incomplete head consumes all", split).isFalse();
                    head = parser.feed(second);
                } else {
                    leftover.writeBytes(remaining(first));
                }
                leftover.writeBytes(remaining(second));
                assertThat(head).as("split at %d", split).contains(whole);
                assertThat(leftover.toByteArray()).as("split at %d", split).isEqualTo(FRAME);
            }
        }

        @Test
        void theHeadIsTheSameWhenFedOneByteAtATime() {
            byte[] wire = concat(bytes(RFC_RESPONSE), FRAME);
            HttpHeadParser<HttpResponse> parser = HttpHeadParser.forResponse(Limits.DEFAULTS);
            int offset = 0;
            Optional<HttpResponse> head = Optional.empty();
            while (head.isEmpty()) {
                HttpHeadParser.Progress<HttpResponse> progress = parser.feed(wire, offset, 1);
                assertThat(progress.consumed()).isEqualTo(1);
                head = progress.head();
                offset++;
            }
            assertThat(head).contains(parseResponse(RFC_RESPONSE));
            assertThat(offset).isEqualTo(bytes(RFC_RESPONSE).length);
        }

        @Test
        void feedingAfterTheHeadIsABug() {
            HttpHeadParser<HttpRequest> parser = HttpHeadParser.forRequest(Limits.DEFAULTS);
            parser.feed(bytes(RFC_REQUEST));
            assertThatThrownBy(() -> parser.feed(FRAME)).isInstanceOf(IllegalStateException.class);
            assertThat(parser.head()).isPresent();
        }

        @Test
        void feedingAfterARefusalIsABug() {
            HttpHeadParser<HttpRequest> parser = HttpHeadParser.forRequest(Limits.DEFAULTS);
            assertThatThrownBy(() -> parser.feed(bytes("GET / HTTP/1.1\n"))).isInstanceOf(HttpHeadException.class);
            assertThatThrownBy(() -> parser.feed(bytes("\r\n"))).isInstanceOf(IllegalStateException.class);
        }
    }
}
