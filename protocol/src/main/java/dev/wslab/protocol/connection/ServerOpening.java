package dev.wslab.protocol.connection;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.handshake.HandshakeRejection;
import dev.wslab.protocol.handshake.ServerHandshake;
import dev.wslab.protocol.handshake.ServerHandshakeResult;
import dev.wslab.protocol.http.HttpHeadParser;
import dev.wslab.protocol.http.HttpRequest;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * ServerOpening is a server's opening handshake (RFC 6455 §4.2) without I/O, the connection's CONNECTING
 * state: give it what the socket reads until it returns an {@link Outcome}. The application judges a
 * {@link RequestReceived} (typically with {@link ServerHandshake#validate}) and writes the answer's
 * {@link ServerHandshakeResult#toBytes()}; if it accepted, {@link #accept} returns the open connection.
 *
 * <p>Not thread-safe; one opening per accepted TCP connection.
 */
public final class ServerOpening {

    /** Outcome is how reading the request ended. */
    public sealed interface Outcome {
    }

    /** RequestReceived is the client's whole request head; answer it, then {@link #accept} it or close. */
    public record RequestReceived(HttpRequest request) implements Outcome {

        public RequestReceived {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * Refused says the bytes are not a request head the server will read (malformed, or over a limit):
     * write {@code rejection.toBytes()} (a 400 or 431) and close the transport (§4.2.1).
     */
    public record Refused(HandshakeRejection rejection) implements Outcome {

        public Refused {
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    /** ClosedBeforeRequest says the client closed the transport before its request head was complete. */
    public record ClosedBeforeRequest() implements Outcome {
    }

    private final Limits limits;
    private final OpeningHead<HttpRequest, Outcome> request;
    /** The bytes that came after the request head: the client's first frames, read once it is accepted. */
    private ByteBuffer bytesAfterRequest;

    /** Starts reading a client's request within {@code limits}; the connection it opens keeps to them too. */
    public ServerOpening(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.request = new OpeningHead<>(HttpHeadParser.forRequest(limits));
    }

    /**
     * Takes bytes read from the network, all of them.
     *
     * @return the outcome once the request head is complete or refused; empty while more bytes are needed
     * @throws IllegalStateException when the opening already has its outcome
     */
    public Optional<Outcome> receive(ByteBuffer bytes) {
        return request.receive(bytes, this::received, malformed -> new Refused(HandshakeRejection.of(malformed)));
    }

    /** Tells the opening that the client closed the transport; returns {@link ClosedBeforeRequest}. */
    public ClosedBeforeRequest receiveEof() {
        return request.receiveEof(new ClosedBeforeRequest());
    }

    private Outcome received(HttpRequest head, ByteBuffer bytesAfterHead) {
        // Bytes after the head are the client's first frames: kept until the handshake is accepted.
        bytesAfterRequest = ByteBuffer.allocate(bytesAfterHead.remaining()).put(bytesAfterHead).flip();
        return new RequestReceived(head);
    }

    /**
     * Returns the connection that {@code accepted} opens (§4.2.2), once its {@code toBytes()} are written:
     * it has read the bytes that followed the request, so take its events and outgoing bytes first. Its
     * first event is {@link Event.Opened}.
     *
     * @throws IllegalStateException when no request was received, or it was already accepted
     */
    public Connection accept(ServerHandshakeResult.Accepted accepted) {
        if (bytesAfterRequest == null) {
            throw new IllegalStateException("only a received request can be accepted, once; the opening is at "
                    + request.outcome().map(Outcome::toString).orElse("no outcome yet"));
        }
        ByteBuffer firstFrames = bytesAfterRequest;
        bytesAfterRequest = null;
        return Connection.afterOpening(Role.SERVER, limits, MaskingKeySource.fixed(0), accepted.subprotocol(),
                accepted.deflate(), firstFrames);
    }
}
