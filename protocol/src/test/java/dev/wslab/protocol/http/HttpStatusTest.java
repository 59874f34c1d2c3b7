package dev.wslab.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HttpStatus: what a refused handshake's status tells the person debugging it")
class HttpStatusTest {

    @Test
    void aServerErrorPointsAtTheServersLogs() {
        assertThat(HttpStatus.meaningForWebSocketClient(500)).contains("see its logs");
    }

    @Test
    void a503SaysRetryLaterRatherThanThatTheServerFailed() {
        assertThat(HttpStatus.meaningForWebSocketClient(503)).contains("retry later").doesNotContain("failed");
    }

    @Test
    void a502Or504PointsAtTheProxyInFront() {
        assertThat(HttpStatus.meaningForWebSocketClient(502)).contains("proxy");
        assertThat(HttpStatus.meaningForWebSocketClient(504)).contains("proxy");
    }

    @Test
    void rateLimitingSaysBackOff() {
        assertThat(HttpStatus.meaningForWebSocketClient(429)).contains("back off");
    }
}
