package dev.wslab.conformance.properties;

import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.util.List;
import java.util.Objects;

/**
 * Violation is one broken rule, as the frames that break it and the close code a server must fail the
 * connection with (§7.1.7, §7.4.1). The frames are sent between two messages or inside a fragmented one
 * (see {@link BrokenConversation}); the suite masks every frame it sends, except those of
 * {@link Kind#UNMASKED_FRAME}, which it writes as they are.
 *
 * @param kind which rule is broken
 * @param frames the frames that break it
 * @param expectedCode the code of the server's Close frame: 1002, or 1007 for invalid UTF-8
 */
public record Violation(Kind kind, List<Frame> frames, int expectedCode) {

    public Violation {
        Objects.requireNonNull(kind, "kind");
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a violation is at least one frame");
        }
    }

    /** Kind is a rule a client can break, with its RFC section and the code a server must use. */
    public enum Kind {
        /** §5.2: RSV1-3 MUST be 0 unless an extension was negotiated (none is). */
        RESERVED_BIT("5.2", 1002),
        /** §5.2: opcodes 0x3-0x7 are reserved for further non-control frames. */
        RESERVED_DATA_OPCODE("5.2", 1002),
        /** §5.2: opcodes 0xB-0xF are reserved for further control frames. */
        RESERVED_CONTROL_OPCODE("5.2", 1002),
        /** §8.1: a text message that is not valid UTF-8 fails the connection with 1007. */
        INVALID_UTF8("8.1", 1007),
        /** §5.5: all control frames MUST have a payload length of 125 bytes or less. */
        OVERSIZED_CONTROL_FRAME("5.5", 1002),
        /** §5.5: control frames MUST NOT be fragmented. */
        FRAGMENTED_CONTROL_FRAME("5.5", 1002),
        /** §7.4: a close code that is not valid on the wire (e.g. 1005, 1006, 999, 5000 are not). */
        BAD_CLOSE_CODE("7.4.1", 1002),
        /** §5.5.1: a Close body, if any, starts with a two-byte code; one byte is not a body. */
        ONE_BYTE_CLOSE_PAYLOAD("5.5.1", 1002),
        /** §5.4: a continuation frame with no fragmented message to continue. */
        CONTINUATION_WITHOUT_START("5.4", 1002),
        /** §5.1: "a client MUST mask all frames that it sends"; a server MUST close on an unmasked one. */
        UNMASKED_FRAME("5.1", 1002),
        /** §5.4: the fragments of one message are not interleaved: a new text or binary frame before the last fragment. */
        DATA_FRAME_INSIDE_FRAGMENTED_MESSAGE("5.4", 1002);

        private final String section;
        private final int code;

        Kind(String section, int code) {
            this.section = section;
            this.code = code;
        }

        /** Returns the RFC 6455 section of the rule. */
        public String section() {
            return section;
        }

        /** Returns the code a server must fail the connection with. */
        public int code() {
            return code;
        }
    }

    /** Close codes no endpoint may send (§7.4.1, §7.4.2): reserved, never on the wire, or out of range. */
    static final List<Integer> BAD_CLOSE_CODES = List.of(0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535);

    /** Returns a frame with RSV bit {@code bit} (1-3) set on {@code frame}. */
    static Frame withReservedBit(Frame frame, int bit) {
        return frame.withReservedBits(bit == 1, bit == 2, bit == 3);
    }

    /** Returns a two-byte Close body carrying {@code code} as is. */
    static Payload closeBody(int code) {
        return Payload.of((byte) (code >>> 8), (byte) code);
    }

    /** Returns a Close frame whose body is {@code body}, valid or not. */
    static Frame closeFrame(Payload body) {
        return Frame.of(Opcode.CLOSE, body);
    }

    /**
     * Tells whether these frames only break the rule inside a fragmented message: a continuation (of the
     * open message), or a lone text or binary frame. Sent between messages, they would break another rule
     * or none.
     */
    public boolean needsOpenMessage() {
        Frame first = frames.getFirst();
        return (first.opcode() == Opcode.CONTINUATION.code() && kind != Kind.CONTINUATION_WITHOUT_START)
                || (kind == Kind.DATA_FRAME_INSIDE_FRAGMENTED_MESSAGE && frames.size() == 1);
    }

    /** Returns a line such as {@code RESERVED_BIT (§5.2, expect 1002)}. */
    public String describe() {
        return kind + " (§" + kind.section() + ", expect " + expectedCode + ")";
    }
}
