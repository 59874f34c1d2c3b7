package dev.wslab.tutorials.heartbeat;

import dev.wslab.transport.SessionOptions;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;

/**
 * HeartbeatPlan derives the three heartbeat timings from the shortest idle timeout on the path (nginx's
 * {@code proxy_read_timeout}, an AWS ALB's idle timeout, Cloudflare's 100 s...).
 *
 * @param pingInterval how often to ping: a bit under half the shortest idle timeout (5/12 of it), so
 *     that even a ping delayed by a stalled thread or a long GC pause comes long before the timeout.
 *     60 s gives 25 s.
 * @param pongTimeout how long to wait for the pong before calling the connection dead: 2/5 of the
 *     interval (10 s for a 25 s interval)
 * @param watchdogGap after how long without any message a client warns: 7/5 of the interval (35 s for a
 *     25 s interval), more than one ping interval, so one slow round trip does not raise it
 */
public record HeartbeatPlan(Duration pingInterval, Duration pongTimeout, Duration watchdogGap) {

    // tag::plan[]
    /** Returns the plan for a path whose shortest idle timeout is the smallest of {@code idleTimeouts}. */
    public static HeartbeatPlan forPath(Duration... idleTimeouts) {
        Duration shortest = Arrays.stream(idleTimeouts).min(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalArgumentException("name at least one idle timeout"));
        if (shortest.isNegative() || shortest.isZero()) {
            throw new IllegalArgumentException("idle timeouts are positive, got " + shortest);
        }
        Duration ping = shortest.multipliedBy(5).dividedBy(12);   // 60 s -> 25 s
        Duration pong = ping.multipliedBy(2).dividedBy(5);        // 25 s -> 10 s
        Duration watchdog = ping.multipliedBy(7).dividedBy(5);    // 25 s -> 35 s
        return new HeartbeatPlan(ping, pong, watchdog);
    }

    /**
     * Whether a ping sent every {@code pingInterval} still reaches a middlebox with {@code idleTimeout}
     * when a ping can be late by up to {@code worstDelay} (scheduling, GC pauses, a busy event loop).
     */
    public static boolean survives(Duration pingInterval, Duration idleTimeout, Duration worstDelay) {
        return pingInterval.plus(worstDelay).compareTo(idleTimeout) < 0;
    }
    // end::plan[]

    /** Returns session options that ping on this plan (for a client, or for a server's builder). */
    public SessionOptions sessionOptions() {
        return SessionOptions.DEFAULTS.withHeartbeat(pingInterval, pongTimeout);
    }
}
