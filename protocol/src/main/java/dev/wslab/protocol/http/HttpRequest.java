package dev.wslab.protocol.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * HttpRequest is the head of an HTTP/1.1 request: the request line and the header fields (RFC 9112 §3).
 * A WebSocket opening handshake is exactly such a head, with no body.
 *
 * @param method a token, e.g. {@code GET}; methods are case-sensitive
 * @param target the request-target as sent, e.g. {@code /chat?room=1}; visible ASCII, no spaces
 * @param version the HTTP version of the request line
 * @param headers the header fields in the order sent
 * @throws IllegalArgumentException when a part could not be written on a request line
 */
public record HttpRequest(String method, String target, HttpVersion version, HttpHeaders headers) {

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headers, "headers");
        if (!HttpSyntax.isToken(method)) {
            throw new IllegalArgumentException("a method must be a token, got \"" + method + "\"");
        }
        if (!isRequestTarget(target)) {
            throw new IllegalArgumentException("a request-target is one or more visible ASCII chars, got \""
                    + target + "\"");
        }
    }

    /** Tells whether {@code target} can stand on a request line: non-empty, visible ASCII only (RFC 9112 §3.2). */
    static boolean isRequestTarget(String target) {
        if (target.isEmpty()) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** Returns a copy with one more header field at the end. */
    public HttpRequest withHeader(String name, String value) {
        return new HttpRequest(method, target, version, headers.with(name, value));
    }

    /** Returns the head as sent on the wire: the request line, the fields, and the empty line, CRLF-terminated. */
    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Returns the head as text, exactly as {@link #toBytes()} writes it. */
    @Override
    public String toString() {
        return method + " " + target + " " + version + "\r\n" + headers + "\r\n";
    }
}
