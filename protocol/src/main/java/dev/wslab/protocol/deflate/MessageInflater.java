package dev.wslab.protocol.deflate;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses the messages of one direction (RFC 7692 §7.2.2): the payloads of a compressed message's
 * frames, one after another, then the four bytes {@code 00 00 ff ff} the sender removed, inflated as
 * one DEFLATE stream. A frame's payload is inflated as it arrives, so that text can be checked as it
 * comes and a limit enforced while inflating.
 *
 * <p>Inflation is bounded: each call is given the bytes the message may still take and inflates in
 * chunks, stopping as soon as the output passes it. With context takeover the {@link Inflater} and its
 * window live as long as the connection; without, it is released after each message. {@link #close()}
 * releases it at once; call it when the connection closes.
 */
public final class MessageInflater implements AutoCloseable {

    /** Whether the payload given is the last of its message: the tail is appended after the last only. */
    public enum FramePosition { MORE_FRAMES_FOLLOW, LAST_FRAME }

    private static final int CHUNK = 16 * 1024;
    private static final int FIRST_CHUNK = 256;

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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Inflated result = feed(inflater, payload, remainingBytes, out);
            if (result == null && position == FramePosition.LAST_FRAME) {
                result = feed(inflater, MessageDeflater.TAIL, remainingBytes, out);
            }
            if (result != null) {
                return result;
            }
        } catch (DataFormatException e) {
            return new Inflated.Corrupt("the compressed data is not valid DEFLATE: " + e.getMessage());
        } finally {
            if (position == FramePosition.LAST_FRAME) {
                endMessage();
            }
        }
        return new Inflated.Bytes(out.toByteArray());
    }

    /** Inflates {@code input}; returns null when all of it was taken, or why it stopped. */
    // tag::bounded[]
    private Inflated feed(Inflater inflater, byte[] input, long remainingBytes, ByteArrayOutputStream out)
            throws DataFormatException {
        if (streamEnded) {
            return null;
        }
        inflater.setInput(input);
        // A chunk in proportion to the input (JSON inflates about 5 to 20 times), so that a small message does
        // not pay for zeroing 16 KiB; more output just takes more rounds of the loop.
        long likelyOutput = Math.max(FIRST_CHUNK, 16L * input.length);
        byte[] chunk = new byte[(int) Math.min(Math.min(CHUNK, likelyOutput), Math.max(1, remainingBytes + 1))];
        while (true) {
            int inflated = inflater.inflate(chunk);
            if (out.size() + (long) inflated > remainingBytes) {
                return new Inflated.TooBig(remainingBytes);
            }
            out.write(chunk, 0, inflated);
            if (inflater.finished()) {
                // §7.2.3.4: a block with BFINAL set may end a message.
                streamEnded = true;
                return null;
            }
            if (inflater.needsDictionary()) {
                return new Inflated.Corrupt("the compressed data asks for a preset dictionary, which permessage-deflate never has");
            }
            if (inflated == 0 && inflater.needsInput()) {
                return null;
            }
        }
    }
    // end::bounded[]


    private Inflater inflater() {
        if (inflater == null) {
            inflater = new Inflater(true); // raw DEFLATE; reads any window from 8 to 15 bits
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
        if (settings.context() == ContextTakeover.RESET) {
            close();
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
