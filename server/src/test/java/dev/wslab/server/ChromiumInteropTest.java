package dev.wslab.server;

import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.transport.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
 * which opens a WebSocket back, exchanges text and a 1 MiB binary message, and reports the outcome;
 * then the same with permessage-deflate agreed.
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

    /**
     * RFC 7692 with a real browser: Chromium offers permessage-deflate, the server accepts, and messages of
     * 1 byte to 1 MiB (text that compresses, binary that does not) come back intact. The page reports what the
     * 101 agreed ({@code WebSocket.extensions} is the response's Sec-WebSocket-Extensions); the server's
     * metrics, counted by the connection's compression as it reads RSV1 frames and writes them, show that
     * compressed frames went both ways.
     */
    @Test
    void chromiumNegotiatesPermessageDeflateAndMessagesOfOneByteToOneMebibyteGoCompressedBothWays() throws Exception {
        HeadlessChromium.assumeInstalled();
        server = echoingUntilTheResult(WebSocketServer.builder().deflate(DeflateOptions.DEFAULTS), "deflate.html");

        browser = HeadlessChromium.open("http://127.0.0.1:" + server.port() + "/static/deflate.html", dir);
        String result = results.poll(90, TimeUnit.SECONDS);

        // deflate.html sends 12 sizes, 1 B to 1 MiB, each as a text and a binary message.
        assertThat(result).as("the page's report; Chromium's log:%n%s", browser.log())
                .isEqualTo("RESULT ok 24 echoes, extensions: permessage-deflate");
        assertThat(end.get(10, TimeUnit.SECONDS).cleanly()).as("Chromium answered our Close").isTrue();
        String metrics = new String(server.metrics().answer().body(), StandardCharsets.UTF_8);
        assertThat(value(metrics, "wslab_deflate_connections_opened_total")).isEqualTo(1);
        // Chromium compresses every message once deflate is agreed: the 24, and the RESULT report.
        assertThat(value(metrics, "wslab_deflate_messages_total{direction=\"in\"}")).isEqualTo(25);
        // The server compresses its echoes of 1024 bytes or more (its threshold): 6 sizes, text and binary.
        assertThat(value(metrics, "wslab_deflate_messages_total{direction=\"out\"}")).isEqualTo(12);
        // The texts are one phrase repeated: what Chromium sent shrank, in all, to well under half.
        assertThat(value(metrics, "wslab_deflate_bytes_total{direction=\"in\",form=\"compressed\"}"))
                .isLessThan(value(metrics, "wslab_deflate_bytes_total{direction=\"in\",form=\"uncompressed\"}") * 0.75);
        assertThat(value(metrics, "wslab_deflate_bytes_total{direction=\"out\",form=\"compressed\"}")).isPositive();
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

    private static double value(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElse(0.0);
    }
}
