package dev.wslab.conformance.properties;

import static dev.wslab.conformance.properties.ConversationGenerators.draw;
import static dev.wslab.conformance.properties.ConversationGenerators.randomBytes;

import dev.wslab.conformance.properties.BrokenCompressedConversation.Misuse;
import dev.wslab.conformance.properties.CompressedConversation.Offer;
import dev.wslab.protocol.frame.Payload;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * CompressedGenerators builds QuickTheories generators of compressed conversations, as
 * {@link ConversationGenerators} does for plain ones: every choice one bounded draw, shrinking towards the
 * simplest (the plain offer, one message, one frame, a short payload). Payloads range from empty to 64 KiB and
 * mix text that compresses well, random UTF-8 and random bytes, so that compressed sizes vary from a byte to
 * more than the message.
 */
public final class CompressedGenerators {

    private CompressedGenerators() {
    }

    /** Returns a generator of valid compressed conversations of one to {@code maxMessages} messages. */
    public static Gen<CompressedConversation> conversations(int maxMessages) {
        return in -> conversation(in, 1, maxMessages);
    }

    /** Returns a generator of compressed conversations with RSV1 set where §6.1 forbids it, at a random point. */
    public static Gen<BrokenCompressedConversation> brokenConversations(int maxMessages) {
        return in -> {
            CompressedConversation valid = conversation(in, 0, maxMessages);
            int at = draw(in, 0, valid.messages().size());
            Misuse misuse = Misuse.values()[draw(in, 0, Misuse.values().length - 1)];
            boolean inside = draw(in, 0, 1) == 1;
            int length = misuse == Misuse.CONTINUATION ? draw(in, 0, 2000) : draw(in, 0, 125);
            return new BrokenCompressedConversation(valid, at, misuse, inside,
                    randomBytes(draw(in, 0, Integer.MAX_VALUE), length));
        };
    }

    private static CompressedConversation conversation(RandomnessSource in, int minMessages, int maxMessages) {
        Offer offer = Offer.values()[draw(in, 0, Offer.values().length - 1)];
        int count = draw(in, minMessages, maxMessages);
        List<CompressedConversation.Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(message(in));
        }
        return new CompressedConversation(offer, messages);
    }

    private static CompressedConversation.Message message(RandomnessSource in) {
        boolean text = draw(in, 0, 1) == 1;
        int length = switch (draw(in, 0, 9)) {
            case 0, 1, 2, 3, 4 -> draw(in, 0, 16);
            case 5, 6 -> draw(in, 0, 2000);
            case 7, 8 -> draw(in, 2000, 20_000);
            default -> draw(in, 32_768, 65_540);
        };
        long seed = draw(in, 0, Integer.MAX_VALUE);
        boolean repetitive = draw(in, 0, 1) == 1;
        Payload payload = repetitive ? repetitive(seed, length, text)
                : text ? Payload.of(ConversationGenerators.validUtf8(new SplittableRandom(seed), length))
                : randomBytes(seed, length);
        // 0: one frame; else frames of 1 to 64 compressed bytes, or of up to 4 KiB
        int fragmentSize = switch (draw(in, 0, 3)) {
            case 0, 1 -> 0;
            case 2 -> draw(in, 1, 64);
            default -> draw(in, 65, 4096);
        };
        return new CompressedConversation.Message(text, payload, fragmentSize);
    }

    /** Text that compresses well: words of a small vocabulary drawn from the seed, ASCII so any cut is UTF-8. */
    private static Payload repetitive(long seed, int length, boolean text) {
        String[] words = {"window ", "deflate ", "message ", "frame ", "context ", "takeover ", "{\"id\": ", "42, "};
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder(length + 16);
        while (out.length() < length) {
            out.append(words[random.nextInt(text ? words.length : 4)]);
        }
        return Payload.utf8(out.substring(0, length));
    }
}
