package dev.wslab.protocol.handshake;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * WebSocketUri is a {@code ws://} or {@code wss://} URI taken apart into what the opening handshake needs
 * (RFC 6455 §3): the secure flag, the host, the port and the resource name.
 *
 * @param secure true for {@code wss}, which runs over TLS
 * @param host the host as written in the URI; an IPv6 literal keeps its brackets, e.g. {@code [::1]}
 * @param port the port, 1–65535; 80 or 443 when the URI names none
 * @param resourceName the path and query sent on the request line, e.g. {@code /chat?room=1}; {@code /}
 *     when the path is empty
 */
public record WebSocketUri(boolean secure, String host, int port, String resourceName) {

    /** The port a {@code ws} URI means when it names none. */
    public static final int DEFAULT_PORT = 80;
    /** The port a {@code wss} URI means when it names none. */
    public static final int DEFAULT_SECURE_PORT = 443;

    public WebSocketUri {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(resourceName, "resourceName");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a port is 1-65535, got " + port);
        }
    }

    /**
     * Takes {@code uri} apart.
     *
     * @throws IllegalArgumentException with the reason when {@code uri} is not a valid WebSocket URI: a
     *     scheme other than ws or wss, a fragment (§3: fragments MUST NOT be used), user information, no
     *     host, or a port out of range
     */
    public static WebSocketUri parse(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))) {
            throw new IllegalArgumentException("a WebSocket URI starts with ws:// or wss:// (RFC 6455 §3), got "
                    + uri + (scheme != null && scheme.toLowerCase(Locale.ROOT).startsWith("http")
                    ? "; for a server at an http(s) URL use ws:// or wss:// with the same host and path" : ""));
        }
        if (uri.isOpaque()) {
            throw new IllegalArgumentException("a WebSocket URI has the form ws://host/path (RFC 6455 §3), got "
                    + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a WebSocket URI MUST NOT have a fragment (RFC 6455 §3), got " + uri
                    + "; a literal '#' in the path or query is written %23");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a WebSocket URI has no user information (RFC 6455 §3), got " + uri
                    + "; send credentials in a header such as Authorization");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("a WebSocket URI needs a host (RFC 6455 §3), got " + uri);
        }
        boolean secure = scheme.equalsIgnoreCase("wss");
        int port = uri.getPort() == -1 ? (secure ? DEFAULT_SECURE_PORT : DEFAULT_PORT) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a WebSocket URI's port is 1-65535, got " + uri);
        }
        return new WebSocketUri(secure, uri.getHost(), port, ResourceName.of(uri).toString());
    }

    /** Parses {@code uri} and takes it apart; see {@link #parse(URI)}. */
    public static WebSocketUri parse(String uri) {
        try {
            return parse(new URI(uri));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI: " + e.getMessage(), e);
        }
    }

    /** Tells whether the port is the scheme's default, 80 for ws and 443 for wss. */
    private boolean isDefaultPort() {
        return port == (secure ? DEFAULT_SECURE_PORT : DEFAULT_PORT);
    }

    /** Returns the value of the {@code Host} header: the host, plus {@code :port} only when not the default (§4.1). */
    public String hostHeader() {
        return isDefaultPort() ? host : host + ":" + port;
    }

    /** Returns the URI in its usual form, e.g. {@code wss://example.com/chat}. */
    @Override
    public String toString() {
        return (secure ? "wss://" : "ws://") + hostHeader() + resourceName;
    }
}
