package dev.wslab.client;

import dev.wslab.protocol.connection.Event;
import dev.wslab.transport.SessionObserver;
import dev.wslab.transport.WebSocketSession;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * MessageWatchdog notices when no message arrived for a configured gap: a feed that should tick every
 * second and went quiet, although Pings may still be answered (heartbeats prove the connection lives;
 * only the application knows whether the data should flow).
 *
 * <p>Give it to the session as an observer ({@link ClientOptions#withObserver}, or combined with others by
 * {@link ClientObserver#all}); it reports each silence once, until the next message. {@link #check()} is
 * the whole logic, so tests drive it with their own clock; {@link #start()} calls it on a virtual thread.
 */
public final class MessageWatchdog implements SessionObserver, AutoCloseable {

    /** Listener is told that no message arrived for {@code silence} (at least the gap). */
    @FunctionalInterface
    public interface Listener {
        void silent(Duration silence);
    }

    private final Duration gap;
    private final InstantSource clock;
    private final Listener listener;
    private Instant lastMessage;
    private boolean reported;
    private volatile Thread thread;

    /** Creates a watchdog that reports a gap of {@code gap} without messages, measured by {@code clock}. */
    public MessageWatchdog(Duration gap, InstantSource clock, Listener listener) {
        if (gap.isNegative() || gap.isZero()) {
            throw new IllegalArgumentException("the gap must be positive, got " + gap);
        }
        this.gap = gap;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.lastMessage = clock.instant();
    }

    /** A message (or the opening) restarts the count. Pings and Pongs do not: they are not data. */
    @Override
    public void event(WebSocketSession session, Event event) {
        if (event instanceof Event.TextMessage || event instanceof Event.BinaryMessage
                || event instanceof Event.Opened) {
            synchronized (this) {
                lastMessage = clock.instant();
                reported = false;
            }
        }
    }

    /**
     * Reports a silence if the gap has passed since the last message and this silence was not reported yet.
     *
     * @return whether the listener was told
     */
    public boolean check() {
        Duration silence;
        synchronized (this) {
            silence = Duration.between(lastMessage, clock.instant());
            if (reported || silence.compareTo(gap) < 0) {
                return false;
            }
            reported = true;
        }
        listener.silent(silence);
        return true;
    }

    /** Returns when the last message arrived (or when the watchdog was created, if none did). */
    public synchronized Instant lastMessage() {
        return lastMessage;
    }

    /** Starts checking on a virtual thread, four times per gap, until {@link #close()}; returns this. */
    public MessageWatchdog start() {
        Duration quarter = gap.dividedBy(4);
        Duration period = quarter.compareTo(Duration.ofMillis(5)) < 0 ? Duration.ofMillis(5) : quarter;
        thread = Thread.ofVirtual().name("ws-watchdog").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(period);
                    check();
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
        return this;
    }

    /** Stops the checking thread, if started. */
    @Override
    public void close() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }
}
