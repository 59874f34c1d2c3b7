package dev.wslab.protocol.http;

/**
 * HttpHeadProblem names each way an HTTP head can be refused by {@link HttpHeadParser}, with the status a
 * server answers when the problem is in a request.
 *
 * <p>For a response head (the client side) the status is only informative: the client does not answer
 * a response, it fails the connection.
 */
public enum HttpHeadProblem {

    /** The head is longer than {@code Limits.maxHandshakeHeadSize}. */
    HEAD_TOO_LARGE(431, "the head is larger than the limit"),
    /** The request line is longer than {@code Limits.maxHandshakeLineLength}; RFC 9112 §3 names 414 for it. */
    REQUEST_LINE_TOO_LONG(414, "the request line is longer than the limit"),
    /** A header field line or the status line is longer than {@code Limits.maxHandshakeLineLength}. */
    LINE_TOO_LONG(431, "a line is longer than the limit"),
    /** The head has more header fields than {@code Limits.maxHandshakeHeaderCount}. */
    TOO_MANY_HEADERS(431, "the head has more header fields than the limit"),
    /** The request line is not {@code method SP request-target SP HTTP-version} (RFC 9112 §3). */
    MALFORMED_REQUEST_LINE(400, "the request line is not: method, space, target, space, HTTP version"),
    /** The status line is not {@code HTTP-version SP 3DIGIT SP reason} (RFC 9112 §4). */
    MALFORMED_STATUS_LINE(502, "the status line is not: HTTP version, space, three-digit status, reason"),
    /** The head is well formed but not HTTP/1.x, the only major version this parser reads (RFC 9110 §15.6.6). */
    UNSUPPORTED_HTTP_VERSION(505, "the HTTP major version is not 1"),
    /** A line ends in LF alone. This parser is strict: every line MUST end in CRLF. */
    BARE_LF(400, "a line ends in LF without CR"),
    /** A CR is not followed by LF; RFC 9112 §2.2 lets a recipient reject a bare CR, and this parser does. */
    BARE_CR(400, "a CR is not followed by LF"),
    /** A field line starts with whitespace, continuing the previous one (obs-fold, RFC 9112 §5.2). */
    OBSOLETE_LINE_FOLDING(400, "a header field line starts with whitespace (obsolete line folding)"),
    /** The first line after the start line begins with whitespace (RFC 9112 §2.2: reject or ignore). */
    WHITESPACE_AFTER_START_LINE(400, "whitespace between the start line and the first header field"),
    /** A field name is followed by whitespace before the colon, which RFC 9112 §5.1 says MUST be rejected. */
    WHITESPACE_BEFORE_COLON(400, "whitespace between a header field name and the colon"),
    /** A field line has no colon. */
    MISSING_COLON(400, "a header field line has no colon"),
    /** A field name is empty or holds a char that is not a tchar (RFC 9110 §5.1). */
    INVALID_HEADER_NAME(400, "a header field name is not a token"),
    /** A field value holds a control char, NUL or DEL (RFC 9110 §5.5). */
    INVALID_HEADER_VALUE(400, "a header field value holds a control char");

    private final int status;
    private final String description;

    HttpHeadProblem(int status, String description) {
        this.status = status;
        this.description = description;
    }

    /**
     * Returns the status a server answers a request with this problem: 400, 414, 431 or 505. A problem
     * only a response can have (its status line) says 502, what a gateway answers an invalid response with.
     */
    public int status() {
        return status;
    }

    /** Returns what was wrong, in plain words. */
    public String description() {
        return description;
    }
}
