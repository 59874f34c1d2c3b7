package dev.wslab.transport;

/** Direction is which way bytes crossed the socket: read from the peer, or written to it. */
public enum Direction {

    /** Read from the socket: sent by the peer. */
    INBOUND,

    /** Written to the socket: sent by this endpoint. */
    OUTBOUND
}
