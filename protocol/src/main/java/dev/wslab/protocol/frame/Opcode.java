package dev.wslab.protocol.frame;

import java.util.Optional;

/**
 * Opcode names the defined values of the 4-bit opcode field (RFC 6455 §5.2, §11.8).
 *
 * <p>Values 0x3-0x7 (further data frames) and 0xB-0xF (further control frames) are reserved. The wire
 * level ({@link FrameHeader}, {@link Frame}) keeps the opcode as a raw number so that frames with a
 * reserved opcode can be represented, sent by the conformance suite, and reported precisely.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6455#section-5.2">RFC 6455 §5.2</a>
 */
public enum Opcode {
    // tag::opcodes[]
    /** 0x0: a continuation of the fragmented message in progress (§5.4). */
    CONTINUATION(0x0),
    /** 0x1: the first (or only) frame of a text message, whose payload is UTF-8. */
    TEXT(0x1),
    /** 0x2: the first (or only) frame of a binary message. */
    BINARY(0x2),
    /** 0x8: a Close frame (§5.5.1). */
    CLOSE(0x8),
    /** 0x9: a Ping frame (§5.5.2). */
    PING(0x9),
    /** 0xA: a Pong frame (§5.5.3). */
    PONG(0xA);
    // end::opcodes[]

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    /** Returns the 4-bit value on the wire. */
    public int code() {
        return code;
    }

    /** Tells whether frames with this opcode are control frames (the most significant opcode bit is set, §5.5). */
    public boolean isControl() {
        return isControl(code);
    }

    /** Tells whether a raw opcode value is in the control range 0x8-0xF (§5.5). */
    public static boolean isControl(int code) {
        return (code & 0x8) != 0;
    }

    /** Returns the opcode with this value, or empty for the reserved values. */
    public static Optional<Opcode> of(int code) {
        return switch (code) {
            case 0x0 -> Optional.of(CONTINUATION);
            case 0x1 -> Optional.of(TEXT);
            case 0x2 -> Optional.of(BINARY);
            case 0x8 -> Optional.of(CLOSE);
            case 0x9 -> Optional.of(PING);
            case 0xA -> Optional.of(PONG);
            default -> Optional.empty();
        };
    }

    /** Returns the name of a raw opcode value, e.g. {@code TEXT} or {@code RESERVED(0x3)}. */
    public static String nameOf(int code) {
        return of(code).map(Enum::name).orElse(String.format("RESERVED(0x%X)", code));
    }
}
