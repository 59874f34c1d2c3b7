package dev.wslab.tutorials.heartbeat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@DisplayName("heartbeat timings from the path's idle timeouts")
class HeartbeatPlanTest {

    private static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }

    // tag::numbers[]
    @Test
    @DisplayName("behind an AWS ALB (60 s): ping every 25 s, pong within 10 s, watchdog at 35 s")
    void albSixtySeconds() {
        HeartbeatPlan plan = HeartbeatPlan.forPath(seconds(60));
        assertThat(plan).isEqualTo(new HeartbeatPlan(seconds(25), seconds(10), seconds(35)));
    }

    @Test
    @DisplayName("the shortest idle timeout on the path decides: Cloudflare 100 s, then an ALB 60 s")
    void shortestWins() {
        HeartbeatPlan plan = HeartbeatPlan.forPath(seconds(100), seconds(60), seconds(3600));
        assertThat(plan.pingInterval()).isEqualTo(seconds(25));
        assertThat(HeartbeatPlan.forPath(seconds(100)).pingInterval()).isBetween(seconds(41), seconds(42));
    }

    @Test
    @DisplayName("the war story: 55 s pings against a 60 s idle timeout die of one 6 s delay; 25 s pings do not")
    void warStory() {
        Duration jitter = seconds(6);                           // one ping went out at 61 s instead of 55 s
        assertThat(HeartbeatPlan.survives(seconds(55), seconds(60), jitter)).isFalse();
        assertThat(HeartbeatPlan.survives(seconds(25), seconds(60), jitter)).isTrue();
        assertThat(HeartbeatPlan.survives(seconds(25), seconds(60), seconds(30))).as("even a 30 s stall").isTrue();
    }
    // end::numbers[]

    @Test
    void aPathNeedsAPositiveIdleTimeout() {
        assertThatIllegalArgumentException().isThrownBy(HeartbeatPlan::forPath);
        assertThatIllegalArgumentException().isThrownBy(() -> HeartbeatPlan.forPath(Duration.ZERO));
    }
}
