package dev.wslab.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends a request over a plain socket and reads the whole answer until the server closes: exact bytes, no client magic. */
final class RawHttp {

    /** A key from RFC 6455 §1.3. */
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    /** The answer: status code, head text, body. */
    record Answer(int status, String head, String body) {
        boolean hasHeader(String nameAndValue) {
            return head.toLowerCase().contains("\r\n" + nameAndValue.toLowerCase() + "\r\n");
        }
    }

    private RawHttp() {
    }

    static String upgradeRequest(String path, String... extraHeaderLines) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n");
        for (String line : extraHeaderLines) {
            request.append(line).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    static String plainGet(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    /** Sends {@code request} and reads until the server closes (10 s at most). */
    static Answer send(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return parse(readAll(socket.getInputStream()));
        }
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    static Answer parse(byte[] bytes) {
        String all = new String(bytes, StandardCharsets.UTF_8);
        int end = all.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no whole HTTP head in: " + all);
        }
        String head = all.substring(0, end + 2);
        return new Answer(Integer.parseInt(head.substring(9, 12)), head, all.substring(end + 4));
    }

    /** Opens a WebSocket by hand: sends the handshake and reads the 101 head; the caller then owns the socket. */
    static Socket openWebSocket(int port, String path) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(upgradeRequest(path).getBytes(StandardCharsets.ISO_8859_1));
        StringBuilder head = new StringBuilder();
        InputStream in = socket.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                socket.close();
                throw new IOException("closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("not accepted: " + head);
        }
        return socket;
    }
}
