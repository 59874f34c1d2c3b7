package dev.wslab.protocol.deflate;

import dev.wslab.protocol.deflate.PerMessageDeflate.ClientCheck;
import dev.wslab.protocol.deflate.PerMessageDeflate.ServerAnswer;
import dev.wslab.protocol.extension.Extension;
import dev.wslab.protocol.extension.ExtensionHeaderParser;
import dev.wslab.protocol.extension.ParsedExtensions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("permessage-deflate negotiation (RFC 7692 §7.1)")
class PerMessageDeflateTest {

    private static final DirectionSettings KEPT_15 = DirectionSettings.DEFAULT;

    static List<Extension> header(String value) {
        return ((ParsedExtensions.Parsed) ExtensionHeaderParser.parse(value)).extensions();
    }

    static Extension element(String value) {
        return header(value).get(0);
    }

    @Nested
    @DisplayName("a server")
    class Server {

        private ServerAnswer answer(String offers) {
            return PerMessageDeflate.answer(header(offers), DeflateOptions.DEFAULTS);
        }

        private String response(String offers) {
            return answer(offers).responseElement().map(Extension::toHeaderValue).orElse("(declined)");
        }

        @ParameterizedTest(name = "[{index}] {0}  ->  {1}")
        @CsvSource(delimiter = '|', textBlock = """
                permessage-deflate; client_max_window_bits                      | permessage-deflate
                permessage-deflate                                              | permessage-deflate
                permessage-deflate; server_no_context_takeover                  | permessage-deflate; server_no_context_takeover
                permessage-deflate; client_no_context_takeover                  | permessage-deflate; client_no_context_takeover
                permessage-deflate; server_max_window_bits=9                    | permessage-deflate; server_max_window_bits=9
                permessage-deflate; server_max_window_bits=15                   | permessage-deflate
                permessage-deflate; client_max_window_bits=10                   | permessage-deflate
                x-webkit-deflate-frame, permessage-deflate                      | permessage-deflate
                """)
        @DisplayName("accepts a valid offer and says only what differs from the defaults")
        void acceptsValidOffers(String offer, String expected) {
            assertThat(response(offer)).isEqualTo(expected);
        }

        @Test
        @DisplayName("keeps to a window it was asked for, and never limits the client's (§7.1.2.2: not offered, never sent)")
        void windows() {
            DeflateAgreement agreement = answer("permessage-deflate; server_max_window_bits=9; client_max_window_bits")
                    .agreement().orElseThrow();
            assertThat(agreement.serverToClient()).isEqualTo(new DirectionSettings(ContextTakeover.KEPT, 9));
            assertThat(agreement.clientToServer()).isEqualTo(KEPT_15);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @CsvSource(delimiter = '|', textBlock = """
                permessage-deflate; foo                                          | unknown parameter foo
                permessage-deflate; server_no_context_takeover; server_no_context_takeover | given twice
                permessage-deflate; server_max_window_bits=7                     | from 8 to 15
                permessage-deflate; server_max_window_bits=16                    | from 8 to 15
                permessage-deflate; server_max_window_bits=08                    | leading zeros
                permessage-deflate; server_max_window_bits                       | needs a value
                permessage-deflate; client_max_window_bits=0                     | from 8 to 15
                permessage-deflate; server_no_context_takeover=1                 | takes no value
                permessage-deflate; client_no_context_takeover=true              | takes no value
                """)
        @DisplayName("declines an invalid offer, with the reason, and the connection goes on uncompressed")
        void declinesInvalidOffers(String offer, String reason) {
            ServerAnswer answer = answer(offer);
            assertThat(answer.agreement()).isEmpty();
            assertThat(answer.declined()).singleElement().satisfies(declined -> {
                assertThat(declined.offer()).isEqualTo(element(offer));
                assertThat(declined.reason()).contains(reason).contains("RFC 7692");
            });
        }

        @Test
        @DisplayName("declines a bad first offer and accepts the good second one (§5: the client's order of preference)")
        void badFirstOfferThenGood() {
            ServerAnswer answer = answer("permessage-deflate; server_max_window_bits=16, permessage-deflate; server_no_context_takeover");
            assertThat(answer.responseElement().orElseThrow().toHeaderValue())
                    .isEqualTo("permessage-deflate; server_no_context_takeover");
            assertThat(answer.declined()).hasSize(1);
        }

        @Test
        @DisplayName("takes the first acceptable offer, not the most favourable one")
        void firstAcceptableOfferWins() {
            assertThat(response("permessage-deflate; server_max_window_bits=10, permessage-deflate"))
                    .isEqualTo("permessage-deflate; server_max_window_bits=10");
        }

        @Test
        @DisplayName("asked for no context, it says so for both directions, offered or not (§7.1.1: a server MAY)")
        void noContextTakeoverOption() {
            ServerAnswer answer = PerMessageDeflate.answer(header("permessage-deflate"),
                    DeflateOptions.DEFAULTS.withOwnContext(ContextTakeover.RESET));
            assertThat(answer.responseElement().orElseThrow().toHeaderValue())
                    .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        }

        @Test
        @DisplayName("no permessage-deflate offer: no agreement and nothing declined")
        void noOffer() {
            assertThat(answer("x-webkit-deflate-frame")).isEqualTo(new ServerAnswer(java.util.Optional.empty(), List.of()));
        }
    }

    @Nested
    @DisplayName("a client")
    class Client {

        private final Extension offer = PerMessageDeflate.offer(DeflateOptions.DEFAULTS);

        private ClientCheck check(String response, Extension offered) {
            return PerMessageDeflate.check(element(response), offered);
        }

        private String refusal(String response, Extension offered) {
            ClientCheck check = check(response, offered);
            assertThat(check).isInstanceOf(ClientCheck.Refused.class);
            return ((ClientCheck.Refused) check).problem();
        }

        private DeflateAgreement agreement(String response, Extension offered) {
            ClientCheck check = check(response, offered);
            assertThat(check).isInstanceOf(ClientCheck.Agreed.class);
            return ((ClientCheck.Agreed) check).agreement();
        }

        @Test
        @DisplayName("offers what browsers offer; asked for no context, both no_context_takeover parameters too")
        void offers() {
            assertThat(offer.toHeaderValue()).isEqualTo("permessage-deflate; client_max_window_bits");
            assertThat(PerMessageDeflate.offer(DeflateOptions.DEFAULTS.withOwnContext(ContextTakeover.RESET)).toHeaderValue())
                    .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover; client_max_window_bits");
        }

        @Test
        @DisplayName("accepts the server's parameters and applies them to each direction")
        void agreements() {
            assertThat(agreement("permessage-deflate", offer)).isEqualTo(new DeflateAgreement(KEPT_15, KEPT_15));
            assertThat(agreement("permessage-deflate; server_no_context_takeover; client_max_window_bits=10", offer))
                    .isEqualTo(new DeflateAgreement(new DirectionSettings(ContextTakeover.RESET, 15),
                            new DirectionSettings(ContextTakeover.KEPT, 10)));
            assertThat(agreement("permessage-deflate; client_no_context_takeover; server_max_window_bits=12", offer))
                    .isEqualTo(new DeflateAgreement(new DirectionSettings(ContextTakeover.KEPT, 12),
                            new DirectionSettings(ContextTakeover.RESET, 15)));
        }

        @Test
        @DisplayName("keeps its own word: having offered client_no_context_takeover, it resets its context (§7.1.1.2)")
        void ownHintHolds() {
            Extension hinted = element("permessage-deflate; client_no_context_takeover");
            assertThat(agreement("permessage-deflate", hinted).clientToServer().context()).isEqualTo(ContextTakeover.RESET);
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @CsvSource(delimiter = '|', textBlock = """
                permessage-deflate; foo                                      | unknown parameter foo
                permessage-deflate; server_max_window_bits=10; server_max_window_bits=10 | given twice
                permessage-deflate; server_max_window_bits=16                | from 8 to 15
                permessage-deflate; client_max_window_bits                   | needs a value
                permessage-deflate; server_no_context_takeover=1             | takes no value
                x-webkit-deflate-frame                                       | not offered
                """)
        @DisplayName("refuses an invalid response, naming the parameter and the clause")
        void refusesInvalidResponses(String response, String problem) {
            assertThat(refusal(response, offer)).contains(problem).containsPattern("RFC (7692|6455) §");
        }

        @Test
        @DisplayName("refuses client_max_window_bits when it did not offer it (§7.1.2.2 MUST NOT)")
        void clientWindowNotOffered() {
            assertThat(refusal("permessage-deflate; client_max_window_bits=10", element("permessage-deflate")))
                    .contains("client_max_window_bits").contains("§7.1.2.2");
        }

        @Test
        @DisplayName("refuses a server window larger than it offered, or none at all (§7.1.2.1: the same or smaller)")
        void serverWindowLargerThanOffered() {
            Extension offered = element("permessage-deflate; server_max_window_bits=10");
            assertThat(refusal("permessage-deflate; server_max_window_bits=12", offered)).contains("§7.1.2.1");
            assertThat(refusal("permessage-deflate", offered)).contains("nothing (15)");
            assertThat(agreement("permessage-deflate; server_max_window_bits=9", offered).serverToClient().maxWindowBits())
                    .isEqualTo(9);
        }
    }
}
