package dev.wslab.protocol.http;

import dev.wslab.protocol.Limits;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import static dev.wslab.protocol.http.HttpSyntax.quote;

/**
 * HttpHeadParser reads one HTTP/1.1 head (RFC 9112 §2.1: a start line, header field lines, an empty line)
 * from bytes that arrive in pieces of any size, one byte at a time included.
 *
 * <p>It stops at the empty line that ends the head and consumes nothing after it: the bytes that follow
 * a WebSocket handshake are the first frames, and they stay in the caller's buffer.
 *
 * <p>Each byte is looked at once, so the work is linear in the size of the head however it is split.
 * The {@link Limits} are checked as each byte arrives: the parser never holds more than one line of
 * {@code maxHandshakeLineLength} bytes plus the fields already read, and gives up at the first byte over
 * {@code maxHandshakeHeadSize}.
 *
 * <p>Strictness: every line MUST end in CRLF. A bare LF (which RFC 9112 §2.2 lets a recipient accept) and
 * a bare CR are both refused; so are obsolete line folding and whitespace before a field's colon. One
 * leniency: empty lines before a request line are skipped, as RFC 9112 §2.2 says a server SHOULD. A
 * status line may omit the space after the status code when the reason phrase is empty.
 *
 * @param <H> the head read: {@link HttpRequest} or {@link HttpResponse}
 */
public final class HttpHeadParser<H> {

    /**
     * Progress says what one call to {@link #feed(byte[], int, int)} did.
     *
     * @param consumed how many of the given bytes belong to the head; the rest come after it
     * @param head the head, present once its empty line has been read
     */
    public record Progress<H>(int consumed, Optional<H> head) {
    }

    /** Reads a start line and returns what builds the head once the fields are known. */
    @FunctionalInterface
    private interface StartLineReader<H> {
        Function<HttpHeaders, H> read(String line);
    }

    private static final int INITIAL_LINE_CAPACITY = 256;

    private final boolean readsRequest;
    private final StartLineReader<H> startLineReader;
    private final Limits limits;
    private final List<HttpField> fields = new ArrayList<>();

    private byte[] line = new byte[INITIAL_LINE_CAPACITY];
    private int lineLength;
    private boolean sawCr;
    private int headSize;
    private int lineNumber = 1;
    private Function<HttpHeaders, H> headBuilder;
    private H head;
    private HttpHeadException failure;

    private HttpHeadParser(boolean readsRequest, StartLineReader<H> startLineReader, Limits limits) {
        this.readsRequest = readsRequest;
        this.startLineReader = startLineReader;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Returns a parser for the request head a server reads. */
    public static HttpHeadParser<HttpRequest> forRequest(Limits limits) {
        return new HttpHeadParser<>(true, HttpHeadParser::readRequestLine, limits);
    }

    /** Returns a parser for the response head a client reads. */
    public static HttpHeadParser<HttpResponse> forResponse(Limits limits) {
        return new HttpHeadParser<>(false, HttpHeadParser::readStatusLine, limits);
    }

    /**
     * Reads head bytes from {@code in}, leaving its position after the last byte that belongs to the head.
     *
     * @return the head once its final empty line is read; empty while more bytes are needed, in which case
     *     every remaining byte of {@code in} was consumed
     * @throws HttpHeadException when the bytes cannot be a head or break a limit; the parser is then spent
     * @throws IllegalStateException when the head was already complete or refused
     */
    public Optional<H> feed(ByteBuffer in) {
        if (head != null) {
            throw new IllegalStateException("the head is complete; the bytes after it are not HTTP");
        }
        if (failure != null) {
            throw new IllegalStateException("the head was already refused: " + failure.getMessage());
        }
        while (in.hasRemaining()) {
            if (accept(in.get())) {
                return Optional.of(head);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads head bytes from {@code bytes[offset, offset + length)}.
     *
     * @return how many bytes were consumed, and the head once it is complete
     * @throws HttpHeadException when the bytes cannot be a head or break a limit
     */
    public Progress<H> feed(byte[] bytes, int offset, int length) {
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        Optional<H> result = feed(in);
        return new Progress<>(in.position() - offset, result);
    }

    /** Reads head bytes from all of {@code bytes}; see {@link #feed(byte[], int, int)}. */
    public Progress<H> feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    /** Returns the head, once it is complete. */
    public Optional<H> head() {
        return Optional.ofNullable(head);
    }

    /** Takes one byte; returns true when it completed the head. */
    private boolean accept(byte b) {
        headSize++;
        if (headSize > limits.maxHandshakeHeadSize()) {
            throw fail(HttpHeadProblem.HEAD_TOO_LARGE, "more than " + limits.maxHandshakeHeadSize() + " bytes");
        }
        if (sawCr) {
            if (b != '\n') {
                throw fail(HttpHeadProblem.BARE_CR, "line " + lineNumber);
            }
            sawCr = false;
            return endOfLine();
        }
        if (b == '\r') {
            sawCr = true;
            return false;
        }
        if (b == '\n') {
            throw fail(HttpHeadProblem.BARE_LF, "line " + lineNumber);
        }
        if (lineLength == 0 && headBuilder != null && fields.size() == limits.maxHandshakeHeaderCount()) {
            throw fail(HttpHeadProblem.TOO_MANY_HEADERS, "more than " + limits.maxHandshakeHeaderCount());
        }
        if (lineLength == limits.maxHandshakeLineLength()) {
            HttpHeadProblem problem = headBuilder == null && readsRequest
                    ? HttpHeadProblem.REQUEST_LINE_TOO_LONG : HttpHeadProblem.LINE_TOO_LONG;
            throw fail(problem, "line " + lineNumber + " is over " + limits.maxHandshakeLineLength() + " bytes");
        }
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(line.length * 2, limits.maxHandshakeLineLength()));
        }
        line[lineLength++] = b;
        return false;
    }

    /** Handles the line just ended by CRLF; returns true when it was the empty line that ends the head. */
    private boolean endOfLine() {
        String text = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
        lineLength = 0;
        lineNumber++;
        try {
            if (headBuilder == null) {
                // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request line.
                if (!(text.isEmpty() && readsRequest)) {
                    headBuilder = startLineReader.read(text);
                }
                return false;
            }
            if (text.isEmpty()) {
                head = headBuilder.apply(new HttpHeaders(fields));
                return true;
            }
            fields.add(readFieldLine(text, fields.isEmpty()));
            return false;
        } catch (HttpHeadException e) {
            failure = e;
            throw e;
        }
    }

    private HttpHeadException fail(HttpHeadProblem problem, String detail) {
        failure = new HttpHeadException(problem, detail);
        return failure;
    }

    /** Reads {@code field-name ":" OWS field-value OWS} (RFC 9112 §5). */
    private static HttpField readFieldLine(String text, boolean firstField) {
        if (HttpSyntax.isWhitespace(text.charAt(0))) {
            throw new HttpHeadException(firstField ? HttpHeadProblem.WHITESPACE_AFTER_START_LINE
                    : HttpHeadProblem.OBSOLETE_LINE_FOLDING, quote(text));
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new HttpHeadException(HttpHeadProblem.MISSING_COLON, quote(text));
        }
        String name = text.substring(0, colon);
        if (!name.isEmpty() && HttpSyntax.isWhitespace(name.charAt(name.length() - 1))) {
            // RFC 9112 §5.1: a server MUST reject it; lenient parsers here enabled request smuggling.
            throw new HttpHeadException(HttpHeadProblem.WHITESPACE_BEFORE_COLON, quote(text));
        }
        if (!HttpSyntax.isToken(name)) {
            throw new HttpHeadException(HttpHeadProblem.INVALID_HEADER_NAME, quote(name));
        }
        String value = text.substring(colon + 1);
        for (int i = 0; i < value.length(); i++) {
            if (!HttpSyntax.isFieldValueChar(value.charAt(i))) {
                throw new HttpHeadException(HttpHeadProblem.INVALID_HEADER_VALUE,
                        "in " + name + ": " + quote(value));
            }
        }
        return new HttpField(name, value);
    }

    /** Reads {@code method SP request-target SP HTTP-version} (RFC 9112 §3), single spaces only. */
    private static Function<HttpHeaders, HttpRequest> readRequestLine(String text) {
        int firstSpace = text.indexOf(' ');
        int secondSpace = firstSpace < 0 ? -1 : text.indexOf(' ', firstSpace + 1);
        if (firstSpace < 0 || secondSpace < 0 || text.indexOf(' ', secondSpace + 1) >= 0) {
            throw new HttpHeadException(HttpHeadProblem.MALFORMED_REQUEST_LINE,
                    "expected exactly two spaces: " + quote(text));
        }
        String method = text.substring(0, firstSpace);
        String target = text.substring(firstSpace + 1, secondSpace);
        String versionText = text.substring(secondSpace + 1);
        if (!HttpSyntax.isToken(method)) {
            throw new HttpHeadException(HttpHeadProblem.MALFORMED_REQUEST_LINE, "method " + quote(method));
        }
        if (!HttpRequest.isRequestTarget(target)) {
            throw new HttpHeadException(HttpHeadProblem.MALFORMED_REQUEST_LINE, "target " + quote(target));
        }
        HttpVersion version = readVersion(versionText, HttpHeadProblem.MALFORMED_REQUEST_LINE);
        return headers -> new HttpRequest(method, target, version, headers);
    }

    /** Reads {@code HTTP-version SP status-code SP [reason-phrase]} (RFC 9112 §4). */
    private static Function<HttpHeaders, HttpResponse> readStatusLine(String text) {
        HttpHeadProblem malformed = HttpHeadProblem.MALFORMED_STATUS_LINE;
        int firstSpace = text.indexOf(' ');
        if (firstSpace < 0) {
            throw new HttpHeadException(malformed, quote(text));
        }
        HttpVersion version = readVersion(text.substring(0, firstSpace), malformed);
        String rest = text.substring(firstSpace + 1);
        boolean hasReason = rest.length() > 3 && rest.charAt(3) == ' ';
        if ((rest.length() != 3 && !hasReason) || !isStatusCode(rest.substring(0, 3))) {
            throw new HttpHeadException(malformed, "status code in " + quote(text));
        }
        int status = Integer.parseInt(rest.substring(0, 3));
        String reason = hasReason ? rest.substring(4) : "";
        if (!HttpResponse.isReasonPhrase(reason)) {
            throw new HttpHeadException(malformed, "reason phrase " + quote(reason));
        }
        return headers -> new HttpResponse(version, status, reason, headers);
    }

    private static boolean isStatusCode(String digits) {
        return digits.charAt(0) >= '1' && digits.charAt(0) <= '5'
                && isDigit(digits.charAt(1)) && isDigit(digits.charAt(2));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static HttpVersion readVersion(String text, HttpHeadProblem malformed) {
        HttpVersion version = HttpVersion.parseOrNull(text);
        if (version == null) {
            throw new HttpHeadException(malformed, "HTTP version " + quote(text));
        }
        if (version.major() != 1) {
            throw new HttpHeadException(HttpHeadProblem.UNSUPPORTED_HTTP_VERSION, version.toString());
        }
        return version;
    }
}
