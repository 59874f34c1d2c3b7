package dev.wslab.conformance.deflate;

import dev.wslab.conformance.wire.WireLog;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("the server's messages are read back from the wire log as they crossed the wire")
class ServerMessagesTest {

    private static byte[] hex(String hex) {
        return HexFormat.ofDelimiter(" ").parseHex(hex);
    }

    @Test
    @DisplayName("the 101 and the data messages, compressed or not, fragments joined, control frames left out")
    void readsTheResponseAndTheMessages() {
        WireLog log = new WireLog();
        log.add(WireLog.Direction.SENT, "opening handshake request", "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        log.add(WireLog.Direction.RECEIVED, "opening handshake response", ("HTTP/1.1 101 Switching Protocols\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        // "Hello" compressed (RFC 7692 §7.2.3.1), cut after 3 bytes, RSV1 on the first frame only, a Ping between
        frames.writeBytes(FrameEncoder.encode(Frame.of(Opcode.TEXT, Payload.of(hex("f2 48 cd"))).withFin(false)
                .withReservedBits(true, false, false)));
        frames.writeBytes(FrameEncoder.encode(Frame.ping(Payload.utf8("p"))));
        frames.writeBytes(FrameEncoder.encode(Frame.continuation(Payload.of(hex("c9 c9 07 00")), true)));
        frames.writeBytes(FrameEncoder.encode(Frame.binary(Payload.of(hex("01 02")))));
        byte[] bytes = frames.toByteArray();
        // the reads split a frame header in two
        log.add(WireLog.Direction.RECEIVED, "part of a frame", Arrays.copyOfRange(bytes, 0, 6));
        log.add(WireLog.Direction.RECEIVED, "frames", Arrays.copyOfRange(bytes, 6, bytes.length));

        ServerMessages read = ServerMessages.read(log.entries());

        assertThat(read.response()).hasValueSatisfying(response -> assertThat(response.status()).isEqualTo(101));
        assertThat(read.messages()).hasSize(2);
        assertThat(read.messages().get(0).compressed()).isTrue();
        assertThat(read.messages().get(0).payload()).isEqualTo(hex("f2 48 cd c9 c9 07 00"));
        assertThat(read.messages().get(1).compressed()).isFalse();
        assertThat(read.messages().get(1).payload()).isEqualTo(hex("01 02"));
    }

    @Test
    @DisplayName("without a logged 101 there is nothing to read")
    void noResponse() {
        WireLog log = new WireLog();
        log.note("could not open the connection");
        assertThat(ServerMessages.read(log.entries())).isEqualTo(new ServerMessages(java.util.Optional.empty(), java.util.List.of()));
    }
}
