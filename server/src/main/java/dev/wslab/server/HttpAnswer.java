package dev.wslab.server;

import dev.wslab.protocol.http.HttpHeaders;
import dev.wslab.protocol.http.HttpResponse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * HttpAnswer is a whole plain HTTP response that the server sends on a connection it then closes: the
 * health check, a static file, the metrics, or a refusal (429, 503, 408) that has no
 * {@link dev.wslab.protocol.handshake.HandshakeRejection.Kind} of its own.
 *
 * @param status the status code
 * @param contentType the body's media type
 * @param body the body
 * @param extraHeaders more header fields, e.g. {@code Retry-After}
 */
public record HttpAnswer(int status, String contentType, byte[] body, HttpHeaders extraHeaders) {

    public HttpAnswer {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(extraHeaders, "extraHeaders");
    }

    /** Returns a {@code text/plain} answer whose body is {@code text} and a line break. */
    public static HttpAnswer text(int status, String text) {
        return new HttpAnswer(status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8),
                HttpHeaders.empty());
    }

    /** Returns a copy that also sends {@code name: value}. */
    public HttpAnswer withHeader(String name, String value) {
        return new HttpAnswer(status, contentType, body, extraHeaders.with(name, value));
    }

    /** Returns the head: status line, Content-Type, Content-Length, {@code Connection: close}, the extras. */
    public HttpResponse head() {
        HttpHeaders headers = HttpHeaders.of(
                "Content-Type", contentType,
                "Content-Length", Integer.toString(body.length),
                "X-Content-Type-Options", "nosniff",
                "Cache-Control", "no-store",
                "Connection", "close");
        return HttpResponse.of(status, headers.withAll(extraHeaders));
    }

    /** Returns the answer as sent on the wire; a HEAD request gets the head only (RFC 9110 §9.3.2). */
    public byte[] toBytes(boolean headOnly) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head().toBytes());
        if (!headOnly) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }
}
