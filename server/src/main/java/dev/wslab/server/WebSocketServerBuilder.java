package dev.wslab.server;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.transport.SessionOptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * WebSocketServerBuilder gathers a {@link WebSocketServer}'s settings; each has a safe default, so
 * {@code WebSocketServer.builder().endpoint("/echo", Endpoints.echo()).start()} is a working server on
 * 127.0.0.1 and an ephemeral port.
 */
public final class WebSocketServerBuilder {

    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private Endpoint defaultEndpoint;
    private Limits limits = Limits.DEFAULTS;
    private SessionOptions sessionOptions = SessionOptions.DEFAULTS;
    private Set<String> allowedOrigins = Set.of();
    private Authenticator authenticator = Authenticator.ALLOW_ALL;
    private String healthPath = "/healthz";
    private String metricsPath = "/metrics";
    private StaticFiles staticFiles;
    private int maxConnections = 10_000;
    private Duration retryAfter = Duration.ofSeconds(5);
    private HandshakeRateLimiter rateLimiter;
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private DeflateOptions deflate;
    private TlsConfig tls;
    private Consumer<Transition> transitionListener = transition -> { };

    WebSocketServerBuilder() {
    }

    /** Sets the address to listen on. Default 127.0.0.1: a server reachable from elsewhere is a decision. */
    public WebSocketServerBuilder bindAddress(String host) throws UnknownHostException {
        this.bindAddress = InetAddress.getByName(host);
        return this;
    }

    /** Sets the port; 0 (the default) picks a free one, which {@link WebSocketServer#port()} then tells. */
    public WebSocketServerBuilder port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("a port is 0-65535, got " + port);
        }
        this.port = port;
        return this;
    }

    /** Serves {@code handler} at {@code path}, speaking the given subprotocols (first preferred). */
    public WebSocketServerBuilder endpoint(String path, WebSocketHandler handler, String... subprotocols) {
        endpoints.put(path, new Endpoint(path, handler, List.of(subprotocols)));
        return this;
    }

    /** Serves {@code handler} at every path that has no endpoint of its own (none by default: 404). */
    public WebSocketServerBuilder defaultEndpoint(WebSocketHandler handler, String... subprotocols) {
        this.defaultEndpoint = new Endpoint("/", handler, List.of(subprotocols));
        return this;
    }

    /** Sets the protocol limits, e.g. the largest message (larger: closed with 1009). */
    public WebSocketServerBuilder limits(Limits limits) {
        this.limits = Objects.requireNonNull(limits);
        return this;
    }

    /** Sets the sessions' heartbeat, idle timeout, close timeout and queue bounds. */
    public WebSocketServerBuilder sessionOptions(SessionOptions options) {
        this.sessionOptions = Objects.requireNonNull(options);
        return this;
    }

    /**
     * Allows only these {@code Origin} values, e.g. {@code https://example.com}; others get 403
     * (RFC 6455 §10.2). A request without {@code Origin} is allowed: browsers always send it, so its
     * absence means a non-browser client, which could forge any Origin anyway. No origins (the default)
     * allows every one.
     */
    public WebSocketServerBuilder allowedOrigins(String... origins) {
        this.allowedOrigins = Set.of(origins);
        return this;
    }

    /** Sets the check run before a handshake is accepted (401/403 to refuse). */
    public WebSocketServerBuilder authenticator(Authenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator);
        return this;
    }

    /** Sets the plain-HTTP health path, answered 200 "ok" (default {@code /healthz}); null for none. */
    public WebSocketServerBuilder healthPath(String path) {
        this.healthPath = path;
        return this;
    }

    /** Sets the plain-HTTP path serving the Prometheus metrics (default {@code /metrics}); null for none. */
    public WebSocketServerBuilder metricsPath(String path) {
        this.metricsPath = path;
        return this;
    }

    /** Serves the files of {@code directory} under {@code prefix} (e.g. {@code /static/}) over plain HTTP. */
    public WebSocketServerBuilder staticFiles(String prefix, Path directory) {
        this.staticFiles = new StaticFiles(prefix, directory);
        return this;
    }

    /**
     * Sets the most connections open at once (default 10 000). A handshake beyond it is answered
     * {@code 503 Service Unavailable} with {@code Retry-After}: refusing before the 101 costs the client
     * nothing and tells any HTTP client (and load balancer) to retry later, where accepting and then closing
     * with 1013 (Try Again Later) would spend a whole WebSocket on saying no, and many clients report a
     * close right after opening as a bug rather than as "come back later". Only open WebSocket connections
     * count; connections still in their handshake are bounded by the handshake timeout instead.
     */
    public WebSocketServerBuilder maxConnections(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + max);
        }
        this.maxConnections = max;
        return this;
    }

    /** Sets the {@code Retry-After} sent with 503 (default 5 s). */
    public WebSocketServerBuilder retryAfter(Duration retryAfter) {
        this.retryAfter = Objects.requireNonNull(retryAfter);
        return this;
    }

    /**
     * Limits WebSocket handshake attempts (requests with {@code Upgrade: websocket}) per client IP address;
     * none by default. Beyond it: 429 with {@code Retry-After}. Plain HTTP (health, metrics, static files)
     * is not limited, so a load balancer's health checks never see 429. Clients behind one NAT share a
     * bucket: size the burst for that.
     */
    public WebSocketServerBuilder rateLimit(HandshakeRateLimiter limiter) {
        this.rateLimiter = limiter;
        return this;
    }

    /**
     * Sets how long a client has, from TCP accept, to send its whole handshake request (TLS included);
     * default 10 s. An absolute deadline, so a client dribbling one byte at a time (slowloris) cannot
     * hold the connection open.
     */
    public WebSocketServerBuilder handshakeTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the handshake timeout must be positive");
        }
        this.handshakeTimeout = timeout;
        return this;
    }

    /** Serves {@code wss://} with the certificate of a PKCS#12 keystore. */
    public WebSocketServerBuilder tls(Path keystore, String password) {
        this.tls = new TlsConfig(keystore, password);
        return this;
    }

    /**
     * Accepts permessage-deflate (RFC 7692) when a client offers it, and compresses with {@code options};
     * without this call every offer is declined (RFC 7692 §5: the handshake still succeeds).
     */
    public WebSocketServerBuilder deflate(DeflateOptions options) {
        this.deflate = Objects.requireNonNull(options, "options");
        return this;
    }

    /** Calls {@code listener} on every state transition of every connection, besides logging it. */
    public WebSocketServerBuilder onTransition(Consumer<Transition> listener) {
        this.transitionListener = Objects.requireNonNull(listener);
        return this;
    }

    /**
     * Binds the port and starts accepting.
     *
     * @throws IOException when the address cannot be bound (e.g. the port is in use) or the keystore read
     */
    public WebSocketServer start() throws IOException {
        ServerConfig config = new ServerConfig(bindAddress, port, Map.copyOf(endpoints),
                Optional.ofNullable(defaultEndpoint), limits, sessionOptions, allowedOrigins, authenticator,
                Optional.ofNullable(healthPath), Optional.ofNullable(metricsPath), Optional.ofNullable(staticFiles),
                maxConnections, retryAfter, Optional.ofNullable(rateLimiter), handshakeTimeout,
                Optional.ofNullable(tls), transitionListener, Optional.ofNullable(deflate));
        return WebSocketServer.start(config);
    }
}
