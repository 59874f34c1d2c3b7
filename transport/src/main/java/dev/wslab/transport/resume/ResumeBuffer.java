package dev.wslab.transport.resume;

import dev.wslab.transport.resume.ResumeProtocol.Numbered;

import java.util.ArrayDeque;
import java.util.List;

/**
 * ResumeBuffer is the server's half of {@link ResumeProtocol}: it numbers each outgoing message and keeps
 * the last {@code capacity} of them, so that a client that reconnects can be sent what it missed.
 *
 * <p>Bounded on purpose: a client gone for too long is told there is a gap rather than making the server
 * hold messages without limit. Pure Java, no I/O; thread-safe.
 */
public final class ResumeBuffer {

    /** Replay is what a client gets back for its resume request. */
    public sealed interface Replay {
        /** The messages after the client's last id, oldest first; empty when it missed nothing. */
        record Messages(List<Numbered> messages) implements Replay {
            public Messages {
                messages = List.copyOf(messages);
            }
        }

        /** Messages after the client's last id were already dropped: the oldest still held is {@code oldestHeld}. */
        record Gap(long oldestHeld) implements Replay {
        }
    }

    private final int capacity;
    private final ArrayDeque<Numbered> held;
    private long lastId;

    /** Creates a buffer that keeps the last {@code capacity} messages. */
    public ResumeBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.held = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** Numbers {@code payload} with the next id, keeps it (dropping the oldest if full), and returns it. */
    public synchronized Numbered append(String payload) {
        Numbered message = new Numbered(++lastId, payload);
        if (held.size() == capacity) {
            held.removeFirst();
        }
        held.addLast(message);
        return message;
    }

    /**
     * Returns what a client whose last message was {@code lastSeen} missed.
     *
     * @throws IllegalArgumentException when {@code lastSeen} is negative or an id not sent yet
     */
    public synchronized Replay replayAfter(long lastSeen) {
        if (lastSeen < 0 || lastSeen > lastId) {
            throw new IllegalArgumentException("the client claims message " + lastSeen + ", but the last sent is "
                    + lastId);
        }
        long oldestHeld = held.isEmpty() ? lastId + 1 : held.getFirst().id();
        if (lastSeen + 1 < oldestHeld) {
            return new Replay.Gap(oldestHeld);
        }
        return new Replay.Messages(held.stream().filter(m -> m.id() > lastSeen).toList());
    }

    /** Returns the id of the last message appended, 0 if none. */
    public synchronized long lastId() {
        return lastId;
    }
}
