package dev.wslab.conformance.properties;

import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Conversation is a valid exchange a client may start: whole messages, each cut into fragments (§5.4),
 * with Pings between the fragments (§5.5: control frames MAY be injected in the middle of a fragmented
 * message), written to TCP in pieces of any size.
 *
 * @param messages the messages, in order
 * @param writing how the frames' bytes are split into TCP writes
 */
public record Conversation(List<Message> messages, Step.Writing writing) implements Scenario {

    public Conversation {
        messages = List.copyOf(messages);
        Objects.requireNonNull(writing, "writing");
    }

    /**
     * Message is one data message and how it goes on the wire.
     *
     * @param text whether it is a text message (else binary)
     * @param payload the whole message
     * @param parts the fragments' lengths and the Pings between them, in order; the data parts add up to
     *     the payload's length and there is at least one
     */
    public record Message(boolean text, Payload payload, List<Part> parts) {
        public Message {
            parts = List.copyOf(parts);
            int total = parts.stream().mapToInt(p -> p instanceof Part.Data d ? d.length() : 0).sum();
            if (total != payload.length() || parts.stream().noneMatch(Part.Data.class::isInstance)) {
                throw new IllegalArgumentException("the fragments must cover the payload exactly");
            }
        }

        /** Returns the frames of this message: the first data frame carries the opcode, the last FIN (§5.4). */
        public List<Frame> frames() {
            List<Frame> frames = new ArrayList<>();
            long dataParts = parts.stream().filter(Part.Data.class::isInstance).count();
            int offset = 0;
            int index = 0;
            byte[] bytes = payload.toByteArray();
            for (Part part : parts) {
                switch (part) {
                    case Part.Ping ping -> frames.add(Frame.ping(ping.payload()));
                    case Part.Data data -> {
                        Opcode opcode = index == 0 ? (text ? Opcode.TEXT : Opcode.BINARY) : Opcode.CONTINUATION;
                        index++;
                        Payload piece = Payload.of(bytes, offset, data.length());
                        frames.add(Frame.of(opcode, piece).withFin(index == dataParts));
                        offset += data.length();
                    }
                }
            }
            return frames;
        }

        /**
         * Returns what a conforming echo server sends back, in order: a Pong for each Ping before the last
         * fragment, the echo once the message is complete, then a Pong for each Ping after it.
         */
        public List<Observed> expectedEvents() {
            List<Observed> events = new ArrayList<>();
            int lastData = 0;
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i) instanceof Part.Data) {
                    lastData = i;
                }
            }
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i) instanceof Part.Ping ping) {
                    events.add(Observed.pong(ping.payload()));
                }
                if (i == lastData) {
                    events.add(echo());
                }
            }
            return events;
        }

        /** Returns the echo of this message. */
        public Observed echo() {
            return text ? new Observed.Text(payload) : new Observed.Binary(payload);
        }

        /** Returns the Pings' payloads, in order. */
        public List<Payload> pings() {
            return parts.stream().filter(Part.Ping.class::isInstance).map(p -> ((Part.Ping) p).payload()).toList();
        }
    }

    /** Part is a piece of a message on the wire: a fragment's length, or a Ping between fragments. */
    public sealed interface Part {
        /** A data frame carrying the next {@code length} bytes of the message (0 for an empty fragment). */
        record Data(int length) implements Part {
        }

        /** A Ping frame (§5.5.2) carrying {@code payload}, at most 125 bytes. */
        record Ping(Payload payload) implements Part {
        }
    }

    /** Returns every frame, in order, unmasked (the suite masks them as it sends). */
    public List<Frame> frames() {
        return frames(0, messages.size());
    }

    /** Returns the frames of messages {@code from} (inclusive) to {@code to} (exclusive). */
    public List<Frame> frames(int from, int to) {
        List<Frame> frames = new ArrayList<>();
        messages.subList(from, to).forEach(m -> frames.addAll(m.frames()));
        return frames;
    }

    /** Returns the echoes of the messages, in order. */
    public List<Observed> echoes() {
        return messages.stream().map(Message::echo).toList();
    }

    /** Returns every Ping's payload, in order. */
    public List<Payload> pings() {
        return messages.stream().flatMap(m -> m.pings().stream()).toList();
    }

    /** Returns the total size of all frames' payloads, a measure of how big the conversation is. */
    public long payloadBytes() {
        return frames().stream().mapToLong(f -> f.payload().length()).sum();
    }
}
