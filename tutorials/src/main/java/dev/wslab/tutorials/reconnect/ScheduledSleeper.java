package dev.wslab.tutorials.reconnect;

import dev.wslab.client.ReconnectingClient;

import java.time.Duration;

/**
 * ScheduledSleeper is the storm lab's {@link ReconnectingClient.Sleeper}: it sleeps the {@code Backoff}'s
 * delays, but counts each one from where the previous one ended, starting at the instant the server went
 * down, not from whenever the client got round to sleeping.
 *
 * <p>Why: a crash drops every TCP connection in the same instant, and a real client retries in a fraction
 * of a millisecond. A hundred lab clients share two cores: the old server needs a few hundred milliseconds
 * to close all their sessions, and every failed attempt waits for a free core. Without a schedule that
 * noise would spread the clients out by itself, a jitter the lab did not ask for.
 */
final class ScheduledSleeper implements ReconnectingClient.Sleeper {

    private volatile long anchor = System.nanoTime();

    /** The session dropped when the server went down at {@code nanoTime}: the next delay counts from then. */
    void droppedAt(long nanoTime) {
        anchor = nanoTime;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        long deadline = anchor + duration.toNanos();
        anchor = deadline;
        long left = deadline - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }
}
