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
    @DisplayName("RFC 7692: once the heads agreed on permessage-deflate, compressed frames show RSV1, the wire size and what they inflate to")
    void compressedFramesAfterAnAgreement() {
        byte[] request = bytes("GET / HTTP/1.1\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n");
        trace.handshakeBytes(Direction.OUTBOUND, request, 0, request.length);
        // §7.2.3.1 "Hello" in two fragments: 41 = not final, RSV1, text, 3 bytes f2 48 cd; 80 = final continuation,
        // RSV1 clear, 4 bytes c9 c9 07 00. Then §7.2.3.2: c1 = final, RSV1, text, 5 bytes f2 00 11 00 00, a
        // second "Hello" that copies the first from the window (context takeover).
        byte[] response = bytes("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n"
                + "\u0041\u0003\u00f2\u0048\u00cd\u0080\u0004\u00c9\u00c9\u0007\u0000"
                + "\u00c1\u0005\u00f2\u0000\u0011\u0000\u0000");
        trace.handshakeBytes(Direction.INBOUND, response, 0, response.length);

        assertThat(text.toString().lines()).contains(
                "12:00:00.250 < FIN=0 RSV=100 opcode=0x1 (TEXT) MASK=0 length=3 f2 48 cd [3 bytes] inflated: \"He\" [2 bytes]", // the bits of "l" run into the next byte
                "12:00:00.250 < FIN=1 RSV=000 opcode=0x0 (CONTINUATION) MASK=0 length=4 c9 c9 07 00 [4 bytes]"
                        + " inflated: \"llo\" [3 bytes], message inflated to 5 bytes",
                "12:00:00.250 < FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=0 length=5 f2 00 11 00 00 [5 bytes]"
                        + " inflated: \"Hello\" [5 bytes]");
    }

    @Test
    @DisplayName("RFC 7692: without an agreement (the server declined), nothing is inflated")
    void noAgreementNoInflation() {
        byte[] request = bytes("GET / HTTP/1.1\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n");
        trace.handshakeBytes(Direction.OUTBOUND, request, 0, request.length);
        // c1 07 f2 48 cd c9 c9 07 00: §7.2.3.1's compressed "Hello", sent though nothing was agreed.
        byte[] response = bytes("HTTP/1.1 101 Switching Protocols\r\n\r\n"
                + "\u00c1\u0007\u00f2\u0048\u00cd\u00c9\u00c9\u0007\u0000");
        trace.handshakeBytes(Direction.INBOUND, response, 0, response.length);

        assertThat(text.toString()).contains("< FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=0 length=7 f2 48 cd c9 c9 07 00 [7 bytes]")
                .doesNotContain("inflated");
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
