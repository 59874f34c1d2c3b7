package dev.wslab.conformance.properties;

import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * BrokenConversation is a valid conversation with one rule broken at one point: the first {@code at}
 * messages are sent, then, when {@code within} is above 0, the first {@code within} fragments of message
 * {@code at} (and the Pings among them), then the violation, then the rest, which the server must never
 * echo.
 *
 * <p>Inside a fragmented message the violation is sent while the server holds part of a message: the
 * state where a parser that checks each rule only on a message's first frame goes wrong.
 *
 * @param conversation the valid conversation
 * @param at how many of its messages are sent whole before the violation
 * @param within how many data fragments of message {@code at} are sent before the violation: 0 for a
 *     violation between messages, else 1 to one less than the message's fragments
 * @param violation the broken rule
 */
public record BrokenConversation(Conversation conversation, int at, int within, Violation violation)
        implements Scenario {

    public BrokenConversation {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(violation, "violation");
        List<Conversation.Message> messages = conversation.messages();
        if (at < 0 || at > messages.size()) {
            throw new IllegalArgumentException("the violation is sent before message 0 to " + messages.size() + ", got " + at);
        }
        if (within < 0 || (within > 0 && (at == messages.size() || within >= dataParts(messages.get(at))))) {
            throw new IllegalArgumentException("the violation lands after fragment " + within + " of message " + at
                    + ", which is not inside it");
        }
        if (within == 0 && violation.needsOpenMessage()) {
            throw new IllegalArgumentException(violation.rule() + " with these frames needs an open fragmented message");
        }
    }

    /** Returns a conversation broken between messages: before message {@code at}. */
    public BrokenConversation(Conversation conversation, int at, Violation violation) {
        this(conversation, at, 0, violation);
    }

    /** Tells whether the violation lands inside a fragmented message rather than between two messages. */
    public boolean insideMessage() {
        return within > 0;
    }

    /** Returns how the frames are written: as the valid conversation's. */
    @Override
    public Step.Writing writing() {
        return conversation.writing();
    }

    /** Returns every frame, in order: the valid prefix, the violation, the rest. */
    @Override
    public List<Frame> frames() {
        List<Frame> frames = new ArrayList<>(framesBefore());
        frames.addAll(violation.frames());
        frames.addAll(framesAfter());
        return frames;
    }

    /** Returns the frames sent before the violation. */
    public List<Frame> framesBefore() {
        List<Frame> frames = new ArrayList<>(conversation.frames(0, at));
        if (insideMessage()) {
            frames.addAll(conversation.messages().get(at).frames().subList(0, partsBefore()));
        }
        return frames;
    }

    /**
     * Returns the frames sent after the violation: the rest of the interrupted message (unless the
     * violation itself ended it with a final fragment), then the later messages.
     */
    public List<Frame> framesAfter() {
        List<Conversation.Message> messages = conversation.messages();
        if (!insideMessage()) {
            return conversation.frames(at, messages.size());
        }
        List<Frame> frames = new ArrayList<>();
        Frame last = violation.frames().getLast();
        boolean violationEndsMessage = last.opcode() == Opcode.CONTINUATION.code() && last.fin();
        if (!violationEndsMessage) {
            List<Frame> interrupted = messages.get(at).frames();
            frames.addAll(interrupted.subList(partsBefore(), interrupted.size()));
        }
        frames.addAll(conversation.frames(at + 1, messages.size()));
        return frames;
    }

    /** Returns the echoes the server may send: those of the messages completed before the violation. */
    public List<Observed> echoesBefore() {
        return conversation.echoes().subList(0, at);
    }

    /** Returns the Pings sent before the violation, which the server may answer. */
    public List<Payload> pingsBefore() {
        List<Payload> pings = new ArrayList<>(conversation.messages().subList(0, at).stream()
                .flatMap(m -> m.pings().stream()).toList());
        if (insideMessage()) {
            conversation.messages().get(at).parts().subList(0, partsBefore()).forEach(part -> {
                if (part instanceof Conversation.Part.Ping ping) {
                    pings.add(ping.payload());
                }
            });
        }
        return pings;
    }

    /** Returns the bytes of the interrupted message sent before the violation (none between messages). */
    public byte[] messageBytesBefore() {
        return messageBytesBefore(conversation, at, within);
    }

    /** Returns the first {@code within} fragments' bytes of message {@code at} of {@code conversation}. */
    static byte[] messageBytesBefore(Conversation conversation, int at, int within) {
        if (within == 0) {
            return new byte[0];
        }
        Conversation.Message message = conversation.messages().get(at);
        int length = message.parts().stream().filter(Conversation.Part.Data.class::isInstance).limit(within)
                .mapToInt(part -> ((Conversation.Part.Data) part).length()).sum();
        return Arrays.copyOf(message.payload().toByteArray(), length);
    }

    /** Returns how many parts of message {@code at} are sent before the violation: up to its within-th fragment. */
    private int partsBefore() {
        return partsBefore(conversation.messages().get(at), within);
    }

    static int partsBefore(Conversation.Message message, int fragments) {
        int seen = 0;
        List<Conversation.Part> parts = message.parts();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof Conversation.Part.Data && ++seen == fragments) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Returns how many data fragments {@code message} is cut into. */
    static int dataParts(Conversation.Message message) {
        return (int) message.parts().stream().filter(Conversation.Part.Data.class::isInstance).count();
    }
}
