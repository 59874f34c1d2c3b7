package dev.wslab.tutorials.limits;

import dev.wslab.client.ClientOptions;
import dev.wslab.client.ConnectFailedException;
import dev.wslab.client.WebSocketClient;
import dev.wslab.server.Endpoints;
import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.WebSocketSession;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * ConnectionLimitLab runs a server that accepts at most {@link #MAX_CONNECTIONS} open WebSocket
 * connections. One more is refused before the 101, with {@code 503 Service Unavailable} and
 * {@code Retry-After}, so the server degrades by saying "later" instead of running out of file
 * descriptors or memory; once a connection closes, its slot is free again.
 *
 * Run it: {@code mvn -pl tutorials test -Dtest=ConnectionLimitLabTest}.
 */
public final class ConnectionLimitLab implements AutoCloseable {

    public static final int MAX_CONNECTIONS = 3;

    private final WebSocketServer server;

    /** What a connection attempt got: a session, or the HTTP status and Retry-After of the refusal. */
    public record Attempt(Optional<WebSocketSession> session, int status, Optional<String> retryAfter) {
    }

    // tag::server[]
    public ConnectionLimitLab() throws IOException {
        server = WebSocketServer.builder()
                .endpoint("/echo", Endpoints.echo())
                .maxConnections(MAX_CONNECTIONS)     // one more: 503
                .retryAfter(Duration.ofSeconds(2))   // ... with Retry-After: 2
                .start();
    }
    // end::server[]

    public WebSocketServer server() {
        return server;
    }

    /** Tries to open one connection; a refusal is returned, not thrown. */
    // tag::attempt[]
    public Attempt tryConnect() throws InterruptedException {
        try {
            WebSocketSession session = WebSocketClient.connect(URI.create(server.uri("/echo")), ClientOptions.DEFAULTS);
            return new Attempt(Optional.of(session), 101, Optional.empty());
        } catch (ConnectFailedException e) {
            int status = e.httpStatus().orElse(0);
            Optional<String> retryAfter = e.handshakeFailure().flatMap(f -> f.response())
                    .flatMap(response -> response.headers().first("Retry-After"));
            return new Attempt(Optional.empty(), status, retryAfter);
        }
    }
    // end::attempt[]

    @Override
    public void close() {
        server.close();
    }
}
