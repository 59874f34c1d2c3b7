package dev.wslab.protocol.deflate;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Inflater;

/**
 * A few Inflaters kept for the messages received without context takeover, shared by all connections of
 * this JVM. Such a message starts from an empty window (RFC 7692 §7.1.1.1), so any Inflater that was reset
 * will do; making a new one for each message costs more than inflating a small message (zlib allocates its
 * state and, on first use, its 32 KiB window). A connection takes one when a compressed message starts and
 * gives it back when the message ends, so an idle connection still holds none.
 *
 * <p>At most {@link #MOST} are kept, about 40 KiB of native memory each; one given back beyond that is ended.
 */
final class SpareInflaters {

    /** Two per processor: as many messages as can be inflating at once, and a few more. */
    static final int MOST = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private static final ConcurrentLinkedDeque<Inflater> SPARE = new ConcurrentLinkedDeque<>();
    private static final AtomicInteger KEPT = new AtomicInteger();

    private SpareInflaters() {
    }

    /** Returns a spare Inflater for raw DEFLATE, reset, or a new one when none is spare. */
    static Inflater take() {
        Inflater spare = SPARE.pollFirst();
        if (spare == null) {
            return new Inflater(true); // raw DEFLATE; reads any window from 8 to 15 bits
        }
        KEPT.decrementAndGet();
        return spare;
    }

    /** Takes back an Inflater whose message has ended: it is reset and kept, or ended when enough are kept. */
    static void giveBack(Inflater inflater) {
        if (KEPT.incrementAndGet() > MOST) {
            KEPT.decrementAndGet();
            inflater.end();
            return;
        }
        inflater.reset();
        SPARE.offerFirst(inflater);
    }

    /** Returns how many are kept now. */
    static int kept() {
        return KEPT.get();
    }
}
