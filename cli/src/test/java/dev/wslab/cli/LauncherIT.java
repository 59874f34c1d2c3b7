package dev.wslab.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the real {@code ./wslab} script, as a user would, after the build packaged the jar. */
@DisplayName("the ./wslab launcher")
class LauncherIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    record Run(int exitCode, String out, String err) {
    }

    private static Run wslab(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("wslab").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("wslab", ".out");
        Path err = Files.createTempFile("wslab", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("./wslab finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheSubcommandsWithoutRebuilding() throws Exception {
        Run run = wslab(Map.of(), "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("decode", "encode", "accept-key", "./wslab lab");
        assertThat(run.err()).as("the jar packaged by this build is up to date").doesNotContain("building");
    }

    @Test
    @DisplayName("finds a JDK 21+ even when JAVA_HOME points to an older one")
    void findsAModernJdkWhateverJavaHomeSays() throws Exception {
        Path oldJdk = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        Map<String, String> environment = Files.isDirectory(oldJdk) ? Map.of("JAVA_HOME", oldJdk.toString()) : Map.of();
        Run run = wslab(environment, "decode", "81 85 37 fa 21 3d 7f 9f 4d 51 58");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("text message: \"Hello\"");
    }

    @Test
    void labListsTheTutorialsLabsAndRefusesAnUnknownOneInOneLine() throws Exception {
        Run list = wslab(Map.of(), "lab");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("zombie", "storm", "proxies", "capture", "close-codes");
        Run unknown = wslab(Map.of(), "lab", "no-such-lab");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip()).startsWith("wslab: no lab named 'no-such-lab'").doesNotContain("\n");
    }

    @Test
    void badInputIsOneLineAndNonZero() throws Exception {
        Run run = wslab(Map.of(), "decode", "zz");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("wslab: ").doesNotContain("\n");
    }
}
