package dev.wslab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AcceptBackoff: the accept loop pauses after failures instead of spinning")
class AcceptBackoffTest {

    @Test
    void pausesDoubleFrom50MillisecondsUpTo1600() {
        AcceptBackoff backoff = new AcceptBackoff();
        List<Long> pauses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pauses.add(backoff.failed().toMillis());
        }
        assertThat(pauses).containsExactly(50L, 100L, 200L, 400L, 800L, 1600L, 1600L, 1600L);
    }

    @Test
    void aSuccessfulAcceptStartsOver() {
        AcceptBackoff backoff = new AcceptBackoff();
        backoff.failed();
        backoff.failed();
        backoff.succeeded();
        assertThat(backoff.failed()).isEqualTo(Duration.ofMillis(50));
    }
}
