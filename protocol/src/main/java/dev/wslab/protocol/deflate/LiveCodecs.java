package dev.wslab.protocol.deflate;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the {@link java.util.zip.Deflater}s and {@link java.util.zip.Inflater}s that {@link MessageDeflater}
 * and {@link MessageInflater} hold in this JVM: each holds native (zlib) memory that the garbage collector
 * does not see, so every one made must be ended. When no connection is open the count is 0; a count that
 * stays above 0 is a leak. The few spare Inflaters that no connection holds ({@link SpareInflaters}) are
 * not counted.
 */
public final class LiveCodecs {

    private static final AtomicLong LIVE = new AtomicLong();

    private LiveCodecs() {
    }

    /** Returns how many Deflaters and Inflaters are held now, made and not yet ended. */
    public static long count() {
        return LIVE.get();
    }

    static void made() {
        LIVE.incrementAndGet();
    }

    static void ended() {
        LIVE.decrementAndGet();
    }
}
