package dev.wslab.conformance;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.connection.Connection;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.handshake.ServerHandshake;
import dev.wslab.transport.Message;
import dev.wslab.transport.SessionObserver;
import dev.wslab.transport.SessionOptions;
import dev.wslab.transport.WebSocketSession;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A minimal echo server on the protocol core and transport, for the suite's own tests. */
final class SmokeEchoServer implements AutoCloseable {

    private final ServerSocket listener;

    SmokeEchoServer() throws IOException {
        listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            Connection connection = Connection.server(Limits.DEFAULTS.withMaxMessageSize(64 << 20));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            List<Event> initial = new ArrayList<>();
            while (connection.state() == dev.wslab.protocol.connection.ConnectionState.CONNECTING) {
                int count = in.read(buffer);
                if (count < 0) {
                    socket.close();
                    return;
                }
                connection.receive(java.nio.ByteBuffer.wrap(buffer, 0, count));
                for (Event event : connection.takeEvents()) {
                    if (event instanceof Event.HandshakeRequested requested) {
                        connection.respond(ServerHandshake.create().validate(requested.request()));
                        initial.addAll(connection.takeEvents());
                    }
                }
                socket.getOutputStream().write(connection.takeOutgoingBytes());
            }
            if (connection.state() != dev.wslab.protocol.connection.ConnectionState.OPEN) {
                socket.close();
                return;
            }
            WebSocketSession session = WebSocketSession.start(socket, connection, Optional.empty(), initial,
                    SessionOptions.DEFAULTS.withHeartbeat(java.time.Duration.ZERO, java.time.Duration.ZERO)
                            .withMaxQueuedBytes(256L << 20), SessionObserver.NONE);
            Optional<Message> message;
            while ((message = session.receive()).isPresent()) {
                try {
                    session.send(message.get());
                } catch (IllegalStateException closing) {
                    // the peer started closing meanwhile
                }
            }
        } catch (IOException | InterruptedException e) {
            // connection ended
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
