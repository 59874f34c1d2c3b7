package dev.wslab.cli;

import dev.wslab.server.ReferenceServer;
import dev.wslab.server.WebSocketServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("wslab conform")
class ConformCommandTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("with no URL it tests the embedded reference server and writes every report")
    void embeddedServerByDefault() throws Exception {
        CommandLineRunner result = CommandLineRunner.run("conform", "--time-scale", "3", "--cases", "1.*,2.*", "--report-dir", dir.toString());
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("testing the embedded reference server").contains("27 cases against")
                .contains("total                        27            27");
        assertThat(dir.resolve("index.html")).exists();
        assertThat(dir.resolve("junit.xml")).content().contains("tests=\"27\"").contains("failures=\"0\"");
        assertThat(dir.resolve("index.json")).content().contains("\"wslab\"").contains("\"2.10\"");
        assertThat(dir.resolve("wslab_case_2_10.json")).exists();
    }

    @Test
    @DisplayName("--probes adds section 20 to the pool, so --cases can pick probes alone")
    void probesAreSelectedLikeAnyOtherCase() throws Exception {
        CommandLineRunner result = CommandLineRunner.run("conform", "--probes", "--cases", "20.16,20.24",
                "--report-dir", dir.toString());
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("2 cases against");
        assertThat(dir.resolve("junit.xml")).content().contains("tests=\"2\"").contains("20.16").contains("20.24");

        CommandLineRunner withoutProbes = CommandLineRunner.run("conform", "--cases", "20.16", "--report-dir", dir.toString());
        assertThat(withoutProbes.exitCode()).isEqualTo(1);
        assertThat(withoutProbes.err().strip()).startsWith("wslab: ").contains("20.16").doesNotContain("\n");
    }

    @Test
    @DisplayName("a baseline makes the run fail only on a change (7.1.* has one deterministic non-OK verdict)")
    void baseline() throws Exception {
        try (WebSocketServer server = ReferenceServer.start()) {
            Path accepted = dir.resolve("accepted.json");
            CommandLineRunner first = CommandLineRunner.run("conform", server.uri("/"), "--time-scale", "3", "--cases", "7.1.*",
                    "--report-dir", dir.resolve("r1").toString(), "--write-baseline", accepted.toString());
            assertThat(first.exitCode()).isZero();
            assertThat(accepted).content().contains("\"7.1.6\" : \"INFORMATIONAL\"");
            CommandLineRunner same = CommandLineRunner.run("conform", server.uri("/"), "--time-scale", "3", "--cases", "7.1.*",
                    "--report-dir", dir.resolve("r2").toString(), "--baseline", accepted.toString());
            assertThat(same.exitCode()).isZero();
            assertThat(same.out()).contains("no change against the baseline");
            Files.writeString(accepted, "{\"7.1.6\": \"OK\"}");
            CommandLineRunner changed = CommandLineRunner.run("conform", server.uri("/"), "--time-scale", "3", "--cases", "7.1.*",
                    "--report-dir", dir.resolve("r3").toString(), "--baseline", accepted.toString());
            assertThat(changed.exitCode()).isEqualTo(1);
            assertThat(changed.out()).contains("7.1.6: OK in the baseline, INFORMATIONAL now");
        }
    }

    @Test
    @DisplayName("Autobahn's fuzzingclient spec.json is read as it is")
    void autobahnSpec() throws Exception {
        try (WebSocketServer server = ReferenceServer.start()) {
            Path spec = dir.resolve("fuzzingclient.json");
            Files.writeString(spec, """
                    {"outdir": "%s", "servers": [{"agent": "MyServer", "url": "%s"}],
                     "cases": ["1.1.*", "10*"], "exclude-cases": ["1.1.8", "12.*", "13.*"], "exclude-agent-cases": {}}
                    """.formatted(dir.resolve("out").toString().replace("\\", "/"), server.uri("/")));
            CommandLineRunner result = CommandLineRunner.run("conform", "--spec", spec.toString());
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("8 cases against");
            assertThat(dir.resolve("out/index.json")).content().contains("\"MyServer\"").contains("\"10.1.1\"")
                    .doesNotContain("\"1.1.8\"");
        }
    }

    @Test
    void badArgumentsAreOneLine() {
        CommandLineRunner pattern = CommandLineRunner.run("conform", "ws://127.0.0.1:1/", "--cases", "1*");
        assertThat(pattern.exitCode()).isEqualTo(1);
        assertThat(pattern.err().strip()).isEqualTo("wslab: '1*' is not a case pattern: use ids such as 6.4.3,"
                + " or a section followed by .* such as 6.* or 6.4.*");
        CommandLineRunner url = CommandLineRunner.run("conform", "http://example.com/");
        assertThat(url.exitCode()).isEqualTo(1);
        assertThat(url.err()).startsWith("wslab: ").doesNotContain("Exception");
    }

    @Test
    @DisplayName("a probe's policy miss is UNSAFE, listed apart: exit 0, or 3 with --fail-on-unsafe; 'none' records it")
    void unsafeProbes() throws Exception {
        // The embedded server pings every 20 s: a stated 1 s idle timeout is missed (the probe waits 2 s).
        CommandLineRunner reported = CommandLineRunner.run("conform", "--probes", "--cases", "20.23",
                "--expect-idle-timeout", "1s", "--report-dir", dir.resolve("r1").toString());
        assertThat(reported.exitCode()).as(reported.out() + reported.err()).isZero();
        assertThat(reported.out()).contains("UNSAFE: 1 robustness probe missed a policy")
                .contains("--expect-idle-timeout").doesNotContain("FAILED  ");
        assertThat(dir.resolve("r1/junit.xml")).content().contains("failures=\"0\"").contains("20.23 UNSAFE");
        assertThat(dir.resolve("r1/wslab_case_20_23.json")).content().contains("\"behaviorClose\" : \"UNSAFE\"")
                .contains("\"assumedPolicy\"");

        CommandLineRunner failing = CommandLineRunner.run("conform", "--probes", "--cases", "20.23",
                "--expect-idle-timeout", "1s", "--fail-on-unsafe", "--report-dir", dir.resolve("r2").toString());
        assertThat(failing.exitCode()).isEqualTo(3);
        assertThat(dir.resolve("r2/junit.xml")).content().contains("failures=\"1\"").contains("type=\"UNSAFE\"");

        CommandLineRunner none = CommandLineRunner.run("conform", "--probes", "--cases", "20.23",
                "--expect-idle-timeout", "none", "--fail-on-unsafe", "--report-dir", dir.resolve("r3").toString());
        assertThat(none.exitCode()).as(none.out()).isZero();
        assertThat(none.out()).contains("INFORMATIONAL").doesNotContain("UNSAFE:");
    }

    @Test
    @DisplayName("a stated limit that cannot be read is one line and exit code 2")
    void badExpectations() {
        CommandLineRunner size = CommandLineRunner.run("conform", "--probes", "--expect-max-message", "16XB");
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.err().lines()).singleElement().asString().startsWith("wslab: ").contains("'16XB' is not a size")
                .contains("--expect-max-message").doesNotContain("Exception");
        CommandLineRunner timeout = CommandLineRunner.run("conform", "--probes", "--expect-idle-timeout", "30x");
        assertThat(timeout.exitCode()).isEqualTo(2);
        assertThat(timeout.err().lines()).singleElement().asString().contains("'30x' is not a timeout");
        CommandLineRunner count = CommandLineRunner.run("conform", "--probes", "--expect-max-fragments", "-1");
        assertThat(count.exitCode()).isEqualTo(2);
        assertThat(count.err().lines()).singleElement().asString().contains("'-1' is not a count");
        CommandLineRunner withoutProbes = CommandLineRunner.run("conform", "--expect-max-message", "16MiB");
        assertThat(withoutProbes.exitCode()).isEqualTo(2);
        assertThat(withoutProbes.err().lines()).singleElement().asString().contains("add --probes");
    }

    @Test
    @DisplayName("a server that cannot be reached fails every case with the reason, exit code 1")
    void unreachableServer() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CommandLineRunner result = CommandLineRunner.run("conform", "ws://127.0.0.1:" + port + "/", "--cases", "1.1.1",
                "--report-dir", dir.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("1.1.1").contains("FAILED").contains("could not start");
    }
}
