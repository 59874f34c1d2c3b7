package dev.wslab.conformance.wire;

import dev.wslab.protocol.handshake.ClientHandshakeResult;
import dev.wslab.protocol.http.HttpResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * HandshakeProbe is the server's answer to an opening handshake request the suite sent.
 *
 * @param response the response head, if a valid one arrived
 * @param result how a client judges it (§4.1): accepted, or why not
 * @param connection the open connection, when the handshake was accepted
 * @param suiteGaveUp whether the server neither answered nor closed in time, so the suite closed the connection
 */
public record HandshakeProbe(Optional<HttpResponse> response, ClientHandshakeResult result,
                             Optional<WireConnection> connection, boolean suiteGaveUp) implements AutoCloseable {

    /** An answer, or a connection the server closed. */
    public HandshakeProbe(Optional<HttpResponse> response, ClientHandshakeResult result,
                          Optional<WireConnection> connection) {
        this(response, result, connection, false);
    }

    @Override
    public void close() throws IOException {
        if (connection.isPresent()) {
            connection.get().close();
        }
    }
}
