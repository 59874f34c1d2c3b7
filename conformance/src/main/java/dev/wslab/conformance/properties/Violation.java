package dev.wslab.conformance.properties;

import dev.wslab.protocol.Rule;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Violation is one broken {@link Rule} of protocol's vocabulary, as the frames that break it; the close
 * code a server must fail the connection with (§7.1.7, §7.4.1) and the RFC section come from the rule. The
 * frames are sent between two messages or inside a fragmented one (see {@link BrokenConversation}); the
 * suite masks every frame it sends, except those of {@link Rule#UNMASKED_CLIENT_FRAME}, which it writes as
 * they are.
 *
 * @param rule which rule is broken, one of {@link #GENERATED_RULES}
 * @param frames the frames that break it
 */
public record Violation(Rule rule, List<Frame> frames) {

    /**
     * The rules the generator breaks: every rule a client can break in its frames once the connection is
     * open, but for the payload length's encoding (the suite's encoder always writes minimal lengths) and
     * the Close reason's UTF-8 (invalid UTF-8 is broken in text messages instead).
     */
    public static final Set<Rule> GENERATED_RULES = Collections.unmodifiableSet(EnumSet.of(
            Rule.RESERVED_BITS_SET, Rule.RESERVED_OPCODE, Rule.INVALID_UTF8, Rule.CONTROL_FRAME_TOO_LONG,
            Rule.FRAGMENTED_CONTROL_FRAME, Rule.CLOSE_CODE_NEVER_SENT, Rule.CLOSE_CODE_UNDEFINED,
            Rule.CLOSE_CODE_NOT_USED, Rule.CLOSE_CODE_RESERVED, Rule.CLOSE_PAYLOAD_ONE_BYTE,
            Rule.CONTINUATION_WITHOUT_MESSAGE, Rule.UNMASKED_CLIENT_FRAME, Rule.NEW_MESSAGE_INSIDE_FRAGMENTED_MESSAGE));

    public Violation {
        Objects.requireNonNull(rule, "rule");
        if (!GENERATED_RULES.contains(rule)) {
            throw new IllegalArgumentException(rule + " is not a rule the generator breaks; it breaks " + GENERATED_RULES);
        }
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a violation is at least one frame");
        }
    }

    /** Returns the code of the server's Close frame: 1002, or 1007 for invalid UTF-8. */
    public int expectedCode() {
        return rule.closeCode().value();
    }

    /** Close codes a receiver fails the connection for, by the rule each breaks (§5.5.1, §7.4.1, §7.4.2). */
    static final Map<Rule, List<Integer>> BAD_CLOSE_CODES = Map.of(
            Rule.CLOSE_CODE_NEVER_SENT, List.of(1005, 1006, 1015),
            Rule.CLOSE_CODE_UNDEFINED, List.of(5000, 65535),
            Rule.CLOSE_CODE_NOT_USED, List.of(0, 999),
            Rule.CLOSE_CODE_RESERVED, List.of(1004, 1016, 1100, 2000, 2999));

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
        return (first.opcode() == Opcode.CONTINUATION.code() && rule != Rule.CONTINUATION_WITHOUT_MESSAGE)
                || (rule == Rule.NEW_MESSAGE_INSIDE_FRAGMENTED_MESSAGE && frames.size() == 1);
    }

    /** Returns a line such as {@code RESERVED_BITS_SET (§5.2, expect 1002)}. */
    public String describe() {
        return rule + " (§" + rule.rfcSection() + ", expect " + expectedCode() + ")";
    }
}
