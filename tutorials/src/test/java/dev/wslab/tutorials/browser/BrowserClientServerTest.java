package dev.wslab.tutorials.browser;

import dev.wslab.client.ClientOptions;
import dev.wslab.client.WebSocketClient;
import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the browser client's server: static files, pongs with the ping's sequence number, the page's log")
class BrowserClientServerTest {

    @TempDir
    Path dir;

    @Test
    void aPingMessageIsAnsweredWithAPongOfTheSameSequenceNumber() {
        assertThat(AppHeartbeat.pingSeq("{\"type\":\"ping\",\"seq\":42}")).hasValue(42);
        assertThat(AppHeartbeat.pingSeq("{ \"type\": \"ping\", \"seq\": 7 }")).hasValue(7);
        assertThat(AppHeartbeat.pingSeq("{\"type\":\"pong\",\"seq\":42}")).isEmpty();
        assertThat(AppHeartbeat.pingSeq("hello")).isEmpty();
        assertThat(AppHeartbeat.pong(42)).isEqualTo("{\"type\":\"pong\",\"seq\":42}");
    }

    @Test
    void theServerServesThePageAnswersPingsAndReceivesThePageLog() throws Exception {
        BlockingQueue<String> pageLog = new LinkedBlockingQueue<>();
        try (WebSocketServer server = BrowserClientServer.start(0, WebFiles.extract(dir.resolve("web")), pageLog::add);
             HttpClient http = HttpClient.newHttpClient()) {
            for (String name : List.of("client.html", "wslab-client.js")) {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/web/" + name)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).as(name).isEqualTo(200);
                assertThat(page.body()).as(name).contains("ReconnectingWebSocket");
            }

            try (WebSocketSession ws = WebSocketClient.connect(URI.create(server.uri("/ws")), ClientOptions.DEFAULTS)) {
                ws.sendText("{\"type\":\"ping\",\"seq\":41}");
                ws.sendText("hello");
                assertThat(ws.receive()).contains(new Message.Text("{\"type\":\"pong\",\"seq\":41}"));
                assertThat(ws.receive()).contains(new Message.Text("echo: hello"));
            }
            try (WebSocketSession log = WebSocketClient.connect(URI.create(server.uri("/log")), ClientOptions.DEFAULTS)) {
                log.sendText("2026-01-01T00:00:00Z OPEN");
                assertThat(pageLog.poll(10, TimeUnit.SECONDS)).isEqualTo("2026-01-01T00:00:00Z OPEN");
            }
        }
    }
}
