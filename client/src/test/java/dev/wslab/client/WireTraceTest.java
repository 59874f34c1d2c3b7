package dev.wslab.client;

import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.transport.Direction;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("WireTrace")
class WireTraceTest {

    private final StringWriter text = new StringWriter();
    private final WireTrace trace = new WireTrace(new PrintWriter(text),
            Clock.fixed(Instant.parse("2026-01-01T12:00:00.250Z"), ZoneOffset.UTC));

    private static byte[] bytes(String isoLatin1) {
        return isoLatin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    @DisplayName("prints the head as is, then each frame field by field, however the bytes are split")
    void headThenFramesAcrossSplits() {
        byte[] stream = bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"
                + "\u0081\u0005Hello\u0088\u0002\u0003\u00e8");
        for (byte b : stream) {
            trace.handshakeBytes(Direction.INBOUND, new byte[] {b}, 0, 1);
        }

        assertThat(text.toString().lines()).containsExactly(
                "12:00:00.250 < HTTP/1.1 101 Switching Protocols",
                "12:00:00.250 < Upgrade: websocket",
                "12:00:00.250 < ",
                "12:00:00.250 < FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=0 length=5 \"Hello\" [5 bytes]",
                "12:00:00.250 < FIN=1 RSV=000 opcode=0x8 (CLOSE) MASK=0 length=2 1000 (Normal Closure)");
    }

    @Test
    @DisplayName("§5.7 shows a masked frame's key bit and its unmasked payload")
    void maskedFrame() {
        trace.handshakeBytes(Direction.OUTBOUND, bytes("GET / HTTP/1.1\r\n\r\n"), 0, 18);
        byte[] frame = {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};
        trace.bytes(null, Direction.OUTBOUND, frame, 0, frame.length);

        assertThat(text.toString()).contains("> FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=1 length=5 \"Hello\"");
    }

    @Test
    void tracesARealConnectionBothWaysWithItsStateChanges() throws Exception {
        try (EchoServer server = EchoServer.plain()) {
            WebSocketSession session = WebSocketClient.connect(server.uri("/trace"),
                    ClientOptions.DEFAULTS.withObserver(trace));
            session.sendText("echo me");
            assertThat(session.receive()).contains(new Message.Text("echo me"));
            session.close(CloseStatus.NORMAL);
            session.closed().get(10, TimeUnit.SECONDS);
        }

        assertThat(text.toString())
                .contains("> GET /trace HTTP/1.1", "< HTTP/1.1 101 Switching Protocols",
                        "> FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=1 length=7 \"echo me\"",
                        "< FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=0 length=7 \"echo me\"",
                        "> FIN=1 RSV=000 opcode=0x8 (CLOSE) MASK=1 length=2 1000 (Normal Closure)",
                        "state CLOSING", "state CLOSED");
    }
}
