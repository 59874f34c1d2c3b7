package dev.wslab.protocol.deflate;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses the messages of one direction (RFC 7692 §7.2.1): DEFLATE each message, end it with an
 * empty stored block (a sync flush), and remove that block's last four bytes, {@code 00 00 ff ff}; the
 * receiver appends them again.
 *
 * <p>With context takeover the {@link Deflater} and its 32 KiB window live as long as the connection;
 * without, one is made for each message and released after it, so an idle connection holds none.
 * {@link #close()} releases the native memory at once; call it when the connection closes.
 */
public final class MessageDeflater implements AutoCloseable {

    /** RFC 7692 §7.2.1: the tail of the empty stored block that a sync flush writes. */
    static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};
    /** RFC 7692 §7.2.3.6: an empty message is sent as one empty stored block with the tail removed. */
    private static final byte[] EMPTY_MESSAGE = {0x00};

    private final DirectionSettings settings;
    private final int level;
    private Deflater deflater;

    /**
     * @param settings what was agreed for the messages this side sends
     * @param level    the DEFLATE level, -1 (zlib's default) or 0 to 9
     */
    public MessageDeflater(DirectionSettings settings, int level) {
        this.settings = settings;
        this.level = level;
    }

    /** Returns the payload of a compressed message (to be sent with RSV1 set on its first frame). */
    // tag::compress[]
    public byte[] compress(byte[] message) {
        if (message.length == 0) {
            // The JDK's Deflater writes nothing at all for an empty input after an earlier flush, so the tail
            // could not be removed: send the empty block of §7.2.3.6, valid whatever the window holds.
            return EMPTY_MESSAGE.clone();
        }
        Deflater deflater = deflater();
        deflater.setInput(message);
        // Room for all of a small message, and half of a large one; the array doubles if the output needs it.
        byte[] out = new byte[message.length <= 4096 ? message.length + 64 : message.length / 2 + 64];
        int size = 0;
        while (true) {
            size += deflater.deflate(out, size, out.length - size, Deflater.SYNC_FLUSH);
            if (size < out.length) {
                break; // the flush is complete once it leaves room over
            }
            out = Arrays.copyOf(out, 2 * out.length);
        }
        if (settings.context() == ContextTakeover.RESET) {
            release();
        }
        if (!endsWithTail(out, size)) {
            throw new IllegalStateException("a sync flush did not end with 00 00 ff ff");
        }
        return Arrays.copyOf(out, size - TAIL.length);
    }
    // end::compress[]

    private Deflater deflater() {
        if (deflater == null) {
            deflater = new Deflater(level, true); // true: raw DEFLATE, no zlib header (RFC 7692 §7.2.1)
            LiveCodecs.made();
            // tag::huffman[]
            if (settings.maxWindowBits() < DirectionSettings.MAX_WINDOW_BITS) {
                // The JDK cannot narrow its 32 KiB window (its deflateInit2 call fixes 15 bits). Huffman codes
                // alone make no back-references at all, so no agreed window, however small, is exceeded.
                deflater.setStrategy(Deflater.HUFFMAN_ONLY);
                // The JDK applies a new strategy on the next deflate call and returns right after it, without
                // the flush asked for: apply it now, while there is no input.
                deflater.deflate(new byte[16], 0, 16, Deflater.NO_FLUSH);
            }
            // end::huffman[]
        }
        return deflater;
    }

    /** Tells whether the first {@code length} bytes end with {@link #TAIL}. */
    private static boolean endsWithTail(byte[] bytes, int length) {
        return length >= TAIL.length && Arrays.equals(bytes, length - TAIL.length, length, TAIL, 0, TAIL.length);
    }

    /** Tells whether a Deflater, with its native memory, is held now. */
    public boolean holdsNativeMemory() {
        return deflater != null;
    }

    private void release() {
        if (deflater != null) {
            deflater.end();
            deflater = null;
            LiveCodecs.ended();
        }
    }

    /** Releases the Deflater's native memory; the deflater may be used again afterwards (with a new window). */
    @Override
    public void close() {
        release();
    }
}
