package dev.wslab.conformance.properties;

import dev.wslab.conformance.properties.CompressedConversation.Message;
import dev.wslab.conformance.properties.CompressedConversation.Offer;
import dev.wslab.protocol.frame.Payload;

import java.util.ArrayList;
import java.util.List;

/**
 * CompressedShrinker gives the one-step simplifications of compressed conversations, simplest first, for
 * {@link Shrinker#shrink}: drop a message, send a message in one frame, empty it or halve it, make the offer
 * plainer; a broken conversation keeps its violation, moved out of the message it interrupts where that
 * does not change the rule, and with a shorter payload.
 */
final class CompressedShrinker {

    private CompressedShrinker() {
    }

    /** Returns the one-step simplifications of a valid compressed conversation. */
    static List<CompressedConversation> simpler(CompressedConversation conversation) {
        List<CompressedConversation> candidates = new ArrayList<>();
        List<Message> messages = conversation.messages();
        if (messages.size() > 1) {
            for (int i = 0; i < messages.size(); i++) {
                candidates.add(new CompressedConversation(conversation.offer(), without(messages, i)));
            }
        }
        candidates.addAll(sameCount(conversation));
        return candidates;
    }

    /** Returns the simplifications that keep every message: simpler messages, a plainer offer. */
    private static List<CompressedConversation> sameCount(CompressedConversation conversation) {
        List<CompressedConversation> candidates = new ArrayList<>();
        List<Message> messages = conversation.messages();
        for (int i = 0; i < messages.size(); i++) {
            for (Message message : simpler(messages.get(i))) {
                List<Message> changed = new ArrayList<>(messages);
                changed.set(i, message);
                candidates.add(new CompressedConversation(conversation.offer(), changed));
            }
        }
        for (Offer offer : plainer(conversation.offer())) {
            candidates.add(new CompressedConversation(offer, messages));
        }
        return candidates;
    }

    /** Returns the one-step simplifications of a broken compressed conversation: the same misuse of RSV1. */
    static List<BrokenCompressedConversation> simpler(BrokenCompressedConversation broken) {
        List<BrokenCompressedConversation> candidates = new ArrayList<>();
        CompressedConversation conversation = broken.conversation();
        for (int i = 0; i < conversation.messages().size(); i++) {
            candidates.add(new BrokenCompressedConversation(new CompressedConversation(conversation.offer(),
                    without(conversation.messages(), i)), i < broken.at() ? broken.at() - 1 : broken.at(),
                    broken.misuse(), broken.inside(), broken.payload()));
        }
        if (broken.inside() && broken.misuse() != BrokenCompressedConversation.Misuse.CONTINUATION) {
            candidates.add(new BrokenCompressedConversation(conversation, broken.at(), broken.misuse(), false,
                    broken.payload()));
        }
        for (Payload shorter : shorter(broken.payload())) {
            candidates.add(new BrokenCompressedConversation(conversation, broken.at(), broken.misuse(), broken.inside(),
                    shorter));
        }
        for (CompressedConversation simpler : sameCount(conversation)) {
            candidates.add(new BrokenCompressedConversation(simpler, broken.at(), broken.misuse(), broken.inside(),
                    broken.payload()));
        }
        return candidates;
    }

    private static List<Message> simpler(Message message) {
        List<Message> candidates = new ArrayList<>();
        if (message.fragmentSize() != 0) {
            candidates.add(new Message(message.text(), message.payload(), 0));
        }
        for (Payload shorter : shorter(message.payload())) {
            candidates.add(new Message(message.text(), shorter, message.fragmentSize()));
        }
        if (message.fragmentSize() > 0 && message.fragmentSize() < 32_768) { // larger fragments: fewer of them
            candidates.add(new Message(message.text(), message.payload(), message.fragmentSize() * 2));
        }
        return candidates;
    }

    /** Returns the payload emptied, then its first half (cut where UTF-8 text stays whole). */
    private static List<Payload> shorter(Payload payload) {
        if (payload.isEmpty()) {
            return List.of();
        }
        byte[] bytes = payload.toByteArray();
        int half = bytes.length / 2;
        while (half > 0 && (bytes[half] & 0xC0) == 0x80) {
            half--; // not inside a UTF-8 sequence
        }
        return half == 0 ? List.of(Payload.EMPTY) : List.of(Payload.EMPTY, Payload.of(bytes, 0, half));
    }

    /** Returns the offers one parameter plainer. */
    private static List<Offer> plainer(Offer offer) {
        return switch (offer) {
            case PLAIN -> List.of();
            case CLIENT_NO_CONTEXT_TAKEOVER, SERVER_NO_CONTEXT_TAKEOVER -> List.of(Offer.PLAIN);
            case NO_CONTEXT_TAKEOVER -> List.of(Offer.PLAIN, Offer.CLIENT_NO_CONTEXT_TAKEOVER,
                    Offer.SERVER_NO_CONTEXT_TAKEOVER);
        };
    }

    private static List<Message> without(List<Message> messages, int index) {
        List<Message> fewer = new ArrayList<>(messages);
        fewer.remove(index);
        return fewer;
    }
}
