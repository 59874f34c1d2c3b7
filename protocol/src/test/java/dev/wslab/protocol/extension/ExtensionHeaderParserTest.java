package dev.wslab.protocol.extension;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Sec-WebSocket-Extensions is parsed by the grammar of RFC 6455 §9.1")
class ExtensionHeaderParserTest {

    private static List<Extension> parsed(String... lines) {
        ParsedExtensions result = ExtensionHeaderParser.parse(List.of(lines));
        assertThat(result).isInstanceOf(ParsedExtensions.Parsed.class);
        return ((ParsedExtensions.Parsed) result).extensions();
    }

    private static String problem(String line) {
        ParsedExtensions result = ExtensionHeaderParser.parse(line);
        assertThat(result).isInstanceOf(ParsedExtensions.Malformed.class);
        return ((ParsedExtensions.Malformed) result).problem();
    }

    @Test
    @DisplayName("Chrome's offer: one extension with a parameter that has no value")
    void chromeOffer() {
        assertThat(parsed("permessage-deflate; client_max_window_bits")).containsExactly(
                Extension.of("permessage-deflate", ExtensionParameter.flag("client_max_window_bits")));
    }

    @Test
    @DisplayName("several offers over several header lines form one list, in order")
    void severalOffersOverSeveralLines() {
        assertThat(parsed("permessage-deflate; server_max_window_bits=10, permessage-deflate", "x-webkit-deflate-frame"))
                .extracting(Extension::toHeaderValue)
                .containsExactly("permessage-deflate; server_max_window_bits=10", "permessage-deflate", "x-webkit-deflate-frame");
    }

    @Test
    @DisplayName("a quoted value is held unquoted (§9.1: once unescaped it is a token)")
    void quotedValue() {
        assertThat(parsed("permessage-deflate; client_max_window_bits=\"10\"").get(0).parameters())
                .containsExactly(new ExtensionParameter("client_max_window_bits", Optional.of("10")));
        assertThat(parsed("x; a=\"b\\c\"").get(0).parameters()).containsExactly(ExtensionParameter.of("a", "bc"));
    }

    @Test
    @DisplayName("whitespace around separators and empty list elements are allowed, as in every HTTP list")
    void whitespaceAndEmptyElements() {
        assertThat(parsed(" , permessage-deflate ; server_max_window_bits = 10 ,, ")).containsExactly(
                Extension.of("permessage-deflate", ExtensionParameter.of("server_max_window_bits", "10")));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", " , ", "permessage-deflate;", "; a", "a b", "a; b=", "a; =1", "a; b=\"1 0\"",
            "a; b=\"10", "a, b c", "a; b=1 2", "a@b"})
    @DisplayName("text that does not match the grammar is malformed, with the place named")
    void malformed(String line) {
        assertThat(problem(line)).isNotBlank();
    }

    @Test
    @DisplayName("the problem names what was expected and quotes the text")
    void problemIsSpecific() {
        assertThat(problem("permessage-deflate; client_max_window_bits=\"1 0\""))
                .contains("client_max_window_bits").contains("not a token");
        assertThat(problem("a b")).contains("','").contains("position 2");
    }

    @Test
    @DisplayName("no header at all is an empty list, not an error")
    void noHeader() {
        assertThat(ExtensionHeaderParser.parse(List.of())).isEqualTo(new ParsedExtensions.Parsed(List.of()));
    }

    @Test
    @DisplayName("elements are written back in the header's form, joined by commas")
    void writtenBack() {
        List<Extension> extensions = List.of(
                Extension.of("permessage-deflate", ExtensionParameter.flag("server_no_context_takeover"),
                        ExtensionParameter.of("server_max_window_bits", "9")),
                Extension.of("permessage-deflate"));
        String header = Extension.toHeaderValue(extensions);
        assertThat(header).isEqualTo("permessage-deflate; server_no_context_takeover; server_max_window_bits=9, permessage-deflate");
        assertThat(parsed(header)).isEqualTo(extensions);
    }
}
