package dev.wslab.protocol.connection;

import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.frame.FrameHeader;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.protocol.frame.PayloadChunk;
import dev.wslab.protocol.utf8.Utf8Validator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * MessageAssembler joins the data frames of one message (RFC 6455 §5.4): a TEXT or BINARY frame,
 * then CONTINUATION frames until one has FIN set. It enforces the fragmentation rules, the message size
 * limit (on each header, before the payload arrives) and, for text, UTF-8 validity as each chunk arrives.
 *
 * <p>A compressed message (RSV1 on its first frame, RFC 7692 §6) is inflated chunk by chunk as it arrives:
 * the size limit and UTF-8 apply to the inflated bytes, so a decompression bomb stops at the limit.
 *
 * <p>Control frames may arrive between the fragments; they never reach the assembler.
 */
final class MessageAssembler {

    private final long maxMessageSize;
    private final Compression compression;
    private final Utf8Validator utf8 = new Utf8Validator();

    /** TEXT or BINARY while a message is in progress, else null. */
    private Opcode messageType;
    private boolean finalFrame;
    /** Whether the message in progress is compressed (RFC 7692 §6: RSV1 on its first frame). */
    private boolean compressed;
    private byte[] buffer = new byte[0];
    private int size;

    MessageAssembler(long maxMessageSize, Compression compression) {
        this.maxMessageSize = maxMessageSize;
        this.compression = compression;
    }

    /**
     * Checks a data frame's header against the message in progress and the size limit.
     *
     * @param startsCompressedMessage whether the frame is a message's first and has RSV1 set, compression agreed
     */
    void startFrame(FrameHeader header, Opcode opcode, boolean startsCompressedMessage) {
        if (opcode == Opcode.CONTINUATION) {
            // RFC 6455 §5.4: a fragmented message starts with TEXT or BINARY; a CONTINUATION needs one.
            if (messageType == null) {
                throw new ProtocolViolationException(Rule.CONTINUATION_WITHOUT_MESSAGE, "");
            }
        } else {
            // RFC 6455 §5.4: "The fragments of one message MUST NOT be interleaved between the
            // fragments of another message".
            if (messageType != null) {
                throw new ProtocolViolationException(Rule.NEW_MESSAGE_INSIDE_FRAGMENTED_MESSAGE,
                        opcode + " frame while a " + messageType + " message was in progress");
            }
            messageType = opcode;
            compressed = startsCompressedMessage;
            utf8.reset();
        }
        // tag::size-check[]
        // Checked before any byte of the payload is held: a header may announce up to 2^63-1 bytes. A
        // compressed frame's length says nothing of what it inflates to: its inflated bytes are counted instead.
        if (!compressed && header.payloadLength() > maxMessageSize - size) {
            throw new ProtocolViolationException(Rule.MESSAGE_TOO_BIG, "a frame of " + header.payloadLength()
                    + " bytes after " + size + " bytes of the message; the limit is " + maxMessageSize);
        }
        // end::size-check[]
        finalFrame = header.fin();
    }

    /**
     * Takes a chunk of the current data frame.
     *
     * @return the whole message when this chunk ends its last frame, else null
     */
    Event takeChunk(PayloadChunk chunk) {
        boolean endOfMessage = chunk.endOfFrame() && finalFrame;
        byte[] bytes = compressed ? compression.inflate(chunk.bytes(), endOfMessage, maxMessageSize - size)
                : chunk.bytes();
        // tag::utf8-fail-fast[]
        if (messageType == Opcode.TEXT) {
            // RFC 6455 §8.1: fail as soon as the text cannot be valid, not when the message ends.
            int invalidAt = utf8.validate(bytes, 0, bytes.length);
            if (invalidAt >= 0) {
                throw new ProtocolViolationException(Rule.INVALID_UTF8,
                        "byte " + (size + invalidAt) + " of the message is 0x"
                                + String.format("%02x", bytes[invalidAt] & 0xFF));
            }
        }
        // end::utf8-fail-fast[]
        append(bytes);
        if (!endOfMessage) {
            return null;
        }
        return finishMessage();
    }

    /** Tells whether a fragmented message has started and not yet ended. */
    boolean inProgress() {
        return messageType != null;
    }

    private void append(byte[] bytes) {
        if (size + bytes.length > buffer.length) {
            // Grows with the bytes that arrived, never with the length a header announced.
            int capacity = (int) Math.min(Math.max(2L * buffer.length, (long) size + bytes.length),
                    Math.min(maxMessageSize, Integer.MAX_VALUE - 8));
            buffer = Arrays.copyOf(buffer, capacity);
        }
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    private Event finishMessage() {
        Event message;
        if (messageType == Opcode.TEXT) {
            // tag::utf8-end[]
            if (!utf8.isAtCharacterBoundary()) {
                throw new ProtocolViolationException(Rule.INVALID_UTF8,
                        "the message ends inside a multi-byte sequence");
            }
            // end::utf8-end[]
            message = new Event.TextMessage(new String(buffer, 0, size, StandardCharsets.UTF_8));
        } else {
            message = new Event.BinaryMessage(Payload.of(buffer, 0, size));
        }
        messageType = null;
        compressed = false;
        size = 0;
        if (buffer.length > 64 * 1024) {
            buffer = new byte[0]; // do not hold on to a large message's memory between messages
        }
        return message;
    }
}
