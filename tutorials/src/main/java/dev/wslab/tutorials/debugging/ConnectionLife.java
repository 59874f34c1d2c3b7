package dev.wslab.tutorials.debugging;

import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * ConnectionLife is one connection as a server's transition log tells it: when it started CONNECTING, when
 * (if ever) it became OPEN, when it was CLOSED and why.
 *
 * @param remote the client's address and port, which tell one connection's lines from another's
 * @param connecting when the server accepted TCP
 * @param opened when the handshake completed; empty if it never did
 * @param closed when it ended; empty while it lasts
 * @param closeDetail the reason logged with CLOSED; empty while it lasts
 */
public record ConnectionLife(SocketAddress remote, Instant connecting, Optional<Instant> opened,
                             Optional<Instant> closed, String closeDetail) {

    /**
     * Returns how long the connection stayed in CONNECTING: until OPEN, or until CLOSED when the handshake
     * never completed; empty while it is still connecting.
     */
    public Optional<Duration> connectingFor() {
        return opened.or(() -> closed).map(end -> Duration.between(connecting, end));
    }

    /** Returns how long it stayed OPEN, if it opened and ended. */
    public Optional<Duration> openFor() {
        return opened.flatMap(open -> closed.map(end -> Duration.between(open, end)));
    }
}
