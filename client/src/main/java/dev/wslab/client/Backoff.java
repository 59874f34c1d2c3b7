package dev.wslab.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Backoff is how long a {@link ReconnectingClient} waits before its next attempt: exponential, capped,
 * and spread by jitter so that clients dropped together (a server restart) do not come back together
 * and knock it over again (a reconnect storm).
 *
 * <p>Before attempt {@code n} (0 after the first failure) the ceiling is {@code min(cap, base * factor^n)}.
 *
 * @param base the first ceiling
 * @param factor how much the ceiling grows per failed attempt, at least 1
 * @param cap the largest ceiling
 * @param jitter how the delay is drawn under the ceiling
 */
public record Backoff(Duration base, double factor, Duration cap, Jitter jitter) {

    // tag::jitter[]
    /** Jitter says how a delay is drawn from the ceiling {@code c}, with {@code r} uniform in [0, 1). */
    public enum Jitter {
        /** The ceiling itself: clients dropped together retry together. */
        NONE,
        /** {@code r * c}: the widest spread, the fewest collisions ("full jitter"). */
        FULL,
        /** {@code c/2 + r * c/2}: never shorter than half the ceiling ("equal jitter"). */
        EQUAL,
        /** {@code c + r * c/2}: the ceiling plus a random extra of up to half of it, as browser clients often do. */
        UP_TO_HALF_MORE
    }
    // end::jitter[]

    /** Half a second, doubling, capped at 30 s, full jitter. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), 2.0, Duration.ofSeconds(30), Jitter.FULL);

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(jitter, "jitter");
        if (base.isNegative() || cap.isNegative() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 <= base <= cap, got base " + base + ", cap " + cap);
        }
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("the factor must be a finite number >= 1, got " + factor);
        }
    }

    // tag::delay[]
    /** Returns the ceiling before attempt {@code attempt} (0-based): {@code min(cap, base * factor^attempt)}. */
    public Duration ceiling(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0, got " + attempt);
        }
        double nanos = base.toNanos() * Math.pow(factor, attempt); // may be Infinity: then the cap wins
        return nanos >= cap.toNanos() ? cap : Duration.ofNanos((long) nanos);
    }

    /** Returns the delay before attempt {@code attempt}, drawn with {@code random.nextDouble()} as the jitter says. */
    public Duration delay(int attempt, RandomGenerator random) {
        long ceiling = ceiling(attempt).toNanos();
        return Duration.ofNanos(switch (jitter) {
            case NONE -> ceiling;
            case FULL -> (long) (ceiling * random.nextDouble());
            case EQUAL -> ceiling / 2 + (long) (ceiling / 2 * random.nextDouble());
            case UP_TO_HALF_MORE -> ceiling + (long) (ceiling / 2 * random.nextDouble());
        });
    }
    // end::delay[]

    /** Returns a copy with another jitter. */
    public Backoff withJitter(Jitter jitter) {
        return new Backoff(base, factor, cap, jitter);
    }
}
