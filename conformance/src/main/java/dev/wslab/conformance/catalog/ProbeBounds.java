package dev.wslab.conformance.catalog;

import java.time.Duration;
import java.util.Objects;

/**
 * ProbeBounds are how long the robustness probes wait for a server's own timeouts. A server that closes
 * sooner ends the wait at once; only a server that never closes costs the whole patience.
 *
 * @param handshakePatience how long a slowloris or silent connection may stay open before the probe fails:
 *     default 30 s, three times the 10 s handshake deadline of python-websockets, Netty and uWebSockets
 * @param idlePatience how long a connection stalled inside a frame, or a dead peer, may stay open: default
 *     60 s, longer than a 20 s ping interval plus a 20 s pong timeout, and Jetty's 30 s idle timeout
 * @param trickleInterval the time between two lines of a slowloris request: default 2 s, shorter than any
 *     inactivity timer worth having, so that only an absolute deadline ends the request
 * @param floodBytes how many bytes the oversized fragmented message carries: default 64 MiB, four times the
 *     16 MiB that Autobahn's section 9 needs, and 64 times python-websockets' 1 MiB limit
 * @param floodFragments how many one-byte fragments the fragment-count flood sends: default 1,000,000; the
 *     Ping flood sends a tenth as many Pings of 125 bytes (12.5 MiB of Pings by default)
 */
public record ProbeBounds(Duration handshakePatience, Duration idlePatience, Duration trickleInterval,
                          int floodBytes, int floodFragments) {

    /** The bounds above. */
    // tag::defaults[]
    public static final ProbeBounds DEFAULTS = new ProbeBounds(Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(2), 64 << 20, 1_000_000);
    // end::defaults[]

    public ProbeBounds {
        Objects.requireNonNull(handshakePatience, "handshakePatience");
        Objects.requireNonNull(idlePatience, "idlePatience");
        Objects.requireNonNull(trickleInterval, "trickleInterval");
        if (handshakePatience.isNegative() || handshakePatience.isZero() || idlePatience.isNegative()
                || idlePatience.isZero() || trickleInterval.isNegative() || trickleInterval.isZero()) {
            throw new IllegalArgumentException("probe bounds are positive durations");
        }
        if (floodBytes < 8192 || floodFragments < 1) {
            throw new IllegalArgumentException("a flood has at least 8 KiB and one fragment");
        }
    }
}
