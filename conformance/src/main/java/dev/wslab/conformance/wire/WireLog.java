package dev.wslab.conformance.wire;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * WireLog records everything that crossed the wire in a case, both ways, with the time since the
 * connection opened: the bytes as written and read, the frames decoded from them, and notes on what the
 * suite did. It is the evidence behind every verdict. Thread-safe.
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

    /** Adds an entry stamped with the current time. */
    public synchronized void add(Direction direction, String text, byte[] bytes) {
        entries.add(new Entry(Duration.ofNanos(System.nanoTime() - startNanos), direction, text, bytes));
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
