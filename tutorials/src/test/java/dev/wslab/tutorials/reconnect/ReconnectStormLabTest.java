package dev.wslab.tutorials.reconnect;

import dev.wslab.client.Backoff.Jitter;
import dev.wslab.server.HandshakeRateLimiter;
import dev.wslab.tutorials.reconnect.ReconnectStormLab.Result;
import dev.wslab.tutorials.reconnect.ReconnectStormLab.Settings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100 clients, one server restart of 1 s, handshakes counted per 100 ms bucket by the new server. The
 * thresholds are loose on purpose: without jitter the whole population lands in one or two buckets; with
 * jitter no bucket gets even half of it.
 */
@DisplayName("lab: a reconnect storm after a server restart, without and with jitter")
class ReconnectStormLabTest {

    private static Result runAndPlot(String title, Settings settings) throws Exception {
        Result result = ReconnectStormLab.run(settings);
        System.out.printf("%s: server back after %d ms, %d handshakes reached it, %d opened, %d answered 429,"
                        + " %d clients back%n%s%n", title, result.down().toMillis(), result.handshakes().total(), result.opened(),
                result.refused429(), result.reconnected(), result.handshakes().plot(50));
        return result;
    }

    @Test
    @DisplayName("without jitter, every client comes back in the same instant: one or two buckets hold them all")
    void withoutJitterTheHandshakesBunchIntoOneOrTwoBuckets() throws Exception {
        // tag::no-jitter[]
        Result storm = runAndPlot("no jitter", Settings.of(Jitter.NONE));

        assertThat(storm.reconnected()).isEqualTo(100);
        assertThat(storm.handshakes().peakOfTwoNeighbours()).as(storm.handshakes().plot(50)).isGreaterThanOrEqualTo(90);
        // end::no-jitter[]
    }

    @Test
    @DisplayName("with full jitter, the same clients spread out: the busiest bucket holds a fraction of them")
    void withJitterThePeakBucketIsMuchLower() throws Exception {
        // tag::full-jitter[]
        Result spread = runAndPlot("full jitter", Settings.of(Jitter.FULL));

        assertThat(spread.reconnected()).isEqualTo(100);
        assertThat(spread.handshakes().peak()).as(spread.handshakes().plot(50)).isLessThanOrEqualTo(40);
        assertThat(spread.handshakes().busyBuckets()).isGreaterThanOrEqualTo(5);
        // end::full-jitter[]
    }

    @Test
    @DisplayName("with equal jitter (never less than half the delay), the peak is lower too")
    void withEqualJitterThePeakBucketIsLowerToo() throws Exception {
        Result spread = runAndPlot("equal jitter", Settings.of(Jitter.EQUAL));

        assertThat(spread.reconnected()).isEqualTo(100);
        assertThat(spread.handshakes().peak()).as(spread.handshakes().plot(50)).isLessThanOrEqualTo(50);
    }

    @Test
    @DisplayName("a per-IP handshake limit answers most of a storm with 429 and opens at most its burst at once")
    void theRateLimiterAnswers429ToTheStorm() throws Exception {
        // tag::rate-limit[]
        HandshakeRateLimiter limiter = HandshakeRateLimiter.of(2, 10); // per IP: 10 at once, then 2 per second
        Result limited = runAndPlot("no jitter, rate limit 10 at once + 2/s",
                Settings.of(Jitter.NONE).withRateLimiter(limiter, Duration.ofMillis(1500)));

        assertThat(limited.handshakes().peakOfTwoNeighbours()).as("the storm still arrives").isGreaterThanOrEqualTo(90);
        assertThat(limited.refused429()).as("cheaply refused").isGreaterThanOrEqualTo(75);
        assertThat(limited.opened()).as("accepted in the storm: the burst and a little refill").isLessThanOrEqualTo(20);
        // end::rate-limit[]
    }
}
