package dev.wslab.conformance.properties;

import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.wire.CompressedMessage;
import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.deflate.MessageDeflater;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * CompressedConversation is a valid exchange over permessage-deflate (RFC 7692): an offer, then whole
 * messages, each compressed by the suite's compressor as the server agreed (the window kept from message
 * to message unless {@code client_no_context_takeover} was agreed, §7.2.2) and its compressed bytes cut
 * into frames, RSV1 on the first (§6.1).
 *
 * @param offer the {@code Sec-WebSocket-Extensions} offer
 * @param messages the messages, in order
 */
public record CompressedConversation(Offer offer, List<Message> messages) implements Scenario {

    public CompressedConversation {
        Objects.requireNonNull(offer, "offer");
        messages = List.copyOf(messages);
    }

    /** An offer, from the simplest: with or without each {@code *_no_context_takeover} (§7.1.1). */
    public enum Offer {
        PLAIN("permessage-deflate"),
        CLIENT_NO_CONTEXT_TAKEOVER("permessage-deflate; client_no_context_takeover"),
        SERVER_NO_CONTEXT_TAKEOVER("permessage-deflate; server_no_context_takeover"),
        NO_CONTEXT_TAKEOVER("permessage-deflate; client_no_context_takeover; server_no_context_takeover");

        private final String header;

        Offer(String header) {
            this.header = header;
        }

        /** Returns the {@code Sec-WebSocket-Extensions} value. */
        public String header() {
            return header;
        }

        /** Returns how the suite's compressor treats its window, if the server accepts this offer as it is. */
        ContextTakeover clientContext() {
            return this == CLIENT_NO_CONTEXT_TAKEOVER || this == NO_CONTEXT_TAKEOVER ? ContextTakeover.RESET
                    : ContextTakeover.KEPT;
        }
    }

    /**
     * Message is one compressed data message.
     *
     * @param text whether it is a text message (else binary)
     * @param payload the whole message, before compression (may be empty: §7.2.3.6)
     * @param fragmentSize the most compressed bytes one frame carries; 0: one frame
     */
    public record Message(boolean text, Payload payload, int fragmentSize) {
        public Message {
            Objects.requireNonNull(payload, "payload");
            if (fragmentSize < 0) {
                throw new IllegalArgumentException("fragmentSize is 0 (one frame) or more, got " + fragmentSize);
            }
        }

        /** Returns the step that sends it with the connection's compressor. */
        Step.SendCompressed step() {
            return new Step.SendCompressed(text ? Opcode.TEXT : Opcode.BINARY, payload, fragmentSize);
        }

        /** Returns the echo of this message, as the suite reads it (inflated when it comes compressed). */
        public Observed echo() {
            return text ? new Observed.Text(payload) : new Observed.Binary(payload);
        }
    }

    /** Returns the steps that send the messages {@code from} (inclusive) to {@code to} (exclusive). */
    List<Step> steps(int from, int to) {
        return messages.subList(from, to).stream().map(m -> (Step) m.step()).toList();
    }

    /** Returns the echoes of the messages, in order. */
    public List<Observed> echoes() {
        return messages.stream().map(Message::echo).toList();
    }

    /**
     * Returns the frames, unmasked, as the suite sends them when the server accepts the offer as it is: each
     * message compressed at zlib's default level, with the window kept or reset as the offer says.
     */
    @Override
    public List<Frame> frames() {
        return frames(0, messages.size());
    }

    /** Returns the frames of messages {@code from} (inclusive) to {@code to} (exclusive), compressed in turn. */
    List<Frame> frames(int from, int to) {
        List<Frame> frames = new ArrayList<>();
        try (MessageDeflater deflater = new MessageDeflater(new DirectionSettings(offer.clientContext(),
                DirectionSettings.MAX_WINDOW_BITS), DeflateOptions.DEFAULTS.compressionLevel())) {
            for (int i = 0; i < to; i++) {
                Message message = messages.get(i);
                List<Frame> sent = CompressedMessage.frames(message.text() ? Opcode.TEXT : Opcode.BINARY,
                        message.payload().toByteArray(), deflater, message.fragmentSize());
                if (i >= from) {
                    frames.addAll(sent);
                }
            }
        }
        return frames;
    }

    /** The suite's compressed messages go frame by frame. */
    @Override
    public Step.Writing writing() {
        return Step.Writing.PER_FRAME;
    }
}
