package dev.wslab.conformance.wire;

/** HandshakeFailedException says the server refused the opening handshake, or answered it wrongly. */
public final class HandshakeFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    public HandshakeFailedException(String message) {
        super(message, null, false, false);
    }
}
