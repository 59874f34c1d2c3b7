package dev.wslab.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("./wslab connect refuses a server's permessage-deflate answer that RFC 7692 §7 forbids, in one line")
class DeflateRefusalsTest {

    /**
     * Each row: the Sec-WebSocket-Extensions lines of the server's 101 (separated by {@code ;;}), then what the
     * one line must name (separated by {@code &}): the parameter, the problem and the clause.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            permessage-deflate; server_max_window_bits=16                  | server_max_window_bits=16 is out of range: window bits go from 8 to 15 (RFC 7692 §7.1.2.1)
            permessage-deflate; server_max_window_bits=08                  | server_max_window_bits=08 is not a window size & RFC 7692 §7.1.2.1
            permessage-deflate; client_max_window_bits=7                   | client_max_window_bits=7 is out of range: window bits go from 8 to 15 (RFC 7692 §7.1.2.2)
            permessage-deflate; client_max_window_bits                     | client_max_window_bits needs a value from 8 to 15 (RFC 7692 §7.1.2.2)
            permessage-deflate; server_no_context_takeover=1               | server_no_context_takeover takes no value & RFC 7692 §7.1.1.1
            permessage-deflate; foo                                        | unknown parameter foo & RFC 7692 §7)
            permessage-deflate; client_no_context_takeover; client_no_context_takeover | parameter client_no_context_takeover given twice & RFC 7692 §7)
            permessage-deflate, permessage-deflate                         | 2 permessage-deflate elements & RFC 7692 §7)
            permessage-deflate;; permessage-deflate                        | 2 permessage-deflate elements & RFC 7692 §7)
            permessage-deflate; =15                                        | RFC 6455 §9.1
            x-webkit-deflate-frame                                         | x-webkit-deflate-frame & only permessage-deflate was offered
            """)
    void aRefusedAnswerIsOneLineNamingTheParameterAndTheClause(String answer, String expected) throws Exception {
        try (CraftedAnswerServer server = new CraftedAnswerServer(List.of(answer.split(";;\\s*")))) {
            CommandLineRunner result = CommandLineRunner.run("connect", server.url());

            assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
            assertThat(result.err()).startsWith("wslab: ").hasLineCount(1)
                    .contains("refused the WebSocket handshake")
                    .contains(expected.split(" & "))
                    .doesNotContain("Exception", "\tat ");
            assertThat(result.out()).isEmpty();
        }
    }

    @Test
    @DisplayName("RFC 6455 §4.1: an answer naming permessage-deflate though connect --no-deflate offered none")
    void anExtensionThatWasNotOffered() throws Exception {
        try (CraftedAnswerServer server = new CraftedAnswerServer(List.of("permessage-deflate"))) {
            CommandLineRunner result = CommandLineRunner.run("connect", server.url(), "--no-deflate");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).startsWith("wslab: ").hasLineCount(1)
                    .contains("permessage-deflate", "none were offered", "RFC 6455 §4.1").doesNotContain("Exception");
        }
    }

    @Test
    @DisplayName("an unknown --deflate-* option of serve, connect, decode or encode is one line and exit code 2")
    void unknownDeflateOptions() {
        for (String[] args : new String[][] {
                {"serve", "--port", "0", "--deflate-window-bits", "9"},
                {"connect", "ws://127.0.0.1:1/", "--deflate-window-bits", "9"},
                {"connect", "ws://127.0.0.1:1/", "--deflate-level=fast"},
                {"connect", "ws://127.0.0.1:1/", "--deflate-threshold", "1k"},
                {"decode", "--deflate-takeover", "c1 07 f2 48 cd c9 c9 07 00"},
                {"encode", "--text", "x", "--deflate=yes"}}) {
            CommandLineRunner result = CommandLineRunner.run(args);
            String what = String.join(" ", args);
            assertThat(result.exitCode()).as(what).isEqualTo(2);
            assertThat(result.err()).as(what).startsWith("wslab: ").hasLineCount(1).contains("--deflate")
                    .doesNotContain("Exception", "\tat ");
        }
    }
}
