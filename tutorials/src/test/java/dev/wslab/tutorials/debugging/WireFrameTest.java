package dev.wslab.tutorials.debugging;

import dev.wslab.transport.Direction;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("WireFrame reads the trace's and tshark's lines into the same frames")
class WireFrameTest {

    private static final int SERVER_PORT = 39923;

    @Test
    @DisplayName("one tshark line per packet; a packet with two frames lists each column's values with commas")
    void tsharkLines() {
        List<WireFrame> frames = WireFrame.fromTshark(List.of(
                "frame.number\tframe.time_relative\ttcp.srcport\twebsocket.fin\twebsocket.opcode\twebsocket.mask\twebsocket.payload_length",
                "8\t0.007446000\t38056\t1\t1\t1\t5",
                "12\t0.011073000\t38056\t0,1\t1,0\t1,1\t4,4",
                "19\t0.017918000\t39923\tTrue\t8\tFalse\t2"), SERVER_PORT);

        assertThat(frames).extracting(WireFrame::toString).containsExactly(
                "> FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=1 length=5",
                "> FIN=0 RSV=000 opcode=0x1 (TEXT) MASK=1 length=4",
                "> FIN=1 RSV=000 opcode=0x0 (CONTINUATION) MASK=1 length=4",
                "< FIN=1 RSV=000 opcode=0x8 (CLOSE) MASK=0 length=2");
    }

    @Test
    @DisplayName("WireTrace lines: frames only, the handshake and state lines skipped")
    void traceLines() {
        List<WireFrame> frames = WireFrame.fromTrace(List.of(
                "17:43:44.502 > GET /echo HTTP/1.1",
                "17:43:44.509 > FIN=0 RSV=000 opcode=0x1 (TEXT) MASK=1 length=4 \"frag\" [4 bytes]",
                "17:43:44.516 < FIN=1 RSV=000 opcode=0xA (PONG) MASK=0 length=4 \"tick\" [4 bytes]",
                "17:43:44.520   state CLOSED"));

        assertThat(frames).containsExactly(new WireFrame(Direction.OUTBOUND, false, 1, true, 4),
                new WireFrame(Direction.INBOUND, true, 10, false, 4));
    }

    @Test
    @DisplayName("a length of 126 or 127 is only the marker of an extended length: refused, not misread")
    void extendedLength() {
        assertThatThrownBy(() -> WireFrame.fromTshark(List.of("8\t0.1\t38056\t1\t2\t1\t126"), SERVER_PORT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extended");
    }
}
