package dev.wslab.protocol.handshake;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("ResourceName: the path and query a connection asks for (RFC 6455 §3, §4.1)")
class ResourceNameTest {

    @Nested
    @DisplayName("from a ws:// URI (§3)")
    class FromUri {

        @Test
        @DisplayName("\"/\" if the path component is empty")
        void emptyPath() {
            assertThat(ResourceName.of(URI.create("ws://example.com"))).hasToString("/");
            assertThat(ResourceName.of(URI.create("ws://example.com?room=1"))).hasToString("/?room=1");
        }

        @Test
        @DisplayName("the path, then \"?\" and the query only if the query is non-empty")
        void pathAndQuery() {
            assertThat(ResourceName.of(URI.create("ws://example.com/chat?room=1")))
                    .isEqualTo(new ResourceName("/chat", Optional.of("room=1")));
            assertThat(ResourceName.of(URI.create("ws://example.com/chat?"))).hasToString("/chat");
        }

        @Test
        @DisplayName("percent-encoding is kept as written: it goes on the request line as is")
        void rawForm() {
            assertThat(ResourceName.of(URI.create("ws://example.com/a%20b?q=%23"))).hasToString("/a%20b?q=%23");
        }
    }

    @Nested
    @DisplayName("from a request-target (§4.1 item 3, RFC 9112 §3.2)")
    class FromRequestTarget {

        @Test
        @DisplayName("origin-form: the target itself, split at its first \"?\"")
        void originForm() {
            assertThat(ResourceName.fromRequestTarget("/chat?room=1&x=?"))
                    .hasValue(new ResourceName("/chat", Optional.of("room=1&x=?")));
            assertThat(ResourceName.fromRequestTarget("/chat")).hasValue(new ResourceName("/chat", Optional.empty()));
        }

        @Test
        @DisplayName("absolute-form with an http, https, ws or wss URI: its path and query")
        void absoluteForm() {
            assertThat(ResourceName.fromRequestTarget("http://example.com/chat?room=1").map(ResourceName::toString))
                    .hasValue("/chat?room=1");
            assertThat(ResourceName.fromRequestTarget("wss://example.com").map(ResourceName::toString)).hasValue("/");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"*", "example.com:443", "ftp://example.com/chat", "http://example.com/chat#top",
                "mailto:a@example.com", "chat", "http://exa mple.com/"})
        @DisplayName("anything else names no resource")
        void noResource(String target) {
            assertThat(ResourceName.fromRequestTarget(target)).isEmpty();
        }
    }
}
