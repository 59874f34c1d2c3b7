package dev.wslab.protocol.http;

/**
 * HttpStatus knows the reason phrases of the status codes an opening handshake meets (RFC 9110 §15),
 * and what each one usually means for a WebSocket client.
 */
public final class HttpStatus {

    private HttpStatus() {
    }

    /** Returns the standard reason phrase of {@code status}, or an empty string for a code not listed here. */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 414 -> "URI Too Long";
            case 426 -> "Upgrade Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "";
        };
    }

    // tag::meaning[]
    /**
     * Returns what a status other than 101 usually means when it answers a WebSocket handshake, in words
     * a person debugging the connection can act on.
     */
    public static String meaningForWebSocketClient(int status) {
        return switch (status) {
            case 200 -> "the server answered as for a plain HTTP request: nothing at this URL speaks WebSocket";
            case 301, 302, 303, 307, 308 -> "the server redirects elsewhere (see the Location header)";
            case 400 -> "the server rejected the handshake headers as malformed";
            case 401 -> "authentication failed or is missing (see the WWW-Authenticate header)";
            case 403 -> "the server refused by policy, often because of the Origin header";
            case 404 -> "there is no WebSocket endpoint at this path";
            case 405 -> "the server does not allow this method here";
            case 426 -> "the server wants another protocol version (see its Sec-WebSocket-Version header)";
            case 429 -> "too many connection attempts; back off before reconnecting";
            case 431 -> "the handshake's headers are too large for the server";
            case 502, 504 -> "a proxy in front of the server could not reach it (see the proxy's logs)";
            case 503 -> "the server is overloaded or at its connection limit; retry later (see the Retry-After header)";
            default -> status >= 500 && status <= 599
                    ? "the server failed while handling the upgrade (see its logs)"
                    : "the server did not switch protocols";
        };
    }
    // end::meaning[]
}
