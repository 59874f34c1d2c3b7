package dev.wslab.tutorials.compression;

import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.Message;
import dev.wslab.tutorials.browser.HeadlessChromium;
import dev.wslab.tutorials.debugging.LoopbackCapture;
import dev.wslab.tutorials.debugging.PacketCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * RFC 7692 with a real browser, seen on the wire: headless Chromium loads a page from the server, which
 * accepts its permessage-deflate offer, and sends messages of 1 byte to 1 MiB (text that compresses, binary
 * that does not), each echoed and checked. tcpdump captures the loopback traffic and tshark reads every
 * frame's RSV bits: the first frame of every compressed message has RSV1 set, and no other frame does.
 * The page reports what the 101 agreed ({@code WebSocket.extensions} is the response's
 * Sec-WebSocket-Extensions), and the server's metrics count the same messages.
 * Skipped, visibly, without Chromium, tcpdump or tshark, or without the right to capture.
 */
@DisplayName("Chromium and the server agree on permessage-deflate, and RSV1 marks the compressed messages on the wire")
class ChromiumCompressionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** RSV1, as tshark prints the three RSV bits as a number (RSV1 RSV2 RSV3: 4 2 1). */
    private static final int RSV1 = 4;

    @TempDir
    Path dir;
    private WebSocketServer server;
    private HeadlessChromium browser;
    private final BlockingQueue<String> results = new LinkedBlockingQueue<>();
    private final CompletableFuture<Event.Closed> end = new CompletableFuture<>();

    /** One frame as {@code decode.sh compressed} prints it. */
    private record CapturedFrame(boolean fromServer, int opcode, int rsv) {
        boolean startsAMessage() {
            return opcode == 1 || opcode == 2;
        }
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void chromiumSendsEveryMessageCompressedAndTheServerItsEchoesOfAKibibyteOrMore() throws Exception {
        HeadlessChromium.assumeInstalled();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "skipped: no /usr/bin/tshark (apt-get install tshark)");
        server = echoingUntilTheResult();
        Path pcap = dir.resolve("deflate.pcap");
        List<CapturedFrame> frames;
        try (PacketCapture capture = LoopbackCapture.startOrSkip(server.port(), pcap, TIMEOUT)) {
            browser = HeadlessChromium.open("http://127.0.0.1:" + server.port() + "/static/deflate.html", dir);
            String result = results.poll(90, TimeUnit.SECONDS);
            // deflate.html sends 12 sizes, 1 B to 1 MiB, each as a text and a binary message.
            assertThat(result).as("the page's report; Chromium's log:%n%s", browser.log())
                    .isEqualTo("RESULT ok 24 echoes, extensions: permessage-deflate");
            assertThat(end.get(10, TimeUnit.SECONDS).cleanly()).as("Chromium answered our Close").isTrue();
            capture.stop(TIMEOUT);
            frames = frames(PacketCapture.decode(LoopbackCapture.SCRIPTS, TIMEOUT, "compressed", pcap.toString(),
                    String.valueOf(server.port())));
        }

        List<CapturedFrame> fromChromium = frames.stream().filter(frame -> !frame.fromServer()).toList();
        List<CapturedFrame> fromServer = frames.stream().filter(CapturedFrame::fromServer).toList();
        // Chromium compresses every message once deflate is agreed: the 24, and the RESULT report.
        assertThat(fromChromium.stream().filter(CapturedFrame::startsAMessage).map(CapturedFrame::rsv))
                .as("RSV bits of Chromium's data frames").hasSize(25).containsOnly(RSV1);
        // The server compresses its echoes of 1024 bytes or more (its threshold): 6 sizes, text and binary.
        assertThat(fromServer.stream().filter(CapturedFrame::startsAMessage).filter(frame -> frame.rsv() == RSV1))
                .as("the server's compressed echoes").hasSize(12);
        assertThat(fromServer.stream().filter(CapturedFrame::startsAMessage)).as("the server's echoes").hasSize(24);
        // RFC 7692 §6.1: RSV1 on the first frame only; never on a continuation or a control frame.
        assertThat(frames.stream().filter(frame -> !frame.startsAMessage()).map(CapturedFrame::rsv))
                .as("RSV bits of continuation and control frames").containsOnly(0);

        String metrics = new String(server.metrics().answer().body(), StandardCharsets.UTF_8);
        assertThat(value(metrics, "wslab_deflate_connections_opened_total")).isEqualTo(1);
        assertThat(value(metrics, "wslab_deflate_messages_total{direction=\"in\"}")).isEqualTo(25);
        assertThat(value(metrics, "wslab_deflate_messages_total{direction=\"out\"}")).isEqualTo(12);
        // The texts are one phrase repeated: what Chromium sent shrank, in all, to well under half.
        assertThat(value(metrics, "wslab_deflate_bytes_total{direction=\"in\",form=\"compressed\"}"))
                .isLessThan(value(metrics, "wslab_deflate_bytes_total{direction=\"in\",form=\"uncompressed\"}") * 0.75);
    }

    /** Reads {@code decode.sh compressed}: packet, source port, opcodes and RSV values (comma-separated per packet). */
    private List<CapturedFrame> frames(List<String> lines) {
        List<CapturedFrame> frames = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("frame.number")) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            boolean fromServer = Integer.parseInt(columns[1]) == server.port();
            String[] opcodes = columns[2].split(",");
            String[] rsv = columns[3].split(",");
            for (int i = 0; i < opcodes.length; i++) {
                frames.add(new CapturedFrame(fromServer, Integer.decode(opcodes[i]), Integer.decode(rsv[i])));
            }
        }
        return frames;
    }

    /** Starts a server that compresses, serves deflate.html under /static/ and echoes on /lab until the page's RESULT. */
    private WebSocketServer echoingUntilTheResult() throws IOException {
        Path www = Files.createDirectory(dir.resolve("www"));
        try (InputStream in = ChromiumCompressionTest.class.getResourceAsStream("/chromium/deflate.html")) {
            Files.write(www.resolve("deflate.html"), in.readAllBytes());
        }
        return WebSocketServer.builder().deflate(DeflateOptions.DEFAULTS).staticFiles("/static/", www)
                .endpoint("/lab", session -> {
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
