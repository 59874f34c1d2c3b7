package dev.wslab.tutorials.reconnect;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * HandshakeHistogram counts events (handshakes reaching the server) per time bucket after a moment (the
 * restart), and draws them as text: one row per bucket, one {@code #} per handshake (scaled down when a
 * bucket holds more than fits).
 *
 * @param bucket the width of one bucket, e.g. 100 ms
 * @param counts the events in bucket 0, 1, 2, ...
 */
public record HandshakeHistogram(Duration bucket, List<Integer> counts) {

    public HandshakeHistogram {
        Objects.requireNonNull(bucket, "bucket");
        if (bucket.isNegative() || bucket.isZero()) {
            throw new IllegalArgumentException("a bucket must be longer than zero, got " + bucket);
        }
        counts = List.copyOf(counts);
    }

    /** Returns the histogram of events at {@code offsets} (nanoseconds after the start; negative ones are dropped). */
    public static HandshakeHistogram of(List<Long> offsets, Duration bucket) {
        long width = bucket.toNanos();
        int buckets = (int) (offsets.stream().mapToLong(Long::longValue).max().orElse(-1) / width + 1);
        int[] counts = new int[Math.max(0, buckets)];
        for (long offset : offsets) {
            if (offset >= 0) {
                counts[(int) (offset / width)]++;
            }
        }
        return new HandshakeHistogram(bucket, Arrays.stream(counts).boxed().toList());
    }

    /** Returns all events counted. */
    public int total() {
        return counts.stream().mapToInt(Integer::intValue).sum();
    }

    /** Returns the most events in one bucket: what the server must survive. */
    public int peak() {
        return counts.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Returns the most events in two neighbouring buckets (a wave may straddle a bucket boundary). */
    public int peakOfTwoNeighbours() {
        int best = peak();
        for (int i = 1; i < counts.size(); i++) {
            best = Math.max(best, counts.get(i - 1) + counts.get(i));
        }
        return best;
    }

    /** Returns how many buckets hold at least one event. */
    public int busyBuckets() {
        return (int) counts.stream().filter(count -> count > 0).count();
    }

    // tag::plot[]
    /** Draws one row per bucket, from the first busy bucket to the last: its start, a bar and the count. */
    public String plot(int width) {
        int first = 0;
        while (first < counts.size() && counts.get(first) == 0) {
            first++;
        }
        double scale = peak() <= width ? 1.0 : (double) width / peak();
        StringBuilder out = new StringBuilder();
        for (int i = first; i < counts.size(); i++) {
            int count = counts.get(i);
            String bar = "#".repeat((int) Math.ceil(count * scale));
            out.append(String.format("%6d ms |%-" + width + "s %d%n", i * bucket.toMillis(), bar, count));
        }
        return out.toString();
    }
    // end::plot[]
}
