package dev.wslab.server;

import dev.wslab.protocol.deflate.DeflateOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("WebSocketServer with deflate(options): accepts permessage-deflate (RFC 7692) and inflates what it receives")
class ServerDeflateTest {

    private static final String OFFER = "Sec-WebSocket-Extensions: permessage-deflate";

    @Test
    void aServerWithDeflateAcceptsTheOfferAndEchoesACompressedMessage() throws Exception {
        try (WebSocketServer server = WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .deflate(DeflateOptions.DEFAULTS).start();
             Socket socket = open(server.port())) {
            String head = readHead(socket.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("\r\nSec-WebSocket-Extensions: permessage-deflate");

            // RFC 7692 §7.2.3.1, masked with the key 00 00 00 00 (so the payload reads as sent):
            // c1 = FIN + RSV1 ("Per-Message Compressed") + text; 87 = masked, length 7;
            // f2 48 cd c9 c9 07 00 = "Hello" compressed, the 00 00 ff ff tail removed.
            socket.getOutputStream().write(new byte[] {(byte) 0xc1, (byte) 0x87, 0, 0, 0, 0,
                    (byte) 0xf2, 0x48, (byte) 0xcd, (byte) 0xc9, (byte) 0xc9, 0x07, 0x00});

            // 81 05 "Hello": FIN + text, unmasked, length 5; below the 1024-byte threshold, so sent uncompressed
            assertThat(socket.getInputStream().readNBytes(7))
                    .containsExactly(0x81, 0x05, 'H', 'e', 'l', 'l', 'o');
        }
    }

    @Test
    void aServerWithoutDeflateDeclinesTheOfferAndTheHandshakeStillSucceeds() throws Exception {
        try (WebSocketServer server = WebSocketServer.builder().endpoint("/echo", Endpoints.echo()).start();
             Socket socket = open(server.port())) {
            String head = readHead(socket.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
        }
    }

    @Test
    void theReferenceServerAcceptsPermessageDeflate() throws Exception {
        try (WebSocketServer server = ReferenceServer.start(); Socket socket = open(server.port())) {
            assertThat(readHead(socket.getInputStream())).containsIgnoringCase("\r\nSec-WebSocket-Extensions: permessage-deflate");
        }
    }

    private static Socket open(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(RawHttp.upgradeRequest("/echo", OFFER).getBytes(StandardCharsets.ISO_8859_1));
        return socket;
    }

    /** Reads the response head up to and including the blank line, and nothing after it. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
