package dev.wslab.client;

import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.transport.Direction;
import dev.wslab.transport.Message;
import dev.wslab.transport.SessionObserver;
import dev.wslab.transport.WebSocketSession;
import io.undertow.Undertow;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.extensions.PerMessageDeflateHandshake;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** wslab's client against Undertow's server with its permessage-deflate extension (RFC 7692) turned on. */
@DisplayName("interop: WebSocketClient ↔ Undertow with permessage-deflate: compressed both ways")
class UndertowDeflateTest {

    /** One frame's header as it went over the wire. */
    private record WireFrame(boolean rsv1, int opcode, long payloadLength) {
    }

    /** Records the bytes the client reads and writes (frames only: the handshake is not passed on). */
    private static final class Wire implements SessionObserver {
        private final ByteArrayOutputStream inbound = new ByteArrayOutputStream();
        private final ByteArrayOutputStream outbound = new ByteArrayOutputStream();

        @Override
        public synchronized void bytes(WebSocketSession session, Direction direction, byte[] data, int offset, int length) {
            (direction == Direction.INBOUND ? inbound : outbound).write(data, offset, length);
        }

        synchronized List<WireFrame> frames(Direction direction) {
            return parse((direction == Direction.INBOUND ? inbound : outbound).toByteArray());
        }
    }

    /** Splits bytes into frame headers by RFC 6455 §5.2: FIN RSV1-3 opcode, MASK and the 7/16/64-bit length. */
    private static List<WireFrame> parse(byte[] wire) {
        List<WireFrame> frames = new ArrayList<>();
        int at = 0;
        while (at + 2 <= wire.length) {
            boolean rsv1 = (wire[at] & 0x40) != 0;
            int opcode = wire[at] & 0x0f;
            boolean masked = (wire[at + 1] & 0x80) != 0;
            long length = wire[at + 1] & 0x7f;
            at += 2;
            if (length == 126) {
                length = ((wire[at] & 0xff) << 8) | (wire[at + 1] & 0xff);
                at += 2;
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | (wire[at + i] & 0xff);
                }
                at += 8;
            }
            at += (masked ? 4 : 0) + (int) length;
            frames.add(new WireFrame(rsv1, opcode, length));
        }
        return frames;
    }

    /** Undertow's echo, with {@code PerMessageDeflateHandshake} added to its handshake handler. */
    private static Undertow startUndertow() {
        WebSocketConnectionCallback echo = (exchange, channel) -> {
            channel.getReceiveSetter().set(new AbstractReceiveListener() {
                @Override
                protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) {
                    WebSockets.sendText(message.getData(), ch, null);
                }

                @Override
                protected void onFullBinaryMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
                    try (var data = message.getData()) {
                        WebSockets.sendBinary(data.getResource(), ch, null);
                    }
                }
            });
            channel.resumeReceives();
        };
        var handler = new WebSocketProtocolHandshakeHandler(echo)
                .addExtension(new PerMessageDeflateHandshake(false, 6)); // false: the server side
        Undertow undertow = Undertow.builder().setIoThreads(1).setWorkerThreads(2)
                .addHttpListener(0, "127.0.0.1").setHandler(handler).build();
        undertow.start();
        return undertow;
    }

    @Test
    void textAndBinaryMessagesGoCompressedAndComeBackCompressedAndIntact() throws Exception {
        Undertow undertow = startUndertow();
        try {
            int port = ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
            Wire wire = new Wire();
            ClientOptions options = ClientOptions.DEFAULTS.withDeflate(DeflateOptions.DEFAULTS.withMinimumSize(0))
                    .withObserver(wire);
            WebSocketSession session = WebSocketClient.connect(URI.create("ws://127.0.0.1:" + port + "/"), options);

            List<String> texts = List.of("compress me ".repeat(200), "{\"id\": 7, \"name\": \"wslab\"}".repeat(2000));
            for (String text : texts) {
                session.sendText(text);
                assertThat(session.receive()).contains(new Message.Text(text));
            }
            byte[] binary = "0123456789abcdef".repeat(4096).getBytes(StandardCharsets.US_ASCII); // 64 KiB
            session.sendBinary(Payload.of(binary));
            assertThat(session.receive()).hasValueSatisfying(message ->
                    assertThat(((Message.Binary) message).data().toByteArray()).isEqualTo(binary));
            session.close(CloseStatus.NORMAL);
            assertThat(session.closed().get().cleanly()).isTrue();

            // The client compressed each message (RSV1, RFC 7692 §6) and Undertow inflated it: the echoes match.
            List<WireFrame> sent = wire.frames(Direction.OUTBOUND).stream().filter(f -> f.opcode() != 0x8).toList();
            assertThat(sent).hasSize(3).allMatch(WireFrame::rsv1);
            assertThat(sent.get(1).payloadLength()).isLessThan(texts.get(1).length() / 10);
            // Undertow compressed its echoes: RSV1 on each message's first frame, far fewer bytes than the text.
            List<WireFrame> echoed = wire.frames(Direction.INBOUND).stream()
                    .filter(f -> f.opcode() == 0x1 || f.opcode() == 0x2).toList();
            assertThat(echoed).hasSize(3).allMatch(WireFrame::rsv1);
            assertThat(echoed.get(1).payloadLength()).isLessThan(texts.get(1).length() / 10);
        } finally {
            undertow.stop();
        }
    }
}
