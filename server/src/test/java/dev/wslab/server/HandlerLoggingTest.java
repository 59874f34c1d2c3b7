package dev.wslab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the server logs when a handler ends badly: a handler that throws is a bug worth a warning with its
 * stack trace; a handler that was still sending when the peer closed the connection is not.
 */
@DisplayName("WebSocketServer: what a handler's end logs")
class HandlerLoggingTest {

    private final Logger logger = Logger.getLogger(WebSocketServer.class.getName());
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        logger.removeHandler(capture);
    }

    @Test
    void aHandlerThatSendsAfterThePeerClosedIsNotAWarning() throws Exception {
        try (WebSocketServer server = WebSocketServer.builder().defaultEndpoint(session -> {
            session.closed().join();
            session.sendText("too late: the peer has closed");
        }).start()) {
            closeFromTheClient(server);
            awaitNoSessions(server);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void aHandlerThatThrowsWhileTheConnectionIsOpenIsAWarningWithItsCause() throws Exception {
        try (WebSocketServer server = WebSocketServer.builder().defaultEndpoint(session -> {
            throw new IllegalStateException("a bug in the handler");
        }).start()) {
            RecordingListener listener = new RecordingListener();
            try (HttpClient client = HttpClient.newHttpClient()) {
                client.newWebSocketBuilder().buildAsync(URI.create(server.uri("/")), listener).join();
                assertThat(listener.close().code()).isEqualTo(1011);
            }
            awaitNoSessions(server);
        }
        assertThat(warnings).singleElement().satisfies(record ->
                assertThat(record.getThrown()).hasMessage("a bug in the handler"));
    }

    private static void closeFromTheClient(WebSocketServer server) throws Exception {
        RecordingListener listener = new RecordingListener();
        try (HttpClient client = HttpClient.newHttpClient()) {
            WebSocket webSocket = client.newWebSocketBuilder().buildAsync(URI.create(server.uri("/")), listener).join();
            webSocket.sendClose(1000, "bye").join();
            assertThat(listener.close().code()).isEqualTo(1000);
        }
    }

    private static void awaitNoSessions(WebSocketServer server) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (server.openSessions() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(server.openSessions()).as("sessions still open").isZero();
    }
}
