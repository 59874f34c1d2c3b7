package dev.wslab.protocol.connection;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.handshake.ClientHandshake;
import dev.wslab.protocol.handshake.ClientHandshakeResult;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.http.HttpHeadParser;
import dev.wslab.protocol.http.HttpResponse;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * ClientOpening is a client's opening handshake (RFC 6455 §4.1) without I/O, the connection's CONNECTING
 * state: send {@link #request()}, then give it what the socket reads until it returns an {@link Outcome}.
 * {@link ClientHandshake} holds the rules; this reads the response head from bytes split in any way.
 *
 * <p>Not thread-safe; one opening per connection attempt.
 */
public final class ClientOpening {

    /** Outcome is how the opening ended: the connection is {@link Opened}, or the handshake {@link Failed}. */
    public sealed interface Outcome {
    }

    /**
     * Opened says the server's response passed every check of §4.1: the connection is OPEN.
     *
     * @param connection the open connection; it has already read the bytes that came after the response
     *     head (the server's first frames), so take its events and its outgoing bytes first. Its first
     *     event is {@link Event.Opened}.
     * @param accepted the subprotocol in use and the server's 101 response
     */
    public record Opened(Connection connection, ClientHandshakeResult.Accepted accepted) implements Outcome {

        public Opened {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(accepted, "accepted");
        }
    }

    /** Failed says the client MUST fail the WebSocket connection (§4.1), and why; close the transport. */
    public record Failed(HandshakeFailure failure) implements Outcome {

        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }

    private final ClientHandshake handshake;
    private final Limits limits;
    private final MaskingKeySource maskingKeys;
    private final OpeningHead<HttpResponse, Outcome> response;

    /**
     * Starts the opening of {@code handshake}; the connection it opens masks its frames with keys from
     * {@code maskingKeys} and keeps to {@code limits}, the response head included.
     */
    public ClientOpening(ClientHandshake handshake, Limits limits, MaskingKeySource maskingKeys) {
        this.handshake = Objects.requireNonNull(handshake, "handshake");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.maskingKeys = Objects.requireNonNull(maskingKeys, "maskingKeys");
        this.response = new OpeningHead<>(HttpHeadParser.forResponse(limits));
    }

    /** Returns the bytes to send first: the handshake request. */
    public byte[] request() {
        return handshake.request().toBytes();
    }

    /**
     * Takes bytes read from the network, all of them.
     *
     * @return the outcome once the response head is complete or refused; empty while more bytes are needed
     * @throws IllegalStateException when the opening already has its outcome
     */
    public Optional<Outcome> receive(ByteBuffer bytes) {
        // RFC 6455 §4.1: a response that is not valid HTTP fails the connection like a wrong one.
        return response.receive(bytes, this::judge, malformed -> new Failed(HandshakeFailure.malformed(malformed)));
    }

    /** Tells the opening that the server closed the transport before its response head was complete. */
    public Failed receiveEof() {
        return response.receiveEof(new Failed(HandshakeFailure.closedBeforeResponse()));
    }

    private Outcome judge(HttpResponse head, ByteBuffer bytesAfterHead) {
        return switch (handshake.validate(head)) {
            // The bytes after the head are the server's first frames: the open connection reads them.
            case ClientHandshakeResult.Accepted accepted -> new Opened(Connection.afterOpening(Role.CLIENT, limits,
                    maskingKeys, accepted.subprotocol(), accepted.deflate(), bytesAfterHead), accepted);
            case HandshakeFailure failure -> new Failed(failure);
        };
    }
}
