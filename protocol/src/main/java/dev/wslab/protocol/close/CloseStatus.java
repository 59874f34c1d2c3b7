package dev.wslab.protocol.close;

import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.protocol.utf8.Utf8Validator;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * CloseStatus is the body of a Close frame: a close code and a close reason (RFC 6455 §5.5.1, §7.1.5,
 * §7.1.6).
 *
 * <p>A Close frame with an empty body carries no status; it is read as {@link #NO_STATUS}, whose code
 * 1005 exists only in APIs and is never written on the wire. A connection that ended without any Close
 * frame is reported as {@link #ABNORMAL}, code 1006.
 *
 * @param code the close code
 * @param reason the close reason, possibly empty
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6455#section-5.5.1">RFC 6455 §5.5.1</a>
 */
public record CloseStatus(CloseCode code, String reason) {

    /** A control frame's payload is at most 125 bytes, 2 of which are the code (§5.5). */
    public static final int MAX_REASON_BYTES = 123;

    /** What an empty Close frame means: no status code was present (1005). */
    public static final CloseStatus NO_STATUS = new CloseStatus(CloseCode.NO_STATUS_RCVD, "");
    /** What a connection that closed without a Close frame reports (1006). */
    public static final CloseStatus ABNORMAL = new CloseStatus(CloseCode.ABNORMAL_CLOSURE, "");
    /** A normal closure (1000) without a reason. */
    public static final CloseStatus NORMAL = new CloseStatus(CloseCode.NORMAL_CLOSURE, "");

    public CloseStatus {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }

    /** Returns the status with this code and reason. */
    public static CloseStatus of(CloseCode code, String reason) {
        return new CloseStatus(code, reason);
    }

    /** Returns the status with this code and an empty reason. */
    public static CloseStatus of(CloseCode code) {
        return new CloseStatus(code, "");
    }

    /**
     * Reads the body of a received Close frame.
     *
     * @throws ProtocolViolationException when the body is 1 byte long, carries a code that is not valid
     *     on the wire (§7.4), or a reason that is not UTF-8 (§5.5.1)
     */
    // tag::parse[]
    public static CloseStatus parse(Payload body) {
        if (body.isEmpty()) {
            return NO_STATUS;
        }
        // RFC 6455 §5.5.1: "If there is a body, the first two bytes of the body MUST be a 2-byte
        // unsigned integer" - a single byte cannot be a status code.
        if (body.length() == 1) {
            throw new ProtocolViolationException(Rule.CLOSE_PAYLOAD_ONE_BYTE, "body " + body.toHex());
        }
        CloseCode code = CloseCode.of(((body.get(0) & 0xFF) << 8) | (body.get(1) & 0xFF));
        if (!code.isValidOnTheWire()) {
            throw new ProtocolViolationException(ruleBrokenBy(code), "code " + code);
        }
        byte[] bytes = body.toByteArray();
        if (!Utf8Validator.isValid(bytes, 2, bytes.length)) {
            throw new ProtocolViolationException(Rule.INVALID_CLOSE_REASON,
                    "reason bytes " + Payload.of(bytes, 2, bytes.length - 2).toHex());
        }
        return new CloseStatus(code, new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_8));
    }
    // end::parse[]

    /** Which rule a code that is not valid on the wire breaks: each range is excluded by its own clause. */
    private static Rule ruleBrokenBy(CloseCode code) {
        return switch (code.category()) {
            case RESERVED_NEVER_ON_WIRE -> Rule.CLOSE_CODE_NEVER_SENT;
            case UNDEFINED -> Rule.CLOSE_CODE_UNDEFINED;
            case NOT_USED -> Rule.CLOSE_CODE_NOT_USED;
            case RESERVED -> Rule.CLOSE_CODE_RESERVED;
            case STANDARD, REGISTERED, PRIVATE -> throw new IllegalArgumentException(code + " is valid on the wire");
        };
    }

    /**
     * Returns the body of a Close frame carrying this status: empty for {@link #NO_STATUS}, else the code
     * in network byte order followed by the reason in UTF-8.
     *
     * @throws IllegalArgumentException when the code may not be sent (§7.4.2) or the reason is longer
     *     than 123 bytes in UTF-8
     */
    // tag::to-payload[]
    public Payload toPayload() {
        if (this.equals(NO_STATUS)) {
            return Payload.EMPTY;
        }
        if (!code.isValidOnTheWire()) {
            throw new IllegalArgumentException("close code " + code + " may not be sent in a Close frame");
        }
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        if (reasonBytes.length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("a close reason is at most " + MAX_REASON_BYTES
                    + " bytes of UTF-8, got " + reasonBytes.length);
        }
        byte[] body = new byte[2 + reasonBytes.length];
        body[0] = (byte) (code.value() >>> 8);
        body[1] = (byte) code.value();
        System.arraycopy(reasonBytes, 0, body, 2, reasonBytes.length);
        return Payload.of(body);
    }
    // end::to-payload[]

    @Override
    public String toString() {
        return reason.isEmpty() ? code.toString() : code + " \"" + reason + "\"";
    }
}
