package dev.wslab.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("wslab properties")
class PropertiesCommandTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("against the embedded server both properties hold, and the seed is printed for a rerun")
    void embeddedServerHoldsBothProperties() {
        CommandLineRunner result = CommandLineRunner.run("properties", "--examples", "10", "--seed", "42",
                "--time-scale", "3", "--report-dir", dir.toString());
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("seed 42").contains("ECHOES_VALID_CONVERSATIONS: held for 10 examples")
                .contains("FAILS_BROKEN_CONVERSATIONS: held for 10 examples").contains("all 2 properties held");
    }

    @Test
    void badArgumentsAreOneLine() {
        CommandLineRunner result = CommandLineRunner.run("properties", "--examples", "many");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("wslab: ").doesNotContain("Exception");
    }
}
