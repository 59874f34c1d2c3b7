package dev.wslab.server;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Event;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Our server against the JDK's own client, java.net.http.WebSocket (wss:// is in {@link TlsTest}). */
@DisplayName("interop: java.net.http.WebSocket client ↔ WebSocketServer")
class JdkClientInteropTest {

    private final CompletableFuture<Event.Closed> serverSideEnd = new CompletableFuture<>();
    private WebSocketServer server;
    private HttpClient client;
    private WebSocket webSocket;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() throws Exception {
        server = WebSocketServer.builder()
                .endpoint("/echo", Endpoints.echo())
                .endpoint("/watch", session -> {
                    Endpoints.echo().handle(session);
                    serverSideEnd.complete(session.closed().get(10, TimeUnit.SECONDS));
                })
                .endpoint("/kick", JdkClientInteropTest::kickOnRequest)
                .start();
        client = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        if (webSocket != null) {
            webSocket.abort();
        }
        client.close();
        server.close();
    }

    private static void kickOnRequest(WebSocketSession session) throws InterruptedException {
        Optional<Message> message;
        while ((message = session.receive()).isPresent()) {
            if (message.get() instanceof Message.Text(String text) && text.startsWith("kick ")) {
                session.close(CloseStatus.of(CloseCode.of(Integer.parseInt(text.substring(5))), "kicked"));
            }
        }
    }

    private WebSocket connect(String path) {
        webSocket = client.newWebSocketBuilder().buildAsync(URI.create(server.uri(path)), listener).join();
        return webSocket;
    }

    @Test
    void textMessagesIncludingNonAsciiComeBackIntact() throws Exception {
        connect("/echo");

        webSocket.sendText("héllo wörld ✓ 😀", true).join();

        assertThat(listener.next()).isEqualTo("héllo wörld ✓ 😀");
    }

    @Test
    void aFragmentedTextMessageComesBackWhole() throws Exception {
        connect("/echo");

        webSocket.sendText("frag", false).join();
        webSocket.sendText("ment", false).join();
        webSocket.sendText("ed", true).join();

        assertThat(listener.next()).isEqualTo("fragmented");
    }

    @Test
    void aOneMebibyteBinaryMessageComesBackByteForByte() throws Exception {
        connect("/echo");
        byte[] data = new byte[1 << 20];
        new Random(6455).nextBytes(data);

        webSocket.sendBinary(ByteBuffer.wrap(data), true).join();

        byte[] echoed = (byte[]) listener.next();
        assertThat(echoed.length).isEqualTo(data.length);
        assertThat(Arrays.mismatch(echoed, data)).as("index of the first differing byte").isEqualTo(-1);
        webSocket.sendText("still open?", true).join();
        assertThat(listener.next()).as("the connection survives a message of the maximum size").isEqualTo("still open?");
    }

    @Test
    void aPingIsAnsweredWithAPongCarryingTheSamePayload() throws Exception {
        connect("/echo");

        webSocket.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8))).join();

        ByteBuffer pong = listener.pongs.poll(10, TimeUnit.SECONDS);
        assertThat(pong).isNotNull();
        assertThat(StandardCharsets.UTF_8.decode(pong).toString()).isEqualTo("are you there");
    }

    @Test
    void aCloseFromTheClientIsEchoedAndTheServerSeesAClean1000() throws Exception {
        connect("/watch");

        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();

        assertThat(listener.close().code()).isEqualTo(1000);
        Event.Closed end = serverSideEnd.get(10, TimeUnit.SECONDS);
        assertThat(end.cleanly()).isTrue();
        assertThat(end.received()).isEqualTo(CloseStatus.of(CloseCode.NORMAL_CLOSURE, "bye"));
    }

    @Test
    void aCloseFromTheServerReachesTheClientWithItsCodeAndReason() throws Exception {
        connect("/kick");

        webSocket.sendText("kick 4321", true).join();

        assertThat(listener.close()).isEqualTo(new RecordingListener.Close(4321, "kicked"));
    }
}
