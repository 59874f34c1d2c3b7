package dev.wslab.protocol.http;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

class HttpHeadersTest {

    private static final HttpHeaders HANDSHAKE = HttpHeaders.of(
            "Host", "server.example.com",
            "Upgrade", "websocket",
            "Connection", "keep-alive, Upgrade",
            "Sec-WebSocket-Protocol", "chat",
            "Sec-WebSocket-Protocol", "superchat");

    @Nested
    @DisplayName("RFC 9110 §5.1: field names are case-insensitive")
    class CaseInsensitiveNames {

        @Test
        void firstFindsANameWrittenInAnyCase() {
            assertThat(HANDSHAKE.first("upgrade")).contains("websocket");
            assertThat(HANDSHAKE.first("UPGRADE")).contains("websocket");
            assertThat(HANDSHAKE.first("sEC-wEBsOCKET-pROTOCOL")).contains("chat");
        }

        @Test
        void allReturnsEveryValueOfARepeatedNameInOrder() {
            assertThat(HANDSHAKE.all("sec-websocket-protocol")).containsExactly("chat", "superchat");
        }

        @Test
        void anAbsentNameIsEmptyNotAnError() {
            assertThat(HANDSHAKE.first("Origin")).isEmpty();
            assertThat(HANDSHAKE.all("Origin")).isEmpty();
            assertThat(HANDSHAKE.contains("Origin")).isFalse();
            assertThat(HANDSHAKE.contains("host")).isTrue();
        }

        @Test
        void namesCompareByAsciiCaseOnlyNotUnicodeCaseFolding() {
            // U+212A KELVIN SIGN folds to 'k' under String.equalsIgnoreCase, but it is not ASCII.
            assertThat(HttpSyntax.equalsIgnoreAsciiCase("Keep-Alive", "keep-alive")).isTrue();
            assertThat(HttpSyntax.equalsIgnoreAsciiCase("\u212Aeep-alive", "keep-alive")).isFalse();
            assertThat(HttpSyntax.equalsIgnoreAsciiCase("upgrade", "upgrad")).isFalse();
        }

        @Test
        void theSpellingGivenIsKeptForWriting() {
            assertThat(HttpHeaders.of("sec-websocket-key", "x").toString()).isEqualTo("sec-websocket-key: x\r\n");
        }
    }

    @Nested
    @DisplayName("RFC 9110 §5.6.1: comma-separated lists")
    class TokenLists {

        @Test
        void connectionKeepAliveUpgradeIsTwoTokens() {
            assertThat(HANDSHAKE.tokens("Connection")).containsExactly("keep-alive", "Upgrade");
        }

        @Test
        void repeatedFieldsFormOneListInOrder() {
            HttpHeaders headers = HttpHeaders.of("Connection", "keep-alive", "Host", "h", "Connection", "Upgrade");
            assertThat(headers.tokens("connection")).containsExactly("keep-alive", "Upgrade");
            assertThat(headers.containsToken("Connection", "upgrade")).isTrue();
        }

        @Test
        void whitespaceAroundElementsIsDroppedAndEmptyElementsAreIgnored() {
            HttpHeaders headers = HttpHeaders.of("X", " ,a ,\t b,, ,c,");
            assertThat(headers.tokens("x")).containsExactly("a", "b", "c");
        }

        @Test
        void anEmptyValueIsAnEmptyList() {
            assertThat(HttpHeaders.of("X", "").tokens("X")).isEmpty();
            assertThat(HttpHeaders.empty().tokens("X")).isEmpty();
        }

        @Test
        void containsTokenIgnoresAsciiCaseButMatchesWholeElementsOnly() {
            assertThat(HANDSHAKE.containsToken("connection", "UPGRADE")).isTrue();
            assertThat(HttpHeaders.of("Connection", "Upgraded").containsToken("Connection", "Upgrade")).isFalse();
            assertThat(HttpHeaders.of("Connection", "keep-alive Upgrade").containsToken("Connection", "Upgrade"))
                    .isFalse();
        }

        @Test
        @DisplayName("ws CVE-2021-32640: splitting a hostile list takes linear time")
        void splittingAHostileListIsLinear() {
            String spaces = "b" + " ".repeat(50_000) + "x";
            String commas = ", ".repeat(20_000);
            HttpHeaders headers = HttpHeaders.of("Sec-WebSocket-Protocol", spaces, "Sec-WebSocket-Protocol", commas);
            List<String> tokens = assertTimeoutPreemptively(Duration.ofSeconds(1),
                    () -> headers.tokens("Sec-WebSocket-Protocol"));
            assertThat(tokens).containsExactly(spaces);
        }

        @Test
        void anyListOfTokensJoinedWithCommasAndWhitespaceSplitsBackIntoItself() {
            qt().withFixedSeed(6455L)
                    .forAll(lists().of(strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 8))
                            .ofSizeBetween(0, 6), integers().between(0, 3))
                    .checkAssert((tokens, spaces) -> {
                        String ows = " ".repeat(spaces);
                        String value = String.join(ows + "," + ows, tokens);
                        assertThat(HttpHeaders.of("X", value).tokens("X")).isEqualTo(tokens);
                    });
        }
    }

    @Nested
    @DisplayName("RFC 9110 §5.5: what a field may hold")
    class FieldSyntax {

        @Test
        void aValueWithCrOrLfIsRefusedSoACallerCannotInjectAHeader() {
            assertThatThrownBy(() -> HttpHeaders.of("Authorization", "Bearer x\r\nX-Evil: 1"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0xd");
            assertThatThrownBy(() -> new HttpField("X", "a\nb")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new HttpField("X", "a\u0000b")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aNameMustBeAToken() {
            assertThatThrownBy(() -> new HttpField("", "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new HttpField("Bad Name", "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new HttpField("Bad:Name", "x")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void surroundingWhitespaceIsNotPartOfTheValue() {
            assertThat(new HttpField("X", " \t a b \t").value()).isEqualTo("a b");
        }

        @Test
        void obsTextIsAllowedInAValue() {
            assertThat(new HttpField("X", "caf\u00E9").value()).isEqualTo("caf\u00E9");
        }

        @Test
        void anOddNumberOfStringsIsRefused() {
            assertThatThrownBy(() -> HttpHeaders.of("Host")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void withReturnsACopyAndLeavesTheOriginalAlone() {
            HttpHeaders one = HttpHeaders.of("A", "1");
            HttpHeaders two = one.with("B", "2");
            assertThat(one.size()).isEqualTo(1);
            assertThat(two.fields()).containsExactly(new HttpField("A", "1"), new HttpField("B", "2"));
            assertThatThrownBy(() -> two.fields().add(new HttpField("C", "3")))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void fieldsAreWrittenOnePerLineWithCrlf() {
            assertThat(HttpHeaders.of("A", "1", "B", "2").toString()).isEqualTo("A: 1\r\nB: 2\r\n");
        }
    }
}
