package dev.wslab.conformance.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wslab.protocol.Rule;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.handshake.AcceptKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455 §5.5.1: after its Close frame an endpoint sends nothing more. The suite's own decoder stops at
 * the server's Close, as a receiver should, so the wire connection must still notice frames that follow it.
 */
@DisplayName("WireConnection: a frame after the server's Close")
class FrameAfterCloseTest {

    private static final Pattern KEY = Pattern.compile("Sec-WebSocket-Key: (\\S+)", Pattern.CASE_INSENSITIVE);

    @Test
    void isReportedAsTheServerBreakingFrameAfterClose() throws Exception {
        assertThat(observeServerThatSends(Frame.close(CloseStatus.NORMAL), Frame.text("too late")).serverViolation())
                .hasValueSatisfying(violation -> assertThat(violation.rule()).isEqualTo(Rule.FRAME_AFTER_CLOSE));
    }

    @Test
    void aSecondCloseIsRecordedAsAControlFrameNotAViolation() throws Exception {
        // a failing Close, then Netty 4.1's 1000 "Bye": §5.5.1 forbids only data frames after a Close
        Observation seen = observeServerThatSends(Frame.close(CloseStatus.of(CloseCode.PROTOCOL_ERROR)),
                Frame.close(CloseStatus.of(CloseCode.NORMAL_CLOSURE, "Bye")));
        assertThat(seen.serverViolation()).isEmpty();
        assertThat(seen.controlFrameAfterClose()).hasValueSatisfying(frame -> assertThat(frame).contains("CLOSE"));
    }

    @Test
    void isNotReportedWhenTheServerStopsAtItsClose() throws Exception {
        assertThat(observeServerThatSends(Frame.text("in time"), Frame.close(CloseStatus.NORMAL)).serverViolation())
                .isEmpty();
    }

    /** A raw server: accepts the handshake, writes the frames, then closes TCP. */
    private static Observation observeServerThatSends(Frame... frames) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try (Socket socket = listener.accept()) {
                    String key = readKey(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + AcceptKey.of(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    for (Frame frame : frames) {
                        out.write(FrameEncoder.encode(frame));
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            URI uri = URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/");
            try (WireConnection connection = WireConnection.open(Target.of(uri), new WireLog())) {
                server.get();
                assertThat(connection.awaitTcpClosed(Duration.ofSeconds(10))).isTrue();
                return connection.observation();
            }
        }
    }

    private static String readKey(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed before the end of its handshake");
            }
            head.write(b);
        }
        Matcher key = KEY.matcher(head.toString(StandardCharsets.US_ASCII));
        if (!key.find()) {
            throw new IOException("no Sec-WebSocket-Key in " + head);
        }
        return key.group(1);
    }
}
