package dev.wslab.cli;

import dev.wslab.protocol.handshake.AcceptKey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A real server socket on 127.0.0.1 that answers each WebSocket handshake with a 101 that is right in every
 * respect (Upgrade, Connection, the Sec-WebSocket-Accept of the client's key) but its
 * {@code Sec-WebSocket-Extensions} lines, which the test writes; then it waits for the client to hang up.
 */
final class CraftedAnswerServer implements AutoCloseable {

    private final ServerSocket listener;

    /** Starts the server; each of {@code extensionLines} becomes one {@code Sec-WebSocket-Extensions} line. */
    CraftedAnswerServer(List<String> extensionLines) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("crafted-101").start(() -> {
            while (!listener.isClosed()) {
                try (Socket socket = listener.accept()) {
                    answer(socket, extensionLines);
                } catch (IOException e) {
                    // the listener was closed, or the client hung up: either way, nothing more to do
                }
            }
        });
    }

    private static void answer(Socket socket, List<String> extensionLines) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.write(b);
        }
        String key = head.toString(StandardCharsets.ISO_8859_1).lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst().orElse("");
        StringBuilder response = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + AcceptKey.of(key) + "\r\n");
        extensionLines.forEach(line -> response.append("Sec-WebSocket-Extensions: ").append(line).append("\r\n"));
        socket.getOutputStream().write(response.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        in.transferTo(OutputStream.nullOutputStream()); // until the client, which must refuse the answer, hangs up
    }

    /** Returns the ws:// URL of the server. */
    String url() {
        return "ws://127.0.0.1:" + listener.getLocalPort() + "/";
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
