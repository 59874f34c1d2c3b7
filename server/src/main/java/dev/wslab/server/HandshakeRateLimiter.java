package dev.wslab.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * HandshakeRateLimiter limits how often one IP address may attempt a WebSocket handshake: a token
 * bucket per address, holding at most {@code burst} tokens and refilled at {@code perSecond}. Each
 * attempt takes a token; an attempt that finds none is answered 429 Too Many Requests with a
 * {@code Retry-After} (RFC 6585 §4), which protects the server from a reconnect storm by a buggy client.
 *
 * <p>The clock is injectable ({@code System::nanoTime} in production) so that tests need not sleep.
 * Buckets of addresses not seen for a while are dropped, so memory does not grow with every address ever
 * seen.
 */
public final class HandshakeRateLimiter {

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Map<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();

    /** Tokens and when they were last counted (nanoTime). */
    private record Bucket(double tokens, long at) {
    }

    /** Returns a limiter allowing {@code burst} attempts at once and {@code perSecond} in the long run. */
    public HandshakeRateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("perSecond must be positive and burst at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Returns a limiter on the system clock. */
    public static HandshakeRateLimiter of(double perSecond, int burst) {
        return new HandshakeRateLimiter(perSecond, burst, System::nanoTime);
    }

    /**
     * Takes a token for {@code address}. Returns {@link Duration#ZERO} when the attempt may go on, else
     * how long until a token is back (for {@code Retry-After}).
     */
    public Duration tryAcquire(InetAddress address) {
        long now = nanoClock.getAsLong();
        Duration[] wait = {Duration.ZERO};
        buckets.compute(address, (key, bucket) -> {
            double tokens = bucket == null ? burst
                    : Math.min(burst, bucket.tokens() + (now - bucket.at()) / 1e9 * perSecond);
            if (tokens >= 1) {
                return new Bucket(tokens - 1, now);
            }
            wait[0] = Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9));
            return new Bucket(tokens, now);
        });
        if (buckets.size() > 10_000) {
            forgetFullBuckets(now);
        }
        return wait[0];
    }

    /** Drops the buckets that have refilled completely: they behave exactly like a new one. */
    private void forgetFullBuckets(long now) {
        buckets.entrySet().removeIf(entry -> entry.getValue().tokens() + (now - entry.getValue().at()) / 1e9 * perSecond >= burst);
    }
}
