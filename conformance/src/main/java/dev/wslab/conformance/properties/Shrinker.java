package dev.wslab.conformance.properties;

import dev.wslab.conformance.Step;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Shrinker finishes what QuickTheories' shrinking starts. QuickTheories shrinks the random draws behind a
 * value, which rarely removes a whole message (removing one shifts every later draw); this pass simplifies
 * the structure itself, greedily: drop a message, drop a Ping, join the fragments, empty a payload, write
 * in one piece, shorten invalid text while it stays invalid, keeping each change only while the
 * property still fails. A broken conversation keeps breaking the same rule throughout.
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

    /** Returns the one-step simplifications of a broken conversation: the same violation, a simpler rest. */
    static List<BrokenConversation> simpler(BrokenConversation broken) {
        List<BrokenConversation> candidates = new ArrayList<>();
        List<Conversation.Message> messages = broken.conversation().messages();
        for (int i = 0; i < messages.size(); i++) {
            List<Conversation.Message> fewer = new ArrayList<>(messages);
            fewer.remove(i);
            candidates.add(new BrokenConversation(new Conversation(fewer, broken.conversation().writing()),
                    i < broken.at() ? broken.at() - 1 : broken.at(), broken.violation()));
        }
        for (Conversation simpler : simpler(broken.conversation())) {
            if (simpler.messages().size() == messages.size()) {
                candidates.add(new BrokenConversation(simpler, broken.at(), broken.violation()));
            }
        }
        if (broken.violation().kind() == Violation.Kind.INVALID_UTF8) {
            for (byte[] text : shorterInvalidText(broken.violation().frames())) {
                candidates.add(new BrokenConversation(broken.conversation(), broken.at(), new Violation(
                        Violation.Kind.INVALID_UTF8, List.of(Frame.of(Opcode.TEXT, Payload.of(text))), 1007)));
            }
        }
        return candidates;
    }

    /**
     * Returns shorter text messages that are still invalid UTF-8, so that a shrunk case keeps breaking the
     * same rule: the whole text unfragmented, then without its first or last half, then byte by byte.
     */
    private static List<byte[]> shorterInvalidText(List<Frame> frames) {
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
            if (shorter.length < text.length && !isValidUtf8(shorter)) {
                candidates.add(shorter);
            }
        }
        return candidates;
    }

    private static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
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
