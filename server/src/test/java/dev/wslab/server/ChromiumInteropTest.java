package dev.wslab.server;

import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Event;
import dev.wslab.transport.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our server against a real browser: headless Chromium loads a page from the server's static files,
 * which opens a WebSocket back, exchanges text and a 1 MiB binary message, and reports the outcome
 * (Chromium with permessage-deflate, seen on the wire: the tutorials' {@code ChromiumCompressionTest}).
 * Skipped, visibly, where {@code /usr/bin/chromium} is not installed (CI installs it).
 */
@DisplayName("interop: headless Chromium ↔ WebSocketServer")
class ChromiumInteropTest {

    @TempDir
    Path dir;
    private WebSocketServer server;
    private HeadlessChromium browser;
    private final BlockingQueue<String> results = new LinkedBlockingQueue<>();
    private final CompletableFuture<Event.Closed> end = new CompletableFuture<>();

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPageServedByTheServerEchoesTextAndAOneMebibyteBinaryMessageThroughChromium() throws Exception {
        HeadlessChromium.assumeInstalled();
        server = echoingUntilTheResult(WebSocketServer.builder(), "lab.html");

        browser = HeadlessChromium.open("http://127.0.0.1:" + server.port() + "/static/lab.html", dir);
        String result = results.poll(45, TimeUnit.SECONDS);

        assertThat(result).as("the page's report; Chromium's log:%n%s", browser.log()).isEqualTo("RESULT ok");
        assertThat(end.get(10, TimeUnit.SECONDS).cleanly()).as("Chromium answered our Close").isTrue();
    }

    /** Starts a server that serves {@code page} under /static/ and echoes on /lab until the page's RESULT. */
    private WebSocketServer echoingUntilTheResult(WebSocketServerBuilder builder, String page) throws Exception {
        Path www = Files.createDirectory(dir.resolve("www"));
        try (InputStream in = ChromiumInteropTest.class.getResourceAsStream("/chromium/" + page)) {
            Files.write(www.resolve(page), in.readAllBytes());
        }
        return builder.staticFiles("/static/", www).endpoint("/lab", session -> {
            Optional<Message> message;
            while ((message = session.receive()).isPresent()) {
                if (message.get() instanceof Message.Text(String text) && text.startsWith("RESULT ")) {
                    results.add(text);
                    break;
                }
                session.send(message.get());
            }
            session.close(CloseStatus.NORMAL);
            end.complete(session.closed().get(10, TimeUnit.SECONDS));
        }).start();
    }
}
