package dev.wslab.server;

import dev.wslab.client.ClientOptions;
import dev.wslab.client.WebSocketClient;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.handshake.ClientHandshakeOptions;
import dev.wslab.transport.Direction;
import dev.wslab.transport.Message;
import dev.wslab.transport.SessionObserver;
import dev.wslab.transport.WebSocketSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("WebSocketServer with deflate(...): accepts permessage-deflate offers (RFC 7692) and compresses")
class DeflateServerTest {

    /** Records what the client reads from its socket: the server's frames, never masked. */
    private static final class InboundBytes implements SessionObserver {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void bytes(WebSocketSession session, Direction direction, byte[] data, int offset, int length) {
            if (direction == Direction.INBOUND) {
                bytes.write(data, offset, length);
            }
        }

        synchronized byte[] taken() {
            return bytes.toByteArray();
        }
    }

    private static ClientOptions offeringDeflate(InboundBytes observer) {
        return ClientOptions.DEFAULTS.withHandshake(ClientHandshakeOptions.NONE.withDeflate(
                DeflateOptions.DEFAULTS.withMinimumSize(0))).withObserver(observer);
    }

    @Test
    void anEchoOfACompressibleMessageComesBackCompressedWithRsv1Set() throws Exception {
        String message = "compress me ".repeat(200); // 2 400 bytes of one repeated phrase
        try (WebSocketServer server = WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .deflate(DeflateOptions.DEFAULTS).start()) {
            byte[] wire = echoReadByTheClient(server, message);
            // The first byte of the echo: 0xC1 = FIN, RSV1 (compressed, RFC 7692 §6), opcode 1 (text).
            assertThat(wire[0] & 0xff).isEqualTo(0xC1);
            // The second: no mask bit, and a 7-bit length: the 2 400 bytes went over in fewer than 126.
            assertThat(wire[1] & 0xff).isLessThan(126);
        }
    }

    @Test
    void withoutTheOptionTheServerDeclinesAndEchoesUncompressed() throws Exception {
        String message = "compress me ".repeat(200);
        try (WebSocketServer server = WebSocketServer.builder().endpoint("/echo", Endpoints.echo()).start()) {
            byte[] wire = echoReadByTheClient(server, message);
            // 0x81 = FIN, no RSV1, opcode 1 (text); 0x7E = no mask, a 16-bit length follows (2 400 bytes).
            assertThat(wire[0] & 0xff).isEqualTo(0x81);
            assertThat(wire[1] & 0xff).isEqualTo(0x7E);
        }
    }

    /** Sends {@code message} from a client that offers permessage-deflate; returns the bytes the client read. */
    private static byte[] echoReadByTheClient(WebSocketServer server, String message) throws Exception {
        InboundBytes inbound = new InboundBytes();
        WebSocketSession session = WebSocketClient.connect(URI.create(server.uri("/echo")), offeringDeflate(inbound));
        session.sendText(message);
        assertThat(session.receive()).contains(new Message.Text(message));
        session.close(CloseStatus.NORMAL);
        session.closed().get();
        return inbound.taken();
    }
}
