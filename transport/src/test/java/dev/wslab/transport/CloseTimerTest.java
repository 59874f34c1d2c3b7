package dev.wslab.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The close timer counts its deadline from the moment it is armed; a held Close that is finally sent restarts it,
 * so that the closing handshake gets the whole timeout from then. The clock is the test's: nothing here waits.
 */
@DisplayName("CloseTimer: when the deadline is counted from")
class CloseTimerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final CloseTimer timer = new CloseTimer(TIMEOUT, () -> { }, "close-timer-test", now::get);

    @AfterEach
    void stop() {
        timer.stop();
    }

    @Test
    void armedTheTimeoutFromNow() {
        assertThat(timer.deadline()).isEmpty();
        timer.arm();
        assertThat(timer.deadline()).isEqualTo(OptionalLong.of(1_010 * SECOND));
    }

    @Test
    @DisplayName("arming an armed timer keeps the earliest deadline")
    void armingAgainKeepsTheDeadline() {
        timer.arm();
        now.addAndGet(4 * SECOND);
        timer.arm();
        assertThat(timer.deadline()).isEqualTo(OptionalLong.of(1_010 * SECOND));
    }

    @Test
    @DisplayName("a held Close sent 4 s after the violation gets the whole timeout from then")
    void restartCountsFromTheMomentTheHeldCloseIsSent() {
        timer.arm(); // the violation was found while messages before it were still unanswered
        now.addAndGet(4 * SECOND);
        timer.restart(); // the held Close goes out now
        assertThat(timer.deadline()).isEqualTo(OptionalLong.of(1_014 * SECOND));
    }

    @Test
    void aStoppedTimerIsNotArmedAgain() {
        timer.stop();
        timer.restart();
        assertThat(timer.deadline()).isEmpty();
    }
}
