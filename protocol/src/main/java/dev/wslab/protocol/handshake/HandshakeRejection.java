package dev.wslab.protocol.handshake;

import dev.wslab.protocol.http.HttpHeadException;
import dev.wslab.protocol.http.HttpHeaders;
import dev.wslab.protocol.http.HttpResponse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * HandshakeRejection says why a server refuses a client's opening handshake, and how it answers: RFC 6455
 * §4.2.1 says the server MUST stop processing the handshake and return an HTTP error.
 *
 * <p>{@link #toBytes()} is the whole answer: a short {@code text/plain} page that states the reason, after
 * which the server closes the connection.
 *
 * @param status the HTTP status to answer with, 300–599; usually {@link Kind#status()}
 * @param kind which requirement the request broke
 * @param detail what exactly was seen; peer-sent text in it is already quoted and escaped
 * @param extraHeaders header fields the answer needs, e.g. {@code Allow: GET} for 405
 */
public record HandshakeRejection(int status, Kind kind, String detail, HttpHeaders extraHeaders)
        implements ServerHandshakeResult {

    /** Kind names each reason a server refuses a handshake, with the status it answers by default. */
    public enum Kind {
        /** The method is not GET (§4.2.1 item 1); 405 comes with {@code Allow: GET}. */
        METHOD_NOT_ALLOWED(405, "4.2.1", "the method is not GET"),
        /** HTTP/1.0 or older (§4.2.1 item 1). 400 rather than 505: 505 refuses a major version (RFC 9110). */
        HTTP_VERSION_TOO_OLD(400, "4.2.1", "the HTTP version is lower than 1.1"),
        /** The request-target is neither a path nor an absolute URI with one (§4.2.1 item 1, §3). */
        INVALID_REQUEST_TARGET(400, "4.2.1", "the request target is not a resource name"),
        /** No {@code Host} header (§4.2.1 item 2). */
        MISSING_HOST(400, "4.2.1", "the Host header is missing"),
        /** {@code Host} is repeated or empty, which RFC 9112 §3.2 says MUST get 400. */
        INVALID_HOST(400, "4.2.1", "the Host header is repeated or empty"),
        /**
         * No {@code Upgrade} header at all: most likely a browser or another plain HTTP client opened the URL.
         * A server may answer it with a page of its own instead; by default it is 426 Upgrade Required.
         */
        NOT_A_WEBSOCKET_REQUEST(426, "4.2.1", "this is a WebSocket endpoint, and the request is not a WebSocket"
                + " handshake (no Upgrade header); open it with a WebSocket client"),
        /** {@code Upgrade} is present but does not name {@code websocket} (§4.2.1 item 3). */
        UPGRADE_NOT_WEBSOCKET(400, "4.2.1", "the Upgrade header does not name \"websocket\""),
        /** {@code Connection} is missing or lacks the {@code Upgrade} token (§4.2.1 item 4). */
        CONNECTION_NOT_UPGRADE(400, "4.2.1", "the Connection header lacks the \"Upgrade\" token"),
        /** {@code Sec-WebSocket-Version} is missing or not 13; the answer lists 13 (§4.2.2, §4.4). */
        UNSUPPORTED_VERSION(426, "4.4", "the Sec-WebSocket-Version is not 13, the only version supported"),
        /** No {@code Sec-WebSocket-Key} (§4.2.1 item 5). */
        MISSING_KEY(400, "4.2.1", "the Sec-WebSocket-Key header is missing"),
        /** {@code Sec-WebSocket-Key} is repeated or is not the base64 of 16 bytes (§4.2.1 item 5). */
        INVALID_KEY(400, "4.2.1", "the Sec-WebSocket-Key is not the base64 encoding of 16 bytes"),
        /**
         * The request announces a body. A handshake has none, and the bytes after the head must be read as
         * frames, never as a body, or the two ends would disagree about where the frames start.
         */
        UNEXPECTED_BODY(400, "4.2.1", "the handshake request announces a body"),
        /** {@code Sec-WebSocket-Protocol} is empty or holds an element that is not a token (§4.2.1 item 8, §4.3). */
        INVALID_SUBPROTOCOLS(400, "4.3", "the Sec-WebSocket-Protocol list is not a list of tokens"),
        /** The head itself is not valid HTTP/1.1 or breaks a limit; the status comes from the parser. */
        MALFORMED_HEAD(400, "4.2.1", "the request is not a valid HTTP/1.1 head"),
        /** The server wants the client to authenticate (§4.2.2 step 2); add a {@code WWW-Authenticate} header. */
        AUTHENTICATION_REQUIRED(401, "4.2.2", "authentication is required"),
        /** The server does not accept this {@code Origin} (§4.2.2 /origin/, §10.2). */
        ORIGIN_NOT_ALLOWED(403, "4.2.2", "the Origin is not allowed"),
        /** No service at this resource name (§4.2.2 /resource name/). */
        RESOURCE_NOT_FOUND(404, "4.2.2", "there is no WebSocket service at this path");

        private final int status;
        private final String rfcSection;
        private final String description;

        Kind(int status, String rfcSection, String description) {
            this.status = status;
            this.rfcSection = rfcSection;
            this.description = description;
        }

        /** Returns the status answered by default. */
        public int status() {
            return status;
        }

        /** Returns the RFC 6455 section that states the requirement, e.g. {@code "4.2.1"}. */
        public String rfcSection() {
            return rfcSection;
        }

        /** Returns what was wrong, in plain words. */
        public String description() {
            return description;
        }

        /** Returns the header fields an answer of this kind carries. */
        HttpHeaders defaultHeaders() {
            return switch (this) {
                case METHOD_NOT_ALLOWED -> HttpHeaders.of("Allow", "GET");
                // RFC 9110 §15.5.22: a 426 MUST carry Upgrade; §4.4: list the versions understood.
                case UNSUPPORTED_VERSION -> HttpHeaders.of(WebSocketHeaders.UPGRADE, WebSocketHeaders.WEBSOCKET,
                        WebSocketHeaders.SEC_WEBSOCKET_VERSION, WebSocketHeaders.VERSION);
                case NOT_A_WEBSOCKET_REQUEST -> HttpHeaders.of(WebSocketHeaders.UPGRADE, WebSocketHeaders.WEBSOCKET);
                default -> HttpHeaders.empty();
            };
        }
    }

    public HandshakeRejection {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(extraHeaders, "extraHeaders");
        if (status < 300 || status > 599) {
            throw new IllegalArgumentException("a rejection's status is 300-599, got " + status);
        }
    }

    /** Returns the rejection of {@code kind}, with its default status and header fields. */
    public static HandshakeRejection of(Kind kind, String detail) {
        return new HandshakeRejection(kind.status(), kind, detail, kind.defaultHeaders());
    }

    /** Returns the rejection of a head the parser refused, answered with the status the problem calls for. */
    public static HandshakeRejection of(HttpHeadException e) {
        String detail = e.problem().description() + (e.detail().isEmpty() ? "" : ": " + e.detail());
        return new HandshakeRejection(e.status(), Kind.MALFORMED_HEAD, detail, HttpHeaders.empty());
    }

    /** Returns a copy that also sends {@code name: value}, e.g. {@code WWW-Authenticate}. */
    public HandshakeRejection withHeader(String name, String value) {
        return new HandshakeRejection(status, kind, detail, extraHeaders.with(name, value));
    }

    /** Returns a one-line explanation: what was wrong, what was seen, and the RFC section. */
    public String message() {
        return kind.description() + (detail.isEmpty() ? "" : " (" + detail + ")")
                + " [RFC 6455 §" + kind.rfcSection() + "]";
    }

    /** Returns the body of the answer: {@link #message()} and a line break, in UTF-8. */
    public byte[] body() {
        return (message() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns the head of the answer: the status with its reason phrase, a {@code text/plain} body's
     * Content-Type and Content-Length, {@code Connection: close}, then the extra header fields.
     */
    HttpResponse toResponse() {
        // RFC 9110 §7.8: whoever sends Upgrade also sends the "upgrade" connection option.
        String connection = extraHeaders.contains(WebSocketHeaders.UPGRADE) ? "Upgrade, close" : "close";
        HttpHeaders headers = HttpHeaders.of(
                "Content-Type", "text/plain; charset=utf-8",
                "Content-Length", Integer.toString(body().length),
                "X-Content-Type-Options", "nosniff",
                WebSocketHeaders.CONNECTION, connection);
        return HttpResponse.of(status, headers.withAll(extraHeaders));
    }

    /** Returns the whole answer as sent on the wire: the head, then the body. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(toResponse().toBytes());
        out.writeBytes(body());
        return out.toByteArray();
    }
}
