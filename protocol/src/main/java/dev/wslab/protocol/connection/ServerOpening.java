package dev.wslab.protocol.connection;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.handshake.HandshakeRejection;
import dev.wslab.protocol.handshake.ServerHandshake;
import dev.wslab.protocol.handshake.ServerHandshakeResult;
import dev.wslab.protocol.http.HttpHeadException;
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
    private final HttpHeadParser<HttpRequest> requestParser;
    private Outcome outcome;
    /** The bytes that came after the request head: the client's first frames, read once it is accepted. */
    private ByteBuffer bytesAfterRequest;

    /** Starts reading a client's request within {@code limits}; the connection it opens keeps to them too. */
    public ServerOpening(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.requestParser = HttpHeadParser.forRequest(limits);
    }

    /**
     * Takes bytes read from the network, all of them.
     *
     * @return the outcome once the request head is complete or refused; empty while more bytes are needed
     * @throws IllegalStateException when the opening already has its outcome
     */
    public Optional<Outcome> receive(ByteBuffer bytes) {
        requireNoOutcome();
        Optional<HttpRequest> request;
        try {
            request = requestParser.feed(bytes);
        } catch (HttpHeadException e) {
            return Optional.of(end(new Refused(HandshakeRejection.of(e))));
        }
        if (request.isEmpty()) {
            return Optional.empty();
        }
        // Bytes after the head are the client's first frames: kept until the handshake is accepted.
        bytesAfterRequest = ByteBuffer.allocate(bytes.remaining()).put(bytes).flip();
        return Optional.of(end(new RequestReceived(request.get())));
    }

    /** Tells the opening that the client closed the transport; returns {@link ClosedBeforeRequest}. */
    public ClosedBeforeRequest receiveEof() {
        requireNoOutcome();
        ClosedBeforeRequest closed = new ClosedBeforeRequest();
        outcome = closed;
        return closed;
    }

    /**
     * Returns the connection that {@code accepted} opens (§4.2.2), once its {@code toBytes()} are written:
     * it has read the bytes that followed the request, so take its events and outgoing bytes first. Its
     * first event is {@link Event.Opened}.
     *
     * @throws IllegalStateException when no request was received, or it was already accepted
     */
    public Connection accept(ServerHandshakeResult.Accepted accepted) {
        if (!(outcome instanceof RequestReceived) || bytesAfterRequest == null) {
            throw new IllegalStateException("only a received request can be accepted; the opening is at " + outcome);
        }
        ByteBuffer firstFrames = bytesAfterRequest;
        bytesAfterRequest = null;
        return Connection.afterOpening(Role.SERVER, limits, MaskingKeySource.fixed(0), accepted.subprotocol(),
                firstFrames);
    }

    private Outcome end(Outcome ended) {
        outcome = ended;
        return ended;
    }

    private void requireNoOutcome() {
        if (outcome != null) {
            throw new IllegalStateException("the opening handshake already ended: " + outcome);
        }
    }
}
