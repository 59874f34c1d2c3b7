package dev.wslab.tutorials.handshake;

import dev.wslab.protocol.handshake.HandshakeRejection;
import dev.wslab.protocol.handshake.ResourceName;
import dev.wslab.protocol.http.HttpRequest;
import dev.wslab.server.Authenticator;
import dev.wslab.server.Endpoints;
import dev.wslab.server.HandshakeRateLimiter;
import dev.wslab.server.Transition;
import dev.wslab.server.WebSocketServer;
import dev.wslab.server.WebSocketServerBuilder;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * GuardedServers starts echo servers that refuse some handshakes on purpose, each with one real feature
 * of the wslab server: an authentication hook, an Origin allow-list, a handshake rate limit, a connection
 * cap. Each refusal is an HTTP status instead of {@code 101 Switching Protocols}, and the tests show what a
 * client sees for each (HandshakeFailuresTest).
 */
public final class GuardedServers {

    /** The only Origin the {@link #originChecked} server accepts. */
    public static final String ALLOWED_ORIGIN = "https://app.example.com";
    /** The token the {@link #authenticated} server expects in the query string. */
    public static final String TOKEN = "s3cret";

    private GuardedServers() {
    }

    private static WebSocketServerBuilder echo(Consumer<Transition> log) {
        return WebSocketServer.builder().endpoint("/echo", Endpoints.echo()).onTransition(log);
    }

    // tag::auth[]
    /** 401: the client must present {@code ?token=s3cret}; browsers cannot set Authorization on a WebSocket. */
    public static WebSocketServer authenticated(Consumer<Transition> log) throws IOException {
        return echo(log).authenticator(GuardedServers::checkToken).start();
    }

    private static Optional<HandshakeRejection> checkToken(HttpRequest request) {
        String query = ResourceName.fromRequestTarget(request.target()).flatMap(ResourceName::query).orElse("");
        if (query.equals("token=" + TOKEN)) {
            return Optional.empty();
        }
        // RFC 6455 §4.2.2 step 2: a server MAY authenticate the client, e.g. with 401 and WWW-Authenticate.
        return Optional.of(Authenticator.unauthorized("Bearer", "missing or wrong token"));
    }
    // end::auth[]

    // tag::origin[]
    /** 403: only pages served from {@link #ALLOWED_ORIGIN} may open a WebSocket here (RFC 6455 §10.2). */
    public static WebSocketServer originChecked(Consumer<Transition> log) throws IOException {
        return echo(log).allowedOrigins(ALLOWED_ORIGIN).start();
    }
    // end::origin[]

    // tag::rate-limit[]
    /** 429: at most {@code burst} handshakes per client address, then {@code perSecond} (a token bucket). */
    public static WebSocketServer rateLimited(double perSecond, int burst, Consumer<Transition> log)
            throws IOException {
        return echo(log).rateLimit(HandshakeRateLimiter.of(perSecond, burst)).start();
    }
    // end::rate-limit[]

    // tag::capacity[]
    /** 503: one WebSocket at a time; the next handshake is told to come back later (Retry-After). */
    public static WebSocketServer singleConnection(Consumer<Transition> log) throws IOException {
        return echo(log).maxConnections(1).retryAfter(Duration.ofSeconds(5)).start();
    }
    // end::capacity[]

    // tag::crash[]
    /** A bug in the upgrade path: the hook throws; the server answers 500 and logs the exception. */
    public static WebSocketServer crashingHook(Consumer<Transition> log) throws IOException {
        return echo(log).authenticator(request -> {
            throw new IllegalStateException("the session store is down");
        }).start();
    }
    // end::crash[]
}
