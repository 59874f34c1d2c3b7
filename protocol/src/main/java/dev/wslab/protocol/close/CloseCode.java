package dev.wslab.protocol.close;

/**
 * CloseCode is the status code carried in the first two bytes of a Close frame (RFC 6455 §7.4).
 *
 * <p>The named constants are the codes of §7.4.1 and of the IANA "WebSocket Close Code Number"
 * registry, under the names those documents give them. Any other value can still be represented, so
 * that a decoder can report exactly what a peer sent; {@link #category()} says what the RFC allows.
 *
 * @param value the code as an unsigned 16-bit number
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6455#section-7.4">RFC 6455 §7.4</a>
 */
public record CloseCode(int value) {

    /** 1000: the purpose for which the connection was established has been fulfilled. */
    public static final CloseCode NORMAL_CLOSURE = new CloseCode(1000);
    /** 1001: an endpoint is going away, such as a server going down or a browser leaving a page. */
    public static final CloseCode GOING_AWAY = new CloseCode(1001);
    /** 1002: the endpoint is terminating the connection due to a protocol error. */
    public static final CloseCode PROTOCOL_ERROR = new CloseCode(1002);
    /** 1003: the endpoint received a type of data it cannot accept (e.g. binary when it only understands text). */
    public static final CloseCode UNSUPPORTED_DATA = new CloseCode(1003);
    /** 1005: reserved; stands for "no status code was present". Never sent on the wire (§7.4.1). */
    public static final CloseCode NO_STATUS_RCVD = new CloseCode(1005);
    /** 1006: reserved; stands for "closed abnormally, without a Close frame". Never sent on the wire. */
    public static final CloseCode ABNORMAL_CLOSURE = new CloseCode(1006);
    /** 1007: a message's data was not consistent with its type (e.g. invalid UTF-8 in a text message). */
    public static final CloseCode INVALID_FRAME_PAYLOAD_DATA = new CloseCode(1007);
    /** 1008: a message violates the endpoint's policy; the generic code when no better one fits. */
    public static final CloseCode POLICY_VIOLATION = new CloseCode(1008);
    /** 1009: a message is too big for the endpoint to process. */
    public static final CloseCode MESSAGE_TOO_BIG = new CloseCode(1009);
    /** 1010: sent by a client when the server did not negotiate an extension the client requires. */
    public static final CloseCode MANDATORY_EXTENSION = new CloseCode(1010);
    /** 1011: the server met an unexpected condition that prevented it from fulfilling the request. */
    public static final CloseCode INTERNAL_ERROR = new CloseCode(1011);
    /** 1012: the service is restarting (IANA registry). */
    public static final CloseCode SERVICE_RESTART = new CloseCode(1012);
    /** 1013: try again later, e.g. the server is overloaded (IANA registry). */
    public static final CloseCode TRY_AGAIN_LATER = new CloseCode(1013);
    /** 1014: a gateway or proxy received an invalid response from the upstream server (IANA registry). */
    public static final CloseCode BAD_GATEWAY = new CloseCode(1014);
    /** 1015: reserved; stands for "the TLS handshake failed". Never sent on the wire. */
    public static final CloseCode TLS_HANDSHAKE = new CloseCode(1015);

    /** What RFC 6455 §7.4.2 and the IANA registry allow a code to be used for. */
    public enum Category {
        /** 0–999: "not used" (§7.4.2); invalid on the wire. */
        NOT_USED,
        /** A code defined by RFC 6455 or registered with IANA that an endpoint may send (1000–1003, 1007–1014). */
        STANDARD,
        /** 1005, 1006, 1015: designated for use in APIs and logs, never in a Close frame. */
        RESERVED_NEVER_ON_WIRE,
        /** 1004, 1016–2999: reserved for future versions of the protocol and extensions; invalid today. */
        RESERVED,
        /** 3000–3999: for libraries, frameworks and applications, registered with IANA. */
        REGISTERED,
        /** 4000–4999: for private use by applications, by prior agreement. */
        PRIVATE,
        /** 5000–65535: beyond every range §7.4 defines; invalid on the wire. */
        UNDEFINED
    }

    public CloseCode {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("a close code is an unsigned 16-bit number, got " + value);
        }
    }

    /** Returns the close code with the given value. */
    public static CloseCode of(int value) {
        return new CloseCode(value);
    }

    /** Classifies this code by the ranges of RFC 6455 §7.4.2 and the IANA registry. */
    public Category category() {
        if (value < 1000) {
            return Category.NOT_USED;
        }
        if (value == 1005 || value == 1006 || value == 1015) {
            return Category.RESERVED_NEVER_ON_WIRE;
        }
        if (value <= 1003 || (value >= 1007 && value <= 1014)) {
            return Category.STANDARD;
        }
        if (value < 3000) {
            return Category.RESERVED;
        }
        if (value < 4000) {
            return Category.REGISTERED;
        }
        if (value < 5000) {
            return Category.PRIVATE;
        }
        return Category.UNDEFINED;
    }

    /**
     * Tells whether this code may appear in a Close frame on the wire: a standard code, or one from the
     * 3000–3999 and 4000–4999 ranges. A received Close frame with any other code is a protocol error.
     */
    public boolean isValidOnTheWire() {
        return switch (category()) {
            case STANDARD, REGISTERED, PRIVATE -> true;
            case NOT_USED, RESERVED, RESERVED_NEVER_ON_WIRE, UNDEFINED -> false;
        };
    }

    /** Returns the name §7.4.1 or the IANA registry gives this code, or a description of its range. */
    public String meaning() {
        return switch (value) {
            case 1000 -> "Normal Closure";
            case 1001 -> "Going Away";
            case 1002 -> "Protocol error";
            case 1003 -> "Unsupported Data";
            case 1004 -> "Reserved";
            case 1005 -> "No Status Rcvd";
            case 1006 -> "Abnormal Closure";
            case 1007 -> "Invalid frame payload data";
            case 1008 -> "Policy Violation";
            case 1009 -> "Message Too Big";
            case 1010 -> "Mandatory Ext.";
            case 1011 -> "Internal Error";
            case 1012 -> "Service Restart";
            case 1013 -> "Try Again Later";
            case 1014 -> "Bad Gateway";
            case 1015 -> "TLS handshake";
            default -> switch (category()) {
                case REGISTERED -> "Registered (3000-3999)";
                case PRIVATE -> "Private use (4000-4999)";
                case RESERVED -> "Reserved";
                default -> "Invalid";
            };
        };
    }

    @Override
    public String toString() {
        return value + " (" + meaning() + ")";
    }
}
