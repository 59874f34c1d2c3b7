package dev.wslab.conformance.properties;

import dev.wslab.conformance.Observed;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * BrokenConversation is a valid conversation with one rule broken at a message boundary: the first
 * {@code at} messages are sent, then the violation, then the rest, which the server must never echo.
 *
 * @param conversation the valid conversation
 * @param at how many of its messages are sent before the violation
 * @param violation the broken rule
 */
public record BrokenConversation(Conversation conversation, int at, Violation violation) {

    public BrokenConversation {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(violation, "violation");
        if (at < 0 || at > conversation.messages().size()) {
            throw new IllegalArgumentException("the violation is sent between messages, got " + at);
        }
    }

    /** Returns every frame, in order: the valid prefix, the violation, the rest. */
    public List<Frame> frames() {
        List<Frame> frames = new ArrayList<>(conversation.frames(0, at));
        frames.addAll(violation.frames());
        frames.addAll(conversation.frames(at, conversation.messages().size()));
        return frames;
    }

    /** Returns the echoes the server may send: those of the messages before the violation. */
    public List<Observed> echoesBefore() {
        return conversation.echoes().subList(0, at);
    }

    /** Returns the Pings sent before the violation, which the server may answer. */
    public List<Payload> pingsBefore() {
        return conversation.messages().subList(0, at).stream().flatMap(m -> m.pings().stream()).toList();
    }
}
