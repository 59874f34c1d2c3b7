package dev.wslab.protocol.handshake;

import java.util.List;
import java.util.Optional;

/**
 * SubprotocolSelector picks the subprotocol a server will speak from those a client offered
 * (RFC 6455 §4.2.2, /subprotocol/), or none.
 *
 * <p>It may only pick one of the offered values: {@link ServerHandshake} treats any other answer as a bug
 * and throws, because a client MUST fail a connection whose subprotocol it did not offer (§4.1).
 */
@FunctionalInterface
interface SubprotocolSelector {

    /**
     * Returns the subprotocol to use, chosen from {@code offered}, or empty to use none.
     *
     * @param offered the client's subprotocols in its order of preference; empty when it offered none
     */
    Optional<String> select(List<String> offered);

    /** Returns a selector that never picks a subprotocol. */
    static SubprotocolSelector none() {
        return offered -> Optional.empty();
    }

    /**
     * Returns a selector that picks the first of {@code supported} (the server's order of preference) that
     * the client offered, compared exactly, or none when they share nothing.
     */
    static SubprotocolSelector preferring(List<String> supported) {
        List<String> copy = List.copyOf(supported);
        return offered -> copy.stream().filter(offered::contains).findFirst();
    }
}
