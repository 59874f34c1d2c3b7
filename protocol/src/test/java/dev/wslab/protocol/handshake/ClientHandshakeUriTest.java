package dev.wslab.protocol.handshake;

import dev.wslab.protocol.http.HttpRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("§3: WebSocket URIs")
class ClientHandshakeUriTest {

    static ClientHandshake handshake(String uri) {
        return ClientHandshake.create(URI.create(uri), new SplittableRandom(6455));
    }

    @ParameterizedTest(name = "{0} -> Host {1}, resource {2}")
    @CsvSource({
            "ws://example.com,           example.com,       /",
            "ws://example.com/,          example.com,       /",
            "ws://example.com?x=1,       example.com,       /?x=1",
            "ws://example.com/a/b?x=1&y, example.com,       /a/b?x=1&y",
            "ws://example.com/?,         example.com,       /",
            "ws://example.com/a%20b,     example.com,       /a%20b",
            "ws://example.com:80/,       example.com,       /",
            "ws://example.com:443/,      example.com:443,   /",
            "wss://example.com:443/,     example.com,       /",
            "wss://example.com:80/,      example.com:80,    /",
            "WSS://example.com:8443/,    example.com:8443,  /",
            "ws://[::1]:9000/x,          [::1]:9000,        /x"})
    void hostHasThePortOnlyWhenNotTheDefaultAndTheResourceNameIsPathPlusQuery(String uri, String host,
                                                                             String resource) {
        HttpRequest request = handshake(uri).request();
        assertThat(request.headers().first("Host")).contains(host);
        assertThat(request.target()).isEqualTo(resource);
    }

    @Test
    void theSecureFlagAndPortComeFromTheScheme() {
        assertThat(WebSocketUri.parse("wss://h")).isEqualTo(new WebSocketUri(true, "h", 443, "/"));
        assertThat(WebSocketUri.parse("ws://h")).isEqualTo(new WebSocketUri(false, "h", 80, "/"));
    }

    @Test
    @DisplayName("§3: fragment identifiers MUST NOT be used")
    void aUriWithAFragmentIsRefused() {
        assertThatThrownBy(() -> handshake("ws://example.com/chat#top"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragment");
        assertThatThrownBy(() -> handshake("ws://example.com/chat#"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("%23");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"http://example.com/chat", "https://example.com/chat", "ftp://example.com/"})
    void aSchemeOtherThanWsOrWssIsRefused(String uri) {
        assertThatThrownBy(() -> handshake(uri))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ws:// or wss://");
    }

    @Test
    void anHttpUriGetsAHintToUseWs() {
        assertThatThrownBy(() -> handshake("https://example.com/chat")).hasMessageContaining("same host and path");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"ws:example.com", "ws:///chat", "ws://user:pass@example.com/", "ws://example.com:0/",
            "/chat", "example.com"})
    void aUriWithoutAValidAuthorityIsRefused(String uri) {
        assertThatThrownBy(() -> handshake(uri)).isInstanceOf(IllegalArgumentException.class);
    }
}
