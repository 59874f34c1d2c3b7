package dev.wslab.conformance.deflate;

import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.deflate.MessageDeflater;

import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * CompressedSeries is the messages of sections 12 and 13 compressed once, for every case that sends them.
 * Every offer of those sections carries {@code client_no_context_takeover}, with which the client says it
 * will not take its context over (RFC 7692 §7.1.1.2): each message is compressed on its own, with an empty
 * window, so the same message always compresses to the same bytes, and a receiver can inflate it whether
 * or not it keeps its own window. 12.1.10 and 12.1.15 to 12.1.18 send the same 1000 messages of 128 KiB,
 * only cut into frames differently, and section 13 sends 12.1's: compressing 10 GB of messages comes down
 * to compressing 1.3 GB.
 *
 * <p>The suite compresses at zlib's fastest level: any level is valid DEFLATE, which the server must
 * inflate whatever the sender chose (RFC 7692 §7.2.2), and the slower levels would make compressing, not
 * the server, the measure of the run (at level 6 the suite's generated JSON compresses about five times
 * slower). A series is kept as long as memory allows (a soft reference): a case that sends it holds it.
 */
public final class CompressedSeries {

    /** zlib's fastest level (1). */
    static final int LEVEL = Deflater.BEST_SPEED;

    /** How many messages are compressed at a time, ahead of the case that asks for them. */
    private static final int BATCH = 32;

    private record Key(DataSet data, int messageSize, int windowBits) {
    }

    private static final Map<Key, SoftReference<CompressedSeries>> CACHE = new HashMap<>();

    private final Key key;
    private final List<byte[]> compressed = new ArrayList<>();

    private CompressedSeries(Key key) {
        this.key = key;
    }

    /**
     * Returns the series of {@code echoes}' messages compressed within a window of {@code windowBits}
     * (RFC 7692 §7.1.2.2: what the server allowed the client; below 15 the core's deflater makes no
     * back-references at all).
     */
    public static CompressedSeries of(CompressedEchoes echoes, int windowBits) {
        Key key = new Key(echoes.data(), echoes.messageSize(), windowBits);
        synchronized (CACHE) {
            SoftReference<CompressedSeries> kept = CACHE.get(key);
            CompressedSeries series = kept == null ? null : kept.get();
            if (series == null) {
                series = new CompressedSeries(key);
                CACHE.put(key, new SoftReference<>(series));
            }
            return series;
        }
    }

    /**
     * Returns the {@code index}-th message (from 0) compressed, its tail removed (RFC 7692 §7.2.1): the
     * array is shared, never to be changed.
     */
    public synchronized byte[] message(int index) {
        if (index >= compressed.size()) {
            DirectionSettings alone = new DirectionSettings(ContextTakeover.RESET, key.windowBits());
            try (MessageDeflater deflater = new MessageDeflater(alone, LEVEL)) {
                for (int i = compressed.size(); i <= index + BATCH; i++) {
                    compressed.add(deflater.compress(key.data().slice((long) i * key.messageSize(), key.messageSize())));
                }
            }
        }
        return compressed.get(index);
    }
}
