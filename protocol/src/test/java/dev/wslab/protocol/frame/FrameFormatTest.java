package dev.wslab.protocol.frame;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.deflate.Inflated;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("FrameFormat: the one text form of a frame, its header's fields in the order of §5.2")
class FrameFormatTest {

    @Test
    @DisplayName("the §5.7 masked \"Hello\": every header field, the payload unmasked, no masking key")
    void maskedText() {
        Frame hello = Frame.text("Hello").maskedWith(0x37fa213d);

        assertThat(FrameFormat.frame(hello)).isEqualTo("FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=1 length=5 \"Hello\" [5 bytes]");
        assertThat(hello).hasToString(FrameFormat.frame(hello));
    }

    @Test
    @DisplayName("a fragment with a reserved bit and a reserved opcode shows the bits as they are")
    void brokenHeader() {
        FrameHeader header = new FrameHeader(false, true, false, true, 0xB, false, 0, 3);

        assertThat(FrameFormat.header(header)).isEqualTo("FIN=0 RSV=101 opcode=0xB (RESERVED(0xB)) MASK=0 length=3");
        assertThat(header).hasToString(FrameFormat.header(header));
    }

    @Test
    @DisplayName("a Close body shows as its code and reason; an invalid one as its bytes")
    void closeBodies() {
        assertThat(FrameFormat.frame(Frame.close(CloseStatus.of(CloseCode.NORMAL_CLOSURE, "bye"))))
                .isEqualTo("FIN=1 RSV=000 opcode=0x8 (CLOSE) MASK=0 length=5 1000 (Normal Closure) \"bye\"");
        Frame code999 = Frame.of(Opcode.CLOSE, Payload.of((byte) 0x03, (byte) 0xE7)); // 999: not a code (§7.4)
        assertThat(FrameFormat.frame(code999)).isEqualTo("FIN=1 RSV=000 opcode=0x8 (CLOSE) MASK=0 length=2 03 e7 [2 bytes]");
    }

    @Test
    @DisplayName("RFC 7692: a compressed frame shows its wire bytes, then what they inflated to, or why they did not")
    void compressedFrames() {
        Frame hello = Frame.of(Opcode.TEXT, Payload.hex("f248cdc9c90700")) // RFC 7692 §7.2.3.1: "Hello", tail removed
                .withReservedBits(true, false, false);
        Inflated fiveBytes = new Inflated.Bytes("Hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThat(FrameFormat.compressedFrame(hello, fiveBytes, 5)).isEqualTo(
                "FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=0 length=7 f2 48 cd c9 c9 07 00 [7 bytes] inflated: \"Hello\" [5 bytes]");
        // The last of several frames also gives the whole message's size.
        Frame last = Frame.continuation(Payload.hex("c9c90700"), true); // the last 4 of those 7 bytes: "llo"
        assertThat(FrameFormat.compressedFrame(last, new Inflated.Bytes(new byte[] {'l', 'l', 'o'}), 5))
                .endsWith("inflated: \"llo\" [3 bytes], message inflated to 5 bytes");
        assertThat(FrameFormat.compressedFrame(hello, new Inflated.Corrupt("invalid block type"), 0))
                .endsWith("[7 bytes] cannot be inflated: invalid block type");
        assertThat(FrameFormat.compressedFrame(hello, new Inflated.TooBig(4), 0))
                .endsWith("[7 bytes] inflates past 4 bytes (stopped there)");
    }
}
