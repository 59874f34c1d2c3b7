package dev.wslab.conformance.properties;

import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.deflate.MessageDeflater;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * BrokenCompressedConversation is a {@link CompressedConversation} with RSV1 set where RFC 7692 §6.1 forbids
 * it, after message {@code at}: "An endpoint MUST NOT set the 'Per-Message Compressed' bit of control frames
 * and non-first fragments of a data message. An endpoint receiving such a frame MUST _Fail the WebSocket
 * Connection_", with 1002 (RFC 6455 §7.4.1, a protocol error).
 *
 * @param conversation the valid conversation
 * @param at how many of its messages come before the violation
 * @param misuse where RSV1 is set
 * @param inside for a control frame: whether it comes inside a compressed message, after its first fragment
 * @param payload the control frame's payload, or the compressed message's before compression (binary)
 */
public record BrokenCompressedConversation(CompressedConversation conversation, int at, Misuse misuse,
                                           boolean inside, Payload payload) implements Scenario {

    public BrokenCompressedConversation {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(misuse, "misuse");
        Objects.requireNonNull(payload, "payload");
        if (at < 0 || at > conversation.messages().size()) {
            throw new IllegalArgumentException("the violation comes after 0 to " + conversation.messages().size()
                    + " messages, not " + at);
        }
        if (misuse.control() && payload.length() > 125) {
            throw new IllegalArgumentException("a control frame carries at most 125 bytes (RFC 6455 §5.5)");
        }
        inside = inside || misuse == Misuse.CONTINUATION; // a continuation is inside a message by nature
    }

    /** Where RSV1 is set against §6.1. */
    public enum Misuse {
        /** On the second and last fragment of a compressed message. */
        CONTINUATION(Rule.COMPRESSED_CONTINUATION_FRAME),
        /** On a Ping. */
        PING(Rule.COMPRESSED_CONTROL_FRAME),
        /** On a Pong. */
        PONG(Rule.COMPRESSED_CONTROL_FRAME);

        private final Rule rule;

        Misuse(Rule rule) {
            this.rule = rule;
        }

        /** Returns the rule broken. */
        public Rule rule() {
            return rule;
        }

        boolean control() {
            return this != CONTINUATION;
        }
    }

    /** Returns the code the server must fail the connection with: 1002. */
    public int expectedCode() {
        return misuse.rule().closeCode().value();
    }

    /**
     * Returns the frames that set RSV1 where it is forbidden. A message among them is compressed on its own
     * (no window from before), so it inflates the same whatever the server's window holds.
     */
    public List<Frame> violationFrames() {
        byte[] compressed;
        try (MessageDeflater alone = new MessageDeflater(new DirectionSettings(ContextTakeover.RESET,
                DirectionSettings.MAX_WINDOW_BITS), -1)) {
            compressed = alone.compress(misuse.control() ? new byte[0] : payload.toByteArray());
        }
        int cut = compressed.length / 2;
        Frame first = Frame.of(Opcode.BINARY, Payload.of(compressed, 0, cut)).withFin(false)
                .withReservedBits(true, false, false);
        Frame rest = Frame.continuation(Payload.of(compressed, cut, compressed.length - cut), true);
        Frame forbidden = switch (misuse) {
            case CONTINUATION -> rest.withReservedBits(true, false, false);
            case PING -> Frame.ping(payload).withReservedBits(true, false, false);
            case PONG -> Frame.pong(payload).withReservedBits(true, false, false);
        };
        return inside ? List.of(first, forbidden) : List.of(forbidden);
    }

    /** Returns the steps: the messages before, compressed, the violation, then the messages after. */
    List<Step> steps() {
        List<Step> steps = new ArrayList<>(conversation.steps(0, at));
        steps.add(new Step.Send(violationFrames(), Step.Writing.PER_FRAME));
        steps.addAll(conversation.steps(at, conversation.messages().size()));
        return steps;
    }

    /** Returns the echoes a server may still send: those of the messages before the violation (§7.1.7). */
    public List<Observed> echoesBefore() {
        return conversation.echoes().subList(0, at);
    }

    /** Returns the violation in words, e.g. {@code RSV1 on a Ping inside a compressed message (RFC 7692 §6.1)}. */
    public String describe() {
        String where = switch (misuse) {
            case CONTINUATION -> "a continuation frame";
            case PING -> "a Ping";
            case PONG -> "a Pong";
        };
        return "RSV1 on " + where + (inside && misuse.control() ? " inside a compressed message" : "")
                + " (RFC 7692 §" + misuse.rule().rfcSection() + ", expect " + expectedCode() + ")";
    }

    /** Returns every frame, as the suite sends them when the server accepts the offer as it is. */
    @Override
    public List<Frame> frames() {
        List<Frame> frames = new ArrayList<>(conversation.frames(0, at));
        frames.addAll(violationFrames());
        // the messages after are compressed after those before, with the same compressor
        List<Frame> all = conversation.frames();
        frames.addAll(all.subList(conversation.frames(0, at).size(), all.size()));
        return frames;
    }

    @Override
    public Step.Writing writing() {
        return Step.Writing.PER_FRAME;
    }
}
