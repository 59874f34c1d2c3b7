package dev.wslab.client;

import dev.wslab.protocol.handshake.AcceptKey;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw TCP server on 127.0.0.1, port 0, that does exactly what a test tells it to with each accepted
 * socket: answer the handshake wrongly, never answer, accept and then go silent, drop the connection.
 */
final class FakeServer implements AutoCloseable {

    /** What the server does with one accepted connection; {@code index} counts connections from 0. */
    interface Behaviour {
        void handle(Socket socket, int index) throws Exception;
    }

    private final ServerSocket listener;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    FakeServer(Behaviour behaviour) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().name("fake-server").start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    accepted.add(socket);
                    int index = connections.getAndIncrement();
                    Thread.ofVirtual().start(() -> {
                        try {
                            behaviour.handle(socket, index);
                        } catch (Exception e) {
                            // the test decides what matters; a broken socket here is usually intended
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + path);
    }

    int connections() {
        return connections.get();
    }

    /** Reads the request head up to its blank line and returns it. */
    static String readRequestHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream inside the request head");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Returns the value of the request's Sec-WebSocket-Key. */
    static String key(String head) {
        return head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElseThrow();
    }

    /** Reads the request and answers 101 with the right Sec-WebSocket-Accept. */
    static void accept(Socket socket) throws IOException {
        String head = readRequestHead(socket);
        write(socket, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + AcceptKey.of(key(head)) + "\r\n\r\n");
    }

    static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Reads and discards everything until the client closes. */
    static void drain(Socket socket) throws IOException {
        socket.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
