package dev.wslab.protocol.deflate;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses the messages of one direction (RFC 7692 §7.2.2): the payloads of a compressed message's
 * frames, one after another, then the four bytes {@code 00 00 ff ff} the sender removed, inflated as
 * one DEFLATE stream. A frame's payload is inflated as it arrives, so that text can be checked as it
 * comes and a limit enforced while inflating.
 *
 * <p>Inflation is bounded: each call is given the bytes the message may still take and inflates into an
 * array that grows as output comes, never to more than one byte past that, stopping as soon as the output
 * passes it. With context takeover the {@link Inflater} and its
 * window live as long as the connection; without, it is given back to {@link SpareInflaters} after each
 * message, so an idle connection holds none. {@link #close()} releases it at once; call it when the
 * connection closes.
 */
public final class MessageInflater implements AutoCloseable {

    /** Whether the payload given is the last of its message: the tail is appended after the last only. */
    public enum FramePosition { MORE_FRAMES_FOLLOW, LAST_FRAME }

    /** The bounds of the array a frame's output starts in: 256 B, and 1 MiB however large the frame. */
    private static final int SMALLEST_FIRST = 256;
    private static final int LARGEST_FIRST = 1 << 20;
    /** The largest array the JVM makes. */
    private static final int LARGEST_ARRAY = Integer.MAX_VALUE - 8;

    private final DirectionSettings settings;
    private Inflater inflater;
    /**
     * Set when a block with BFINAL ended the stream (§7.2.3.4): what follows in the message is ignored, as
     * zlib does; the RFC's own example of such a message has a padding byte after its final block.
     */
    private boolean streamEnded;

    /** @param settings what was agreed for the messages this side receives */
    public MessageInflater(DirectionSettings settings) {
        this.settings = settings;
    }

    /**
     * Inflates one frame's payload of a compressed message.
     *
     * @param payload        the frame's payload, unmasked
     * @param position       whether it is the message's last frame (FIN set)
     * @param remainingBytes how many more bytes the message may inflate to
     */
    public Inflated inflate(byte[] payload, FramePosition position, long remainingBytes) {
        Inflater inflater = inflater();
        // RFC 7692 §7.2.2: the four bytes the sender removed follow the last frame's payload, in the same input
        byte[] input = position == FramePosition.LAST_FRAME ? withTail(payload) : payload;
        try {
            return feed(inflater, input, remainingBytes);
        } catch (DataFormatException e) {
            return new Inflated.Corrupt("the compressed data is not valid DEFLATE: " + e.getMessage());
        } finally {
            if (position == FramePosition.LAST_FRAME) {
                endMessage();
            }
        }
    }

    private static byte[] withTail(byte[] payload) {
        byte[] input = Arrays.copyOf(payload, payload.length + MessageDeflater.TAIL.length);
        System.arraycopy(MessageDeflater.TAIL, 0, input, payload.length, MessageDeflater.TAIL.length);
        return input;
    }

    /** Inflates {@code input}, into an array that grows as output comes, never past one byte over the limit. */
    // tag::bounded[]
    private Inflated feed(Inflater inflater, byte[] input, long remainingBytes) throws DataFormatException {
        if (streamEnded) {
            return new Inflated.Bytes(new byte[0]);
        }
        inflater.setInput(input);
        // One byte more than the message may take tells that it is too big, before any more is inflated;
        // however large the limit, one frame's output is one array.
        long cap = remainingBytes < LARGEST_ARRAY ? remainingBytes + 1 : LARGEST_ARRAY;
        // Start in proportion to the input (text inflates about 5 to 20 times), so that a small message does
        // not pay for zeroing a large array, nor a large one for many copies; it doubles while output comes.
        byte[] out = new byte[(int) Math.max(1, Math.min(cap, Math.min(LARGEST_FIRST, Math.max(SMALLEST_FIRST,
                8L * input.length))))];
        int size = 0;
        while (true) {
            size += inflater.inflate(out, size, out.length - size);
            if (size > remainingBytes) {
                return new Inflated.TooBig(remainingBytes);
            }
            if (inflater.finished()) {
                // §7.2.3.4: a block with BFINAL set may end a message.
                streamEnded = true;
                break;
            }
            if (inflater.needsDictionary()) {
                return new Inflated.Corrupt("the compressed data asks for a preset dictionary, which permessage-deflate never has");
            }
            if (size < out.length && inflater.needsInput()) {
                break; // all input taken, and the last call had room for all the output it had
            }
            if (size == out.length) {
                if (out.length == cap) {
                    return new Inflated.TooBig(remainingBytes); // more than one array holds
                }
                out = Arrays.copyOf(out, (int) Math.min(cap, 2L * out.length));
            }
        }
        return new Inflated.Bytes(size == out.length ? out : Arrays.copyOf(out, size));
    }
    // end::bounded[]


    private Inflater inflater() {
        if (inflater == null) {
            // Without context takeover every message starts from an empty window: a spare one will do.
            inflater = settings.context() == ContextTakeover.RESET ? SpareInflaters.take() : new Inflater(true);
            LiveCodecs.made();
        }
        return inflater;
    }

    private void endMessage() {
        if (streamEnded) {
            // After a final block the stream is over; the sender starts the next message with a new one.
            inflater.reset();
            streamEnded = false;
        }
        if (settings.context() == ContextTakeover.RESET && inflater != null) {
            SpareInflaters.giveBack(inflater);
            inflater = null;
            LiveCodecs.ended();
        }
    }

    /** Tells whether an Inflater, with its native memory, is held now. */
    public boolean holdsNativeMemory() {
        return inflater != null;
    }

    /** Releases the Inflater's native memory; the inflater may be used again afterwards (with a new window). */
    @Override
    public void close() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
            LiveCodecs.ended();
        }
        streamEnded = false;
    }
}
