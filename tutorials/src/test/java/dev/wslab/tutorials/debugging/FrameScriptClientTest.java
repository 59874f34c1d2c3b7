package dev.wslab.tutorials.debugging;

import dev.wslab.client.ClientObserver;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.transport.Direction;
import dev.wslab.server.Endpoints;
import dev.wslab.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The frame-script client against the real echo server, without a packet capture. */
@DisplayName("FrameScriptClient")
class FrameScriptClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private WebSocketServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = WebSocketServer.builder().endpoint("/echo", Endpoints.echo()).start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Keeps the handshake's bytes as the observer is shown them. */
    private static final class HandshakeRecorder implements ClientObserver {
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        @Override
        public void handshakeBytes(Direction direction, byte[] bytes, int offset, int length) {
            (direction == Direction.INBOUND ? received : sent).write(bytes, offset, length);
        }
    }

    @Test
    @DisplayName("opens, shows the observer the handshake both ways, and plays the known exchange")
    void playsTheKnownExchange() throws IOException {
        HandshakeRecorder recorder = new HandshakeRecorder();
        try (FrameScriptClient client = FrameScriptClient.connect(URI.create(server.uri("/echo")), recorder, TIMEOUT)) {
            List<Frame> received = KnownExchange.play(client);
            assertThat(received).extracting(Frame::opcode).containsExactly(Opcode.TEXT.code(),
                    Opcode.BINARY.code(), Opcode.TEXT.code(), Opcode.PONG.code(), Opcode.CLOSE.code());
        }
        assertThat(recorder.sent.toString(StandardCharsets.ISO_8859_1)).startsWith("GET /echo HTTP/1.1\r\n");
        assertThat(recorder.received.toString(StandardCharsets.ISO_8859_1))
                .startsWith("HTTP/1.1 101 Switching Protocols\r\n");
    }

    @Test
    void aRefusedHandshakeIsAnIOExceptionThatSaysWhy() {
        assertThatThrownBy(() -> FrameScriptClient.connect(URI.create(server.uri("/nowhere")), ClientObserver.NONE,
                TIMEOUT)).isInstanceOf(IOException.class).hasMessageContaining("handshake refused")
                .hasMessageContaining("404");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI uri = URI.create("ws://127.0.0.1:" + silent.getLocalPort() + "/");
            assertThatThrownBy(() -> FrameScriptClient.connect(uri, ClientObserver.NONE, Duration.ofMillis(300)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }
}
