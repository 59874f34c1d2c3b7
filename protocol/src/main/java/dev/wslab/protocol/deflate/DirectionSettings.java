package dev.wslab.protocol.deflate;

import java.util.Objects;

/**
 * What was agreed for the messages of one direction (server to client, or client to server): whether the
 * compressor keeps its window between messages, and how far back its references may reach.
 *
 * @param context        whether the sender keeps its LZ77 window from one message to the next
 * @param maxWindowBits  the sender's window is at most 2^maxWindowBits bytes, 8 to 15 (RFC 7692 §7.1.2);
 *                       15, a 32 KiB window, when nothing was said
 */
public record DirectionSettings(ContextTakeover context, int maxWindowBits) {

    /** The smallest and largest window a peer may agree to (RFC 7692 §7.1.2.1). */
    public static final int MIN_WINDOW_BITS = 8;
    public static final int MAX_WINDOW_BITS = 15;

    /** What holds when a response says nothing about this direction: context kept, a 32 KiB window. */
    public static final DirectionSettings DEFAULT = new DirectionSettings(ContextTakeover.KEPT, MAX_WINDOW_BITS);

    public DirectionSettings {
        Objects.requireNonNull(context, "context");
        if (maxWindowBits < MIN_WINDOW_BITS || maxWindowBits > MAX_WINDOW_BITS) {
            throw new IllegalArgumentException("window bits are 8 to 15 (RFC 7692 §7.1.2), got " + maxWindowBits);
        }
    }
}
