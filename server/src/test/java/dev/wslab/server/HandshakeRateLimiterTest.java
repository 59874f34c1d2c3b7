package dev.wslab.server;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("HandshakeRateLimiter: a token bucket per address")
class HandshakeRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final HandshakeRateLimiter limiter = new HandshakeRateLimiter(2, 3, now::get);

    @Test
    void allowsABurstThenSaysHowLongToWait() throws Exception {
        InetAddress a = InetAddress.getByName("10.0.0.1");

        assertThat(limiter.tryAcquire(a)).isZero();
        assertThat(limiter.tryAcquire(a)).isZero();
        assertThat(limiter.tryAcquire(a)).isZero();
        assertThat(limiter.tryAcquire(a)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refillsAtTheConfiguredRate() throws Exception {
        InetAddress a = InetAddress.getByName("10.0.0.1");
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(a);
        }

        now.addAndGet(Duration.ofMillis(500).toNanos());

        assertThat(limiter.tryAcquire(a)).isZero();
        assertThat(limiter.tryAcquire(a)).isPositive();
    }

    @Test
    void keepsOneBucketPerAddress() throws Exception {
        InetAddress a = InetAddress.getByName("10.0.0.1");
        InetAddress b = InetAddress.getByName("10.0.0.2");
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(a);
        }

        assertThat(limiter.tryAcquire(a)).isPositive();
        assertThat(limiter.tryAcquire(b)).isZero();
    }
}
