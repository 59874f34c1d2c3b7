package dev.wslab.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("WebSocketServer over TLS (wss://)")
class TlsTest {

    @TempDir
    static Path dir;
    private static Path keystore;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeAll
    static void makeKeystore() throws Exception {
        keystore = TestKeystore.create(dir);
    }

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    private WebSocketServer startTlsEcho() throws Exception {
        WebSocketServer server = WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .tls(keystore, TestKeystore.PASSWORD).start();
        resources.add(server);
        return server;
    }

    private HttpClient client(SSLContext context) {
        HttpClient client = HttpClient.newBuilder().sslContext(context).build();
        resources.add(client);
        return client;
    }

    @Test
    void theJdkClientTrustingTheKeystoreEchoesOverWss() throws Exception {
        WebSocketServer server = startTlsEcho();
        RecordingListener listener = new RecordingListener();

        WebSocket webSocket = client(TestKeystore.trusting(keystore)).newWebSocketBuilder()
                .buildAsync(URI.create(server.uri("/echo")), listener).join();
        resources.add(webSocket::abort);
        webSocket.sendText("secret hello", true).join();
        webSocket.sendBinary(ByteBuffer.wrap(new byte[70_000]), true).join();

        assertThat(server.uri("/echo")).startsWith("wss://127.0.0.1:");
        assertThat(listener.next()).isEqualTo("secret hello");
        assertThat((byte[]) listener.next()).hasSize(70_000);
        webSocket.sendClose(1000, "bye").join();
        assertThat(listener.close().code()).isEqualTo(1000);
    }

    @Test
    void theHealthPathIsServedOverHttps() throws Exception {
        WebSocketServer server = startTlsEcho();

        HttpResponse<String> response = client(TestKeystore.trusting(keystore)).send(HttpRequest.newBuilder(
                URI.create(server.uri("/healthz").replace("wss://", "https://"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotConnect() throws Exception {
        WebSocketServer server = startTlsEcho();

        assertThatThrownBy(() -> client(SSLContext.getDefault()).newWebSocketBuilder()
                .buildAsync(URI.create(server.uri("/echo")), new RecordingListener()).join())
                .hasStackTraceContaining("javax.net.ssl.SSLHandshakeException");
    }

    @Test
    void aWrongKeystorePasswordFailsAtStart() {
        assertThatThrownBy(() -> WebSocketServer.builder().tls(keystore, "wrong").start())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("keystore");
    }
}
