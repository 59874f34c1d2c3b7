package dev.wslab.conformance.properties;

import dev.wslab.conformance.Step;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.protocol.utf8.Utf8Validator;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Shrinker finishes what QuickTheories' shrinking starts. QuickTheories shrinks the random draws behind a
 * value, which rarely removes a whole message (removing one shifts every later draw); this pass simplifies
 * the structure itself, greedily: drop a message, drop a Ping, join the fragments, empty a payload, write
 * in one piece, shorten invalid text while it stays invalid, keeping each change only while the
 * property still fails. A broken conversation keeps breaking the same rule throughout, inside a
 * fragmented message if it cannot be broken between messages.
 */
final class Shrinker {

    private Shrinker() {
    }

    /** Returns the simplest value reachable from {@code failing} that still {@code fails}, within {@code maxRuns}. */
    static <S> S shrink(S failing, Function<S, List<S>> simpler, Predicate<S> fails, int maxRuns) {
        S current = failing;
        int runs = 0;
        boolean progress = true;
        while (progress && runs < maxRuns) {
            progress = false;
            for (S candidate : simpler.apply(current)) {
                if (runs++ >= maxRuns) {
                    break;
                }
                if (fails.test(candidate)) {
                    current = candidate;
                    progress = true;
                    break;
                }
            }
        }
        return current;
    }

    /** Returns the one-step simplifications of a valid conversation, simplest first. */
    static List<Conversation> simpler(Conversation conversation) {
        List<Conversation> candidates = new ArrayList<>();
        List<Conversation.Message> messages = conversation.messages();
        if (messages.size() > 1) {
            for (int i = 0; i < messages.size(); i++) {
                List<Conversation.Message> fewer = new ArrayList<>(messages);
                fewer.remove(i);
                candidates.add(new Conversation(fewer, conversation.writing()));
            }
        }
        for (int i = 0; i < messages.size(); i++) {
            for (Conversation.Message message : simpler(messages.get(i))) {
                List<Conversation.Message> changed = new ArrayList<>(messages);
                changed.set(i, message);
                candidates.add(new Conversation(changed, conversation.writing()));
            }
        }
        if (!(conversation.writing() instanceof Step.Writing.Whole)) {
            candidates.add(new Conversation(messages, Step.Writing.WHOLE));
        }
        return candidates;
    }

    /**
     * Returns the one-step simplifications of a broken conversation: the same violation, a simpler rest.
     * Inside a fragmented message, that message keeps enough fragments for the violation to land inside
     * it, and invalid UTF-8 stays invalid after the bytes that now come before it; the same rule is also
     * tried between messages, where it can be broken there.
     */
    static List<BrokenConversation> simpler(BrokenConversation broken) {
        List<BrokenConversation> candidates = new ArrayList<>();
        Conversation conversation = broken.conversation();
        List<Conversation.Message> messages = conversation.messages();
        int at = broken.at();
        int within = broken.within();
        for (int i = 0; i < messages.size(); i++) {
            if (i == at && broken.insideMessage()) {
                continue;
            }
            List<Conversation.Message> fewer = new ArrayList<>(messages);
            fewer.remove(i);
            candidates.add(new BrokenConversation(new Conversation(fewer, conversation.writing()),
                    i < at ? at - 1 : at, within, broken.violation()));
        }
        if (broken.insideMessage()) {
            betweenMessages(broken).ifPresent(violation -> candidates.add(new BrokenConversation(conversation, at, violation)));
            Conversation.Message open = messages.get(at);
            Conversation.Message emptied = new Conversation.Message(open.text(), Payload.EMPTY,
                    List.of(new Conversation.Part.Data(0), new Conversation.Part.Data(0)));
            boolean stillInvalid = broken.violation().rule() != Rule.INVALID_UTF8
                    || !Utf8Validator.isValid(broken.violation().frames().getFirst().payload().toByteArray());
            if (!open.equals(emptied) && stillInvalid) { // two empty fragments, the violation between them
                List<Conversation.Message> changed = new ArrayList<>(messages);
                changed.set(at, emptied);
                candidates.add(new BrokenConversation(new Conversation(changed, conversation.writing()), at, 1,
                        broken.violation()));
            }
            if (within > 1 || open.parts().size() > 2) { // two fragments, no Ping: the violation between them
                int before = broken.messageBytesBefore().length;
                List<Conversation.Message> changed = new ArrayList<>(messages);
                changed.set(at, new Conversation.Message(open.text(), open.payload(), List.of(
                        new Conversation.Part.Data(before), new Conversation.Part.Data(open.payload().length() - before))));
                candidates.add(new BrokenConversation(new Conversation(changed, conversation.writing()), at, 1,
                        broken.violation()));
            }
        }
        for (Conversation simpler : simpler(conversation)) {
            if (simpler.messages().size() == messages.size() && (!broken.insideMessage() || keepsOpenMessage(broken, simpler))) {
                candidates.add(new BrokenConversation(simpler, at, within, broken.violation()));
            }
        }
        if (broken.violation().rule() == Rule.INVALID_UTF8) {
            byte[] before = broken.messageBytesBefore();
            for (byte[] text : shorterInvalidText(before, broken.violation().frames())) {
                Frame frame = broken.insideMessage() ? Frame.continuation(Payload.of(text), true)
                        : Frame.of(Opcode.TEXT, Payload.of(text));
                candidates.add(new BrokenConversation(conversation, at, within,
                        new Violation(Rule.INVALID_UTF8, List.of(frame))));
            }
        }
        return candidates;
    }

    /**
     * Returns the same rule broken between messages, where it can be: frames that need no open message as
     * they are, a carrier continuation as a binary frame, invalid text as a whole text message, a data frame
     * inside a message after a fragment of its own.
     */
    private static Optional<Violation> betweenMessages(BrokenConversation broken) {
        Violation violation = broken.violation();
        if (!violation.needsOpenMessage()) {
            return Optional.of(violation);
        }
        List<Frame> frames = switch (violation.rule()) {
            case RESERVED_BITS_SET, UNMASKED_CLIENT_FRAME -> violation.frames().stream().map(frame -> frame.opcode() == Opcode.CONTINUATION.code()
                    ? frame.withOpcode(Opcode.BINARY.code()).withFin(true) : frame).toList();
            case INVALID_UTF8 -> {
                byte[] before = broken.messageBytesBefore();
                byte[] after = violation.frames().getFirst().payload().toByteArray();
                byte[] text = Arrays.copyOf(before, before.length + after.length);
                System.arraycopy(after, 0, text, before.length, after.length);
                yield List.of(Frame.of(Opcode.TEXT, Payload.of(text)));
            }
            case NEW_MESSAGE_INSIDE_FRAGMENTED_MESSAGE -> List.of(Frame.binary(Payload.EMPTY).withFin(false),
                    violation.frames().getFirst());
            default -> List.of();
        };
        return frames.isEmpty() ? Optional.empty() : Optional.of(new Violation(violation.rule(), frames));
    }

    /** Tells whether {@code simpler} changed nothing of the message the violation lands in. */
    private static boolean keepsOpenMessage(BrokenConversation broken, Conversation simpler) {
        Conversation.Message open = broken.conversation().messages().get(broken.at());
        Conversation.Message changed = simpler.messages().get(broken.at());
        return open.equals(changed) || (open.payload().equals(changed.payload())
                && onlyData(open.parts()).equals(onlyData(changed.parts()))); // only its Pings changed
    }

    private static List<Conversation.Part> onlyData(List<Conversation.Part> parts) {
        return parts.stream().filter(Conversation.Part.Data.class::isInstance).toList();
    }

    /**
     * Returns shorter texts that are still invalid UTF-8 after {@code before}, so that a shrunk case keeps
     * breaking the same rule: the whole text unfragmented, then without its first or last half, then byte
     * by byte.
     */
    private static List<byte[]> shorterInvalidText(byte[] before, List<Frame> frames) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        frames.forEach(frame -> joined.writeBytes(frame.payload().toByteArray()));
        byte[] text = joined.toByteArray();
        List<byte[]> candidates = new ArrayList<>();
        if (frames.size() > 1) {
            candidates.add(text);
        }
        int half = text.length / 2;
        for (byte[] shorter : List.of(Arrays.copyOfRange(text, half, text.length), Arrays.copyOfRange(text, 0, half),
                Arrays.copyOfRange(text, 1, text.length), Arrays.copyOfRange(text, 0, Math.max(0, text.length - 1)))) {
            byte[] message = Arrays.copyOf(before, before.length + shorter.length);
            System.arraycopy(shorter, 0, message, before.length, shorter.length);
            if (shorter.length < text.length && !Utf8Validator.isValid(message)) {
                candidates.add(shorter);
            }
        }
        return candidates;
    }

    private static List<Conversation.Message> simpler(Conversation.Message message) {
        List<Conversation.Message> candidates = new ArrayList<>();
        List<Conversation.Part> parts = message.parts();
        List<Conversation.Part> pings = parts.stream().filter(Conversation.Part.Ping.class::isInstance).toList();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof Conversation.Part.Ping ping) {
                List<Conversation.Part> without = new ArrayList<>(parts);
                without.remove(i);
                candidates.add(new Conversation.Message(message.text(), message.payload(), without));
                if (!ping.payload().isEmpty()) {
                    List<Conversation.Part> emptied = new ArrayList<>(parts);
                    emptied.set(i, new Conversation.Part.Ping(Payload.EMPTY));
                    candidates.add(new Conversation.Message(message.text(), message.payload(), emptied));
                }
            }
        }
        if (parts.size() > pings.size() + 1) { // fragmented: one frame, the Pings after it
            List<Conversation.Part> whole = new ArrayList<>(List.of(new Conversation.Part.Data(message.payload().length())));
            whole.addAll(pings);
            candidates.add(new Conversation.Message(message.text(), message.payload(), whole));
        }
        if (!message.payload().isEmpty()) {
            List<Conversation.Part> empty = new ArrayList<>(List.of(new Conversation.Part.Data(0)));
            empty.addAll(pings);
            candidates.add(new Conversation.Message(message.text(), Payload.EMPTY, empty));
        }
        return candidates;
    }
}
