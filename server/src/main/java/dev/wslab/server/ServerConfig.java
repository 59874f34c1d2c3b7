package dev.wslab.server;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.transport.SessionOptions;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * ServerConfig is everything a {@link WebSocketServerBuilder} gathered, frozen. {@code deflate}: how the server
 * compresses when a client offers permessage-deflate (RFC 7692); empty: every offer is declined.
 */
record ServerConfig(InetAddress bindAddress, int port, Map<String, Endpoint> endpoints,
                    Optional<Endpoint> defaultEndpoint, Limits limits, SessionOptions sessionOptions,
                    Set<String> allowedOrigins, Authenticator authenticator, Optional<String> healthPath,
                    Optional<String> metricsPath, Optional<StaticFiles> staticFiles, int maxConnections,
                    Duration retryAfter, Optional<HandshakeRateLimiter> rateLimiter, Duration handshakeTimeout,
                    Optional<TlsConfig> tls, Consumer<Transition> transitionListener,
                    Optional<DeflateOptions> deflate) {

    /** Returns the endpoint serving {@code path}, or empty for 404. */
    Optional<Endpoint> endpointFor(String path) {
        Endpoint exact = endpoints.get(path);
        return exact != null ? Optional.of(exact) : defaultEndpoint;
    }

    /** Tells whether a handshake with this {@code Origin} header (absent: null) may go on. */
    boolean originAllowed(String origin) {
        return origin == null || allowedOrigins.isEmpty() || allowedOrigins.contains(origin);
    }
}
