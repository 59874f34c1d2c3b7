package dev.wslab.server;

import dev.wslab.client.ClientOptions;
import dev.wslab.client.WebSocketClient;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.deflate.MessageDeflater;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("WebSocketServer: permessage-deflate metrics (RFC 7692), scraped from a real server after a real exchange")
class DeflateMetricsTest {

    /** 2 400 bytes of one phrase: well above the 1 KiB threshold, and very compressible. */
    private static final String TEXT = "compress me ".repeat(200);

    @Test
    void countsConnectionsThatAgreedAndTheBytesBeforeAndAfterCompressionBothWays() throws Exception {
        byte[] binary = new byte[64 * 1024];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i % 251 % 7);
        }
        // The client and the server both compress with zlib's default level and keep their window (context
        // takeover), so each side's compressed messages are exactly what this deflater makes of them, in order.
        int compressed;
        try (MessageDeflater same = new MessageDeflater(DirectionSettings.DEFAULT, DeflateOptions.DEFAULTS.compressionLevel())) {
            compressed = same.compress(TEXT.getBytes(StandardCharsets.UTF_8)).length + same.compress(binary).length;
        }
        long uncompressed = TEXT.length() + binary.length;

        try (WebSocketServer server = WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .deflate(DeflateOptions.DEFAULTS).start();
             HttpClient http = HttpClient.newHttpClient()) {
            // The JDK's client offers no extension: a connection without compression, counted apart.
            WebSocket plain = http.newWebSocketBuilder().buildAsync(URI.create(server.uri("/echo")),
                    new RecordingListener()).join();
            WebSocketSession session = WebSocketClient.connect(URI.create(server.uri("/echo")), ClientOptions.DEFAULTS);
            session.sendText(TEXT);
            session.sendBinary(Payload.of(binary));
            session.sendText("hi"); // under the threshold: goes uncompressed both ways, not counted below
            assertThat(session.receive()).contains(new Message.Text(TEXT));
            assertThat(session.receive()).contains(new Message.Binary(Payload.of(binary)));
            assertThat(session.receive()).contains(new Message.Text("hi"));
            String open = scrapeUntil(server, http, body -> value(body, "wslab_deflate_messages_total{direction=\"out\"}") >= 2
                    && value(body, "wslab_connections_active") == 2);

            assertThat(value(open, "wslab_connections_opened_total")).isEqualTo(2);
            assertThat(value(open, "wslab_deflate_connections_opened_total")).isEqualTo(1);
            assertThat(value(open, "wslab_deflate_connections_active")).isEqualTo(1);
            for (String direction : new String[] {"in", "out"}) {
                assertThat(value(open, "wslab_deflate_messages_total{direction=\"" + direction + "\"}")).as(direction).isEqualTo(2);
                assertThat(value(open, "wslab_deflate_bytes_total{direction=\"" + direction + "\",form=\"uncompressed\"}"))
                        .as(direction).isEqualTo(uncompressed);
                assertThat(value(open, "wslab_deflate_bytes_total{direction=\"" + direction + "\",form=\"compressed\"}"))
                        .as(direction).isEqualTo(compressed);
            }
            assertThat(compressed).as("the counts are of real compression").isLessThan((int) uncompressed / 10);

            session.close(CloseStatus.NORMAL);
            session.closed().get(10, TimeUnit.SECONDS);
            plain.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
            String closed = scrapeUntil(server, http, body -> value(body, "wslab_connections_active") == 0);
            assertThat(value(closed, "wslab_deflate_connections_active")).isZero();
            assertThat(value(closed, "wslab_deflate_connections_opened_total")).isEqualTo(1);
        }
    }

    private static String scrapeUntil(WebSocketServer server, HttpClient http, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String body = scrape(server, http);
        while (!condition.test(body) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            body = scrape(server, http);
        }
        return body;
    }

    private static String scrape(WebSocketServer server, HttpClient http) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                server.uri("/metrics").replace("ws://", "http://"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static double value(String body, String series) {
        return body.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElse(0.0);
    }
}
