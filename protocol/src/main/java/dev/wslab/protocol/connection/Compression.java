package dev.wslab.protocol.connection;

import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.deflate.AgreedDeflate;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.deflate.DeflateTotals;
import dev.wslab.protocol.deflate.Inflated;
import dev.wslab.protocol.deflate.MessageDeflater;
import dev.wslab.protocol.deflate.MessageInflater;
import dev.wslab.protocol.deflate.MessageInflater.FramePosition;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameHeader;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.util.Optional;

/**
 * Compression is permessage-deflate (RFC 7692) on one connection: what RSV1 means, and the deflater and
 * inflater when it was agreed. Without an agreement RSV1 means nothing, and a frame that sets it breaks
 * RFC 6455 §5.2 as before.
 */
final class Compression implements AutoCloseable {

    private final Optional<DeflateOptions> options;
    private final MessageDeflater deflater;
    private final MessageInflater inflater;
    /** The compressed messages and their bytes so far, for {@link #totals()}. */
    private long sentMessages;
    private long sentUncompressed;
    private long sentCompressed;
    private long receivedMessages;
    private long receivedInflated;
    private long receivedCompressed;

    /** Returns the compression of a connection playing {@code role}; off when {@code agreed} is empty. */
    Compression(Role role, Optional<AgreedDeflate> agreed) {
        this.options = agreed.map(AgreedDeflate::options);
        this.deflater = agreed.map(a -> new MessageDeflater(a.agreement().sending(role), a.options().compressionLevel()))
                .orElse(null);
        this.inflater = agreed.map(a -> new MessageInflater(a.agreement().receiving(role))).orElse(null);
    }

    /**
     * Checks a frame's reserved bits (RFC 6455 §5.2, RFC 7692 §6.1) and tells whether the frame starts a
     * compressed message.
     */
    boolean startsCompressedMessage(FrameHeader header, Opcode opcode) {
        if (!header.rsv1()) {
            return false;
        }
        // RFC 7692 §6.1: "An endpoint MUST NOT set the 'Per-Message Compressed' bit of control frames and
        // non-first fragments of a data message."
        if (opcode.isControl()) {
            throw new ProtocolViolationException(Rule.COMPRESSED_CONTROL_FRAME, opcode.name());
        }
        if (opcode == Opcode.CONTINUATION) {
            throw new ProtocolViolationException(Rule.COMPRESSED_CONTINUATION_FRAME, header.toString());
        }
        return true;
    }

    /** Tells whether a reserved bit is set that no agreed extension defines (RFC 6455 §5.2). */
    boolean forbids(FrameHeader header) {
        return header.rsv2() || header.rsv3() || (header.rsv1() && inflater == null);
    }

    /**
     * Inflates a chunk of a compressed message.
     *
     * @param lastOfMessage  whether the chunk ends the message's last frame
     * @param remainingBytes how many more bytes the message may take
     */
    // tag::too-big[]
    byte[] inflate(byte[] chunk, boolean lastOfMessage, long remainingBytes) {
        FramePosition position = lastOfMessage ? FramePosition.LAST_FRAME : FramePosition.MORE_FRAMES_FOLLOW;
        receivedCompressed += chunk.length;
        return switch (inflater.inflate(chunk, position, remainingBytes)) {
            case Inflated.Bytes bytes -> {
                receivedInflated += bytes.data().length;
                receivedMessages += lastOfMessage ? 1 : 0;
                yield bytes.data();
            }
            // Stopped at the limit, before the rest was inflated: a decompression bomb costs no more than that.
            case Inflated.TooBig tooBig -> throw new ProtocolViolationException(Rule.MESSAGE_TOO_BIG,
                    "the compressed message inflates past the limit of " + tooBig.limit() + " more bytes");
            case Inflated.Corrupt corrupt -> throw new ProtocolViolationException(Rule.CORRUPT_COMPRESSED_DATA,
                    corrupt.reason());
        };
    }
    // end::too-big[]

    /**
     * Returns the one frame of a data message to send: compressed with RSV1 set when compression was agreed
     * and the message has at least {@link DeflateOptions#minimumSize()} bytes, else as it is.
     */
    Frame dataFrame(Opcode opcode, Payload message) {
        if (options.isEmpty() || message.length() < options.get().minimumSize()) {
            return Frame.of(opcode, message);
        }
        // RFC 7692 §6: RSV1 on the first (here the only) frame says the message is compressed.
        byte[] compressed = deflater.compress(message.toByteArray());
        sentMessages++;
        sentUncompressed += message.length();
        sentCompressed += compressed.length;
        return Frame.of(opcode, Payload.of(compressed)).withReservedBits(true, false, false);
    }

    /** Returns the compressed messages and their bytes so far, each way. */
    DeflateTotals totals() {
        return new DeflateTotals(new DeflateTotals.Flow(sentMessages, sentUncompressed, sentCompressed),
                new DeflateTotals.Flow(receivedMessages, receivedInflated, receivedCompressed));
    }

    /** Tells whether a Deflater or an Inflater, with its native memory, is held now. */
    boolean holdsNativeMemory() {
        return deflater != null && (deflater.holdsNativeMemory() || inflater.holdsNativeMemory());
    }

    /** Releases the deflater's and inflater's native memory; called when the connection enters CLOSED. */
    @Override
    public void close() {
        if (deflater != null) {
            deflater.close();
            inflater.close();
        }
    }
}
