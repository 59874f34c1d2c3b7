package dev.wslab.client;

import dev.wslab.client.Backoff.Jitter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@DisplayName("Backoff")
class BackoffTest {

    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), Jitter.NONE);

    /** A random whose nextDouble() is always {@code value}. */
    static RandomGenerator always(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextDouble() is used");
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    private static List<Long> delaysMillis(Backoff backoff, RandomGenerator random, int count) {
        return IntStream.range(0, count).mapToObj(n -> backoff.delay(n, random).toMillis()).toList();
    }

    @Test
    void withoutJitterTheDelayIsBaseTimesFactorToTheAttemptCappedAtTheCap() {
        assertThat(delaysMillis(BACKOFF, always(0.5), 6)).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
    }

    @Test
    void fullJitterDrawsTheDelayBetweenZeroAndTheCeiling() {
        assertThat(delaysMillis(BACKOFF.withJitter(Jitter.FULL), always(0.5), 6))
                .containsExactly(50L, 100L, 200L, 400L, 500L, 500L);
        assertThat(BACKOFF.withJitter(Jitter.FULL).delay(3, always(0.0))).isZero();
    }

    @Test
    void equalJitterKeepsHalfTheCeilingAndDrawsTheOtherHalf() {
        assertThat(delaysMillis(BACKOFF.withJitter(Jitter.EQUAL), always(0.5), 6))
                .containsExactly(75L, 150L, 300L, 600L, 750L, 750L);
        assertThat(BACKOFF.withJitter(Jitter.EQUAL).delay(0, always(0.0))).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void upToHalfMoreKeepsTheCeilingAndAddsUpToHalfOfItAgain() {
        assertThat(delaysMillis(BACKOFF.withJitter(Jitter.UP_TO_HALF_MORE), always(0.5), 6))
                .containsExactly(125L, 250L, 500L, 1000L, 1250L, 1250L);
        assertThat(BACKOFF.withJitter(Jitter.UP_TO_HALF_MORE).delay(0, always(0.0))).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void everyJitteredDelayStaysWithinItsBoundsForAnyRandomSequence() {
        RandomGenerator random = new SplittableRandom(6455);
        for (int attempt = 0; attempt < 200; attempt++) {
            Duration ceiling = BACKOFF.ceiling(attempt);
            assertThat(BACKOFF.withJitter(Jitter.FULL).delay(attempt, random)).isBetween(Duration.ZERO, ceiling);
            assertThat(BACKOFF.withJitter(Jitter.EQUAL).delay(attempt, random)).isBetween(ceiling.dividedBy(2), ceiling);
            assertThat(BACKOFF.withJitter(Jitter.UP_TO_HALF_MORE).delay(attempt, random))
                    .isBetween(ceiling, ceiling.plus(ceiling.dividedBy(2)));
        }
    }

    @Test
    void aHugeAttemptNumberDoesNotOverflowPastTheCap() {
        assertThat(BACKOFF.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void rejectsAFactorBelowOneAndACapBelowTheBase() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new Backoff(Duration.ofMillis(100), 0.5, Duration.ofSeconds(1), Jitter.NONE));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new Backoff(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), Jitter.NONE));
    }
}
