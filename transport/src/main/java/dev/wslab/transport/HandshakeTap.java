package dev.wslab.transport;

/**
 * HandshakeTap is shown every byte of the opening handshake as {@link HandshakeDriver} writes and reads
 * it, e.g. for a wire trace. A read may hold the end of the head and the peer's first frames.
 */
public interface HandshakeTap {

    /** Shows nothing. */
    HandshakeTap NONE = new HandshakeTap() {
    };

    /** {@code bytes[offset, offset + length)} were written to the socket. */
    default void sent(byte[] bytes, int offset, int length) {
    }

    /** {@code bytes[offset, offset + length)} were read from the socket. */
    default void received(byte[] bytes, int offset, int length) {
    }
}
