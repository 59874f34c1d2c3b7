package dev.wslab.cli;

import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.Message;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("wslab properties")
class PropertiesCommandTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("against the embedded server all four properties hold, the seed is printed for a rerun, and the reports are written")
    void embeddedServerHoldsBothProperties() {
        CommandLineRunner result = CommandLineRunner.run("properties", "--examples", "10", "--seed", "42",
                "--time-scale", "3", "--report-dir", dir.toString());
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("seed 42").contains("ECHOES_VALID_CONVERSATIONS: held for 10 examples")
                .contains("FAILS_BROKEN_CONVERSATIONS: held for 10 examples")
                .contains("ECHOES_COMPRESSED_CONVERSATIONS: held for 10 examples")
                .contains("FAILS_BROKEN_COMPRESSED_CONVERSATIONS: held for 10 examples").contains("all 4 properties held")
                .contains("reports: " + dir.resolve("index.html"));
        assertThat(dir.resolve("index.html")).content().contains("30 Properties", "30.1", "30.2", "30.3", "30.4");
        assertThat(dir.resolve("junit.xml")).content().contains("tests=\"4\" failures=\"0\"");
        assertThat(dir.resolve("index.json")).content().contains("\"30.1\"", "\"30.2\"", "\"30.3\"", "\"30.4\"");
    }

    /** A server that breaks the echo property at once: every message comes back twice. */
    private static WebSocketServer doublingServer() throws IOException {
        return WebSocketServer.builder().port(0).defaultEndpoint(session -> {
            Optional<Message> message;
            while ((message = session.receive()).isPresent()) {
                session.send(message.get());
                session.send(message.get());
            }
        }).start();
    }

    @Test
    @DisplayName("a failure is shrunk, saved and reported; --replay runs the saved case again: 1 where it fails, 0 where it passes")
    void failureSavedThenReplayed() throws Exception {
        Path saved;
        try (WebSocketServer doubling = doublingServer()) {
            CommandLineRunner run = CommandLineRunner.run("properties", doubling.uri("/"), "--examples", "5", "--seed", "7",
                    "--time-scale", "3", "--report-dir", dir.toString());
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
            assertThat(run.out()).contains("ECHOES_VALID_CONVERSATIONS: FAILED (seed 7), shrunk to ")
                    .contains("replayable case: ").contains("2 of 4 properties FAILED") // the echoes before a violation too
                    .contains("ECHOES_COMPRESSED_CONVERSATIONS (30.3): not applicable: the server declined")
                    .contains("(2 not applicable)"); // it does not compress: RFC 7692 §5 lets it decline
            assertThat(dir.resolve("junit.xml")).content().contains("tests=\"4\" failures=\"2\"");
            assertThat(dir.resolve("index.html")).content().contains("FAILED");
            try (Stream<Path> files = Files.list(dir)) {
                saved = files.filter(f -> f.getFileName().toString().startsWith("property-echoes_valid_conversations"))
                        .findFirst().orElseThrow();
            }

            CommandLineRunner again = CommandLineRunner.run("properties", "--replay", saved.toString(), doubling.uri("/"),
                    "--time-scale", "3");
            assertThat(again.exitCode()).as(again.out() + again.err()).isEqualTo(1);
            assertThat(again.out()).contains("replaying " + saved).contains("ECHOES_VALID_CONVERSATIONS")
                    .contains("  > ").contains("FAILED: expected the echoes");
        }

        CommandLineRunner fixed = CommandLineRunner.run("properties", "--replay", saved.toString(), "--time-scale", "3");
        assertThat(fixed.exitCode()).as(fixed.out() + fixed.err()).isZero();
        assertThat(fixed.out()).contains("embedded reference server").contains("PASSED: the property holds");
    }

    @Test
    @DisplayName("a missing or malformed case file is one line on stderr and exit code 2")
    void badCaseFiles() throws IOException {
        CommandLineRunner missing = CommandLineRunner.run("properties", "--replay", dir.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("wslab: no case file at " + dir.resolve("nope.json") + System.lineSeparator());

        Path notACase = Files.writeString(dir.resolve("other.json"), "{\"hello\": 1}");
        CommandLineRunner malformed = CommandLineRunner.run("properties", "--replay", notACase.toString());
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).startsWith("wslab: cannot replay: " + notACase + " is not a wslab property case")
                .doesNotContain("Exception").hasLineCount(1);
        assertThat(malformed.out()).isEmpty();
    }

    @Test
    void badArgumentsAreOneLine() {
        CommandLineRunner result = CommandLineRunner.run("properties", "--examples", "many");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("wslab: ").doesNotContain("Exception");

        CommandLineRunner kind = CommandLineRunner.run("properties", "--violations", "NO_SUCH_RULE");
        assertThat(kind.exitCode()).isEqualTo(2);
        assertThat(kind.err()).startsWith("wslab: ").contains("UNMASKED_CLIENT_FRAME");
    }
}
