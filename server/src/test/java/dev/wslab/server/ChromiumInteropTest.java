package dev.wslab.server;

import dev.wslab.protocol.connection.Event;
import dev.wslab.transport.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our server against a real browser: headless Chromium loads a page from the server's static files,
 * which opens a WebSocket back, exchanges text and a 1 MiB binary message, and reports the outcome.
 * Skipped, visibly, where {@code /usr/bin/chromium} is not installed (CI installs it).
 */
@DisplayName("interop: headless Chromium ↔ WebSocketServer")
class ChromiumInteropTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;
    private WebSocketServer server;
    private Process browser;

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly();
            browser.waitFor(10, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPageServedByTheServerEchoesTextAndAOneMebibyteBinaryMessageThroughChromium() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: " + CHROMIUM + " is not installed (apt-get install -y chromium)");
        Path www = Files.createDirectory(dir.resolve("www"));
        try (InputStream page = ChromiumInteropTest.class.getResourceAsStream("/chromium/lab.html")) {
            Files.write(www.resolve("lab.html"), page.readAllBytes());
        }
        BlockingQueue<String> results = new LinkedBlockingQueue<>();
        CompletableFuture<Event.Closed> end = new CompletableFuture<>();
        server = WebSocketServer.builder().staticFiles("/static/", www).endpoint("/lab", session -> {
            Optional<Message> message;
            while ((message = session.receive()).isPresent()) {
                if (message.get() instanceof Message.Text(String text) && text.startsWith("RESULT ")) {
                    results.add(text);
                    break;
                }
                session.send(message.get());
            }
            session.close(dev.wslab.protocol.close.CloseStatus.NORMAL);
            end.complete(session.closed().get(10, TimeUnit.SECONDS));
        }).start();

        browser = startChromium("http://127.0.0.1:" + server.port() + "/static/lab.html");
        String result = results.poll(45, TimeUnit.SECONDS);

        assertThat(result).as("the page's report; Chromium's log:%n%s", chromiumLog()).isEqualTo("RESULT ok");
        assertThat(end.get(10, TimeUnit.SECONDS).cleanly()).as("Chromium answered our Close").isTrue();
    }

    private Process startChromium(String url) throws IOException {
        Path profile = Files.createDirectory(dir.resolve("profile"));
        return new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, url))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile())
                .start();
    }

    private String chromiumLog() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("chromium.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
