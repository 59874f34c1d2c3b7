package dev.wslab.protocol.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * HttpResponse is the head of an HTTP/1.1 response: the status line and the header fields
 * (RFC 9112 §4). A body, if any, is not part of it.
 *
 * @param version the HTTP version of the status line
 * @param status the three-digit status code, 100–599
 * @param reason the reason phrase; may be empty, and a client SHOULD ignore it (RFC 9112 §4)
 * @param headers the header fields in the order sent
 * @throws IllegalArgumentException when a part could not be written on a status line
 */
public record HttpResponse(HttpVersion version, int status, String reason, HttpHeaders headers) {

    public HttpResponse {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(headers, "headers");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("a status code is 100-599, got " + status);
        }
        if (!isReasonPhrase(reason)) {
            throw new IllegalArgumentException("a reason phrase holds no control chars, got \"" + reason + "\"");
        }
    }

    /** Returns an HTTP/1.1 response with the standard reason phrase of {@code status}. */
    public static HttpResponse of(int status, HttpHeaders headers) {
        return new HttpResponse(HttpVersion.HTTP_1_1, status, HttpStatus.reasonPhrase(status), headers);
    }

    /** Tells whether {@code reason} can stand on a status line: tabs, spaces, visible chars, obs-text. */
    static boolean isReasonPhrase(String reason) {
        for (int i = 0; i < reason.length(); i++) {
            if (!HttpSyntax.isFieldValueChar(reason.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Returns a copy with one more header field at the end. */
    public HttpResponse withHeader(String name, String value) {
        return new HttpResponse(version, status, reason, headers.with(name, value));
    }

    /** Returns the head as sent on the wire: the status line, the fields, and the empty line, CRLF-terminated. */
    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Returns the head as text, exactly as {@link #toBytes()} writes it. */
    @Override
    public String toString() {
        // RFC 9112 §4: the space after the status code is there even when the reason phrase is empty.
        return version + " " + status + " " + reason + "\r\n" + headers + "\r\n";
    }
}
