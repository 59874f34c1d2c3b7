package dev.wslab.protocol.connection;

/**
 * ConnectionState is where a connection is in its life, named as RFC 6455 §4.1 and §7.1 name it.
 *
 * <pre>
 *  CONNECTING --handshake accepted--> OPEN --Close sent or received--> CLOSING --both Close frames--> CLOSED
 *       |                               |                                 |
 *       +--handshake failed-------------+--failed or transport ended------+-----------------------> CLOSED
 * </pre>
 */
// tag::states[]
public enum ConnectionState {
    /** The opening handshake is in progress (§4.1), in a {@link ClientOpening} or {@link ServerOpening}; no frame may be sent yet. */
    CONNECTING,
    /** The handshake succeeded: messages flow both ways (§4.1 "_The WebSocket Connection is Established_"). */
    OPEN,
    /** One Close frame was sent or received; the other is awaited (§7.1.3 "_The WebSocket Closing Handshake is Started_"). */
    CLOSING,
    /** Both Close frames were exchanged, the connection was failed, or the transport ended; the transport should be closed (§7.1.4). */
    CLOSED
}
// end::states[]
