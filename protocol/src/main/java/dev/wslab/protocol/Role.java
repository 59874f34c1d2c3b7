package dev.wslab.protocol;

/**
 * Role says which end of the connection this endpoint is. The roles differ in masking (§5.1, §5.3):
 * a client masks every frame it sends, a server never does, and each side fails the connection when
 * the peer breaks that rule. They also differ in who opens the handshake and who closes TCP first.
 */
public enum Role {
    CLIENT,
    SERVER;

    /** Returns the role of the other end of the connection. */
    public Role peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }

    /** Tells whether frames sent by an endpoint of this role are masked (RFC 6455 §5.1). */
    public boolean masksFrames() {
        return this == CLIENT;
    }
}
