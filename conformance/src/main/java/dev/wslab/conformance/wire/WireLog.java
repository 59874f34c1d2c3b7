package dev.wslab.conformance.wire;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * WireLog records everything that crossed the wire in a case, both ways, with the time since the
 * connection opened: the bytes as written and read, the frames decoded from them, and notes on what the
 * suite did. It is the evidence behind every verdict. Thread-safe.
 *
 * <p>A case that sends a thousand large messages would keep every byte of them: between
 * {@link #startSummary()} and {@link #endSummary()} the log only counts what crossed the wire, writes,
 * reads, frames and bytes per direction, and ends with one note that says how much; notes are kept.
 */
public final class WireLog {

    /** Which way an entry went. */
    public enum Direction {
        /** From the suite to the server. */
        SENT,
        /** From the server to the suite. */
        RECEIVED,
        /** Not on the wire: what the suite did or decided. */
        NOTE
    }

    /**
     * Entry is one line of the log.
     *
     * @param at the time since the TCP connection opened
     * @param direction which way the entry went
     * @param text a readable description (a decoded frame, an HTTP head, a note)
     * @param bytes the bytes on the wire for this entry; empty for notes and frames
     */
    public record Entry(Duration at, Direction direction, String text, byte[] bytes) {
        @Override
        public String toString() {
            String arrow = switch (direction) {
                case SENT -> ">";
                case RECEIVED -> "<";
                case NOTE -> "=";
            };
            String hex = bytes.length == 0 ? "" : "  [" + bytes.length + " bytes: " + preview(bytes) + "]";
            return String.format("%8.3f ms %s %s%s", at.toNanos() / 1e6, arrow, text, hex);
        }

        private static String preview(byte[] bytes) {
            int shown = Math.min(bytes.length, 48);
            return HexFormat.ofDelimiter(" ").formatHex(bytes, 0, shown) + (bytes.length > shown ? " ..." : "");
        }
    }

    private final long startNanos = System.nanoTime();
    private final List<Entry> entries = new ArrayList<>();
    /** What was counted instead of kept since {@link #startSummary()}; empty when every entry is kept. */
    private Optional<Tally> summary = Optional.empty();

    /** Writes or reads, frames and bytes of one direction, counted while the log summarises. */
    private static final class Tally {
        private final long[][] counts = new long[2][3]; // [SENT, RECEIVED][entries, frames, bytes]

        void count(Direction direction, int frames, int bytes) {
            long[] row = counts[direction.ordinal()];
            row[0]++;
            row[1] += frames;
            row[2] += bytes;
        }

        String describe(Direction direction, String entries) {
            long[] row = counts[direction.ordinal()];
            return row[1] + " frames in " + row[0] + " " + entries + ", " + row[2] + " bytes";
        }
    }

    /** Adds an entry stamped with the current time. */
    public void add(Direction direction, String text, byte[] bytes) {
        add(direction, text, bytes, 0);
    }

    /**
     * Adds an entry of {@code frames} whole frames (0: none ends in it) stamped with the current time; while
     * the log summarises, only counts it (a note is always kept).
     */
    public synchronized void add(Direction direction, String text, byte[] bytes, int frames) {
        if (summary.isPresent() && direction != Direction.NOTE) {
            summary.get().count(direction, frames, bytes.length);
            return;
        }
        entries.add(new Entry(Duration.ofNanos(System.nanoTime() - startNanos), direction, text, bytes));
    }

    /** From now on, counts the frames and bytes both ways instead of keeping them, until {@link #endSummary()}. */
    public synchronized void startSummary() {
        if (summary.isEmpty()) {
            summary = Optional.of(new Tally());
            note("the log summarises from here: frames and bytes are counted, not kept");
        }
    }

    /** Keeps every entry again, after a note of what was counted since {@link #startSummary()}. */
    public synchronized void endSummary() {
        summary.ifPresent(tally -> {
            summary = Optional.empty();
            note("summarised: sent " + tally.describe(Direction.SENT, "writes") + "; received "
                    + tally.describe(Direction.RECEIVED, "reads"));
        });
    }

    /** Adds a note. */
    public void note(String text) {
        add(Direction.NOTE, text, new byte[0]);
    }

    /** Returns the time since the log started. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Returns a copy of the entries so far. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
