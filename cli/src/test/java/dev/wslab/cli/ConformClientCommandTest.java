package dev.wslab.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("wslab conform-client: Autobahn's fuzzingserver URL protocol, from the command line")
class ConformClientCommandTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a driver counts the cases, runs one with an echoing client, and has the reports written and the server stopped")
    void aDriverRunsACaseAndStopsTheServer() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Path reports = dir.resolve("reports");
        Thread.ofPlatform().name("conform-client-under-test").start(() -> exit.complete(Main.run(
                new PrintWriter(out, true), new PrintWriter(err, true), "conform-client", "--port", "0",
                "--cases", "1.1.*", "--report-dir", reports.toString())));
        int port = CommandLineRunner.awaitPort(out, Pattern.compile("cases on ws://127\\.0\\.0\\.1:(\\d+)/"));
        HttpClient http = HttpClient.newHttpClient();

        // /getCaseCount: one text message, the number of cases selected (1.1.1 to 1.1.8).
        CompletableFuture<String> count = new CompletableFuture<>();
        http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/getCaseCount"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        count.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        assertThat(count.get(10, TimeUnit.SECONDS)).isEqualTo("8");

        // /runCase?case=1: 1.1.1, an empty text message the client echoes; the server then closes.
        CompletableFuture<Integer> closedWith = new CompletableFuture<>();
        http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/runCase?case=1&agent=jdk"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        webSocket.request(1);
                        return webSocket.sendText(data, last);
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closedWith.complete(statusCode);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        assertThat(closedWith.get(10, TimeUnit.SECONDS)).isEqualTo(1000);

        // /updateReports with shutdownOnComplete: the reports are written, and the command ends with 0.
        http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port
                + "/updateReports?agent=jdk&shutdownOnComplete=true"), new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS);
        assertThat(exit.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("case 1.1.1 (1/8) jdk: OK");
        assertThat(Files.readString(reports.resolve("index.json"))).contains("\"jdk\"").contains("\"1.1.1\"");
    }

    @Test
    @DisplayName("a malformed spec file, or a port out of range, gets one line and exit code 2")
    void badInputGetsOneLine() throws Exception {
        Path spec = Files.writeString(dir.resolve("fuzzingserver.json"), "{\"url\": \"ws://127.0.0.1:9001\",");
        CommandLineRunner malformed = CommandLineRunner.run("conform-client", "--spec", spec.toString());
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err().strip()).startsWith("wslab conform-client: ").contains("is not valid JSON")
                .doesNotContain("\n").doesNotContain("Exception");

        CommandLineRunner port = CommandLineRunner.run("conform-client", "--port", "70000");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.err().strip()).isEqualTo("wslab conform-client: --port must be 0 to 65535, got 70000");
    }
}
