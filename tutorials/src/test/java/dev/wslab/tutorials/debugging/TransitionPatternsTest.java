package dev.wslab.tutorials.debugging;

import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.server.Transition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("TransitionPatterns on a hand-written log")
class TransitionPatternsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 50001);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 50002);

    private static Transition at(long millis, InetSocketAddress remote, ConnectionState state, String detail) {
        return new Transition(T0.plusMillis(millis), remote, state, detail);
    }

    @Test
    @DisplayName("a handshake that never completes counts as slow CONNECTING, up to its CLOSED line")
    void connectingThatNeverOpens() {
        List<Transition> log = List.of(
                at(0, A, ConnectionState.CONNECTING, ""),
                at(10, B, ConnectionState.CONNECTING, ""),
                at(15, B, ConnectionState.OPEN, "/echo"),
                at(10_000, A, ConnectionState.CLOSED, "before the handshake completed: Read timed out"));

        assertThat(TransitionPatterns.slowConnecting(log, Duration.ofSeconds(2)))
                .singleElement()
                .satisfies(life -> {
                    assertThat(life.remote()).isEqualTo(A);
                    assertThat(life.opened()).isEmpty();
                    assertThat(life.connectingFor()).contains(Duration.ofSeconds(10));
                    assertThat(life.closeDetail()).contains("Read timed out");
                });
    }

    @Test
    @DisplayName("a client port used again later is a new connection, not the same one")
    void portReuse() {
        List<Transition> log = List.of(
                at(0, A, ConnectionState.CONNECTING, ""),
                at(5, A, ConnectionState.OPEN, "/feed"),
                at(8, A, ConnectionState.CLOSED, "code=4001"),
                at(60_000, A, ConnectionState.CONNECTING, ""),
                at(60_005, A, ConnectionState.OPEN, "/feed"));

        assertThat(TransitionPatterns.lives(log)).hasSize(2);
        assertThat(TransitionPatterns.shortLived(log, Duration.ofSeconds(1))).hasSize(1);
        assertThat(TransitionPatterns.thrashing(log, 2, Duration.ofSeconds(1))).isFalse();
    }
}
