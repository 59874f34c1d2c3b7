package dev.wslab.protocol.frame;

import dev.wslab.protocol.close.CloseStatus;

import java.util.Objects;

/**
 * Frame is one whole WebSocket frame (RFC 6455 §5.2): the header's bits and a payload, unmasked.
 *
 * <p>A frame may break the rules (a reserved opcode, RSV bits set, an unmasked client frame, a control
 * frame over 125 bytes): the conformance suite builds such frames on purpose, and the {@link FrameReader}
 * can decode them. The factories make well-formed frames; the withers change one field at a time.
 *
 * @param fin whether this is the final fragment of a message
 * @param rsv1 reserved bit 1
 * @param rsv2 reserved bit 2
 * @param rsv3 reserved bit 3
 * @param opcode the raw 4-bit opcode, see {@link Opcode}
 * @param masked whether the payload is masked on the wire
 * @param maskingKey the masking key as a big-endian int; 0 when not masked
 * @param payload the application data, unmasked
 */
public record Frame(boolean fin, boolean rsv1, boolean rsv2, boolean rsv3, int opcode,
                    boolean masked, int maskingKey, Payload payload) {

    public Frame {
        Objects.requireNonNull(payload, "payload");
        // Validates the header fields the same way a decoded header is validated.
        new FrameHeader(fin, rsv1, rsv2, rsv3, opcode, masked, maskingKey, payload.length());
    }

    /** Returns an unfragmented, unmasked frame with this opcode and payload. */
    public static Frame of(Opcode opcode, Payload payload) {
        return new Frame(true, false, false, false, opcode.code(), false, 0, payload);
    }

    /** Returns a final TEXT frame carrying {@code text} in UTF-8. */
    public static Frame text(String text) {
        return of(Opcode.TEXT, Payload.utf8(text));
    }

    /** Returns a final BINARY frame. */
    public static Frame binary(Payload data) {
        return of(Opcode.BINARY, data);
    }

    /** Returns a CONTINUATION frame, final or not. */
    public static Frame continuation(Payload data, boolean fin) {
        return of(Opcode.CONTINUATION, data).withFin(fin);
    }

    /** Returns a PING frame. */
    public static Frame ping(Payload data) {
        return of(Opcode.PING, data);
    }

    /** Returns a PONG frame. */
    public static Frame pong(Payload data) {
        return of(Opcode.PONG, data);
    }

    /** Returns a CLOSE frame carrying {@code status} (an empty body for {@link CloseStatus#NO_STATUS}). */
    public static Frame close(CloseStatus status) {
        return of(Opcode.CLOSE, status.toPayload());
    }

    /** Returns a copy with the FIN bit set as given. */
    public Frame withFin(boolean newFin) {
        return new Frame(newFin, rsv1, rsv2, rsv3, opcode, masked, maskingKey, payload);
    }

    /** Returns a copy with the reserved bits set as given. */
    public Frame withReservedBits(boolean newRsv1, boolean newRsv2, boolean newRsv3) {
        return new Frame(fin, newRsv1, newRsv2, newRsv3, opcode, masked, maskingKey, payload);
    }

    /** Returns a copy with another raw opcode, reserved values included. */
    public Frame withOpcode(int newOpcode) {
        return new Frame(fin, rsv1, rsv2, rsv3, newOpcode, masked, maskingKey, payload);
    }

    /** Returns a copy that is masked with {@code key} on the wire, as clients send frames (§5.3). */
    public Frame maskedWith(int key) {
        return new Frame(fin, rsv1, rsv2, rsv3, opcode, true, key, payload);
    }

    /** Returns a copy that is not masked on the wire, as servers send frames. */
    public Frame unmasked() {
        return new Frame(fin, rsv1, rsv2, rsv3, opcode, false, 0, payload);
    }

    /** Returns this frame's header. */
    public FrameHeader header() {
        return new FrameHeader(fin, rsv1, rsv2, rsv3, opcode, masked, maskingKey, payload.length());
    }

    /** Tells whether this is a control frame (§5.5). */
    public boolean isControl() {
        return Opcode.isControl(opcode);
    }

    /** Returns the frame as {@link FrameFormat#frame(Frame)} prints it. */
    @Override
    public String toString() {
        return FrameFormat.frame(this);
    }
}
