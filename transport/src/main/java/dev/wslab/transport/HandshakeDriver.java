package dev.wslab.transport;

import dev.wslab.protocol.connection.ClientOpening;
import dev.wslab.protocol.connection.ServerOpening;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * HandshakeDriver runs the sans-I/O opening handshake ({@link ClientOpening}, {@link ServerOpening}) over a
 * blocking socket: it reads until the opening has its outcome, the peer closes, or the {@link Deadline}
 * passes. The one read loop of the opening handshake, for clients and servers alike.
 *
 * <p>It writes nothing but a client's request: the caller acts on the outcome (writes the server's answer,
 * writes the replies of the open connection, starts a {@link WebSocketSession}, or closes the socket). It
 * leaves the socket's SO_TIMEOUT as it found it.
 */
public final class HandshakeDriver {

    /** Small: a server holds one per connection still in its handshake, slow ones included. */
    private static final int READ_BUFFER_SIZE = 4096;

    /** Reading is where reading the handshake ended: at the opening's {@link Ended outcome}, or {@link TimedOut}. */
    public sealed interface Reading<O> {
    }

    /** Ended carries the opening's outcome; the peer closing the transport is one of them. */
    public record Ended<O>(O outcome) implements Reading<O> {
    }

    /** TimedOut says the deadline passed before the head was complete. */
    public record TimedOut<O>() implements Reading<O> {
    }

    private HandshakeDriver() {
    }

    /**
     * Writes the client's request, then reads the server's response until it is judged (RFC 6455 §4.1).
     *
     * @throws IOException when the socket fails
     */
    public static Reading<ClientOpening.Outcome> awaitResponse(Socket socket, ClientOpening opening, Deadline deadline,
                                                               HandshakeTap tap) throws IOException {
        byte[] request = opening.request();
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        tap.sent(request, 0, request.length);
        return read(socket, deadline, tap, opening::receive, opening::receiveEof);
    }

    /**
     * Reads a client's request until its head is complete or refused (RFC 6455 §4.2.1).
     *
     * @throws IOException when the socket fails
     */
    public static Reading<ServerOpening.Outcome> awaitRequest(Socket socket, ServerOpening opening, Deadline deadline)
            throws IOException {
        return read(socket, deadline, HandshakeTap.NONE, opening::receive, opening::receiveEof);
    }

    private static <O> Reading<O> read(Socket socket, Deadline deadline, HandshakeTap tap,
                                       Function<ByteBuffer, Optional<? extends O>> receive,
                                       Supplier<? extends O> receiveEof) throws IOException {
        int timeoutBefore = socket.getSoTimeout();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[READ_BUFFER_SIZE];
        try {
            while (true) {
                int count;
                try {
                    socket.setSoTimeout(deadline.socketTimeoutMillis());
                    count = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    return new TimedOut<>();
                }
                if (count < 0) {
                    return new Ended<>(receiveEof.get());
                }
                tap.received(buffer, 0, count);
                Optional<? extends O> outcome = receive.apply(ByteBuffer.wrap(buffer, 0, count));
                if (outcome.isPresent()) {
                    return new Ended<>(outcome.get());
                }
            }
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(timeoutBefore);
            }
        }
    }
}
