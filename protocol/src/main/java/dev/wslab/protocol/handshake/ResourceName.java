package dev.wslab.protocol.handshake;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * ResourceName is what a WebSocket connection asks for on the request line (RFC 6455 §3, "/resource
 * name/" in §4.1): a path and, after a {@code ?}, a query, e.g. {@code /chat?room=1}. The client builds it
 * from its ws:// URI, the server reads it back from the request-target; this is the one parser of both.
 *
 * @param path the path, never empty: {@code /} when the URI's path is empty
 * @param query the query, without its {@code ?}, when there is one
 */
public record ResourceName(String path, Optional<String> query) {

    public ResourceName {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a resource name's path starts with /, got " + path);
        }
    }

    /**
     * Builds the resource name of {@code uri} as §3 says: "/" if the path component is empty, the path
     * component, "?" if the query component is non-empty, the query component.
     */
    public static ResourceName of(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery();
        return new ResourceName(path, query == null || query.isEmpty() ? Optional.empty() : Optional.of(query));
    }

    /**
     * Reads the resource name a request-target asks for (§4.1 item 3): the target itself when it is a path
     * (origin-form, RFC 9112 §3.2.1), or the path and query of an absolute http, https, ws or wss URI
     * (absolute-form, §3.2.2). Returns empty for anything else, such as {@code *} or {@code example.com:443}.
     */
    public static Optional<ResourceName> fromRequestTarget(String target) {
        if (target.startsWith("/")) {
            int question = target.indexOf('?');
            return Optional.of(question < 0
                    ? new ResourceName(target, Optional.empty())
                    : new ResourceName(target.substring(0, question), Optional.of(target.substring(question + 1))));
        }
        try {
            URI uri = new URI(target);
            String scheme = uri.getScheme();
            boolean web = scheme != null
                    && List.of("http", "https", "ws", "wss").contains(scheme.toLowerCase(Locale.ROOT));
            if (!web || uri.isOpaque() || uri.getRawFragment() != null || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(of(uri));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Returns the resource name as it goes on the request line, e.g. {@code /chat?room=1}. */
    @Override
    public String toString() {
        return query.map(q -> path + "?" + q).orElse(path);
    }
}
