package dev.wslab.protocol;

import dev.wslab.protocol.close.CloseCode;

/**
 * Rule names each requirement of RFC 6455 that a peer can break once the connection is open, with the
 * close code the connection is failed with and the section that states it; and those of RFC 7692
 * (permessage-deflate), which apply once compression was agreed.
 *
 * <p>One rule, one place: the decoder and the connection report a broken rule by throwing a
 * {@link ProtocolViolationException} that carries a {@link Violation} of one of these rules, and the
 * conformance suite names the rules a server breaks with the same constants. One rule,
 * {@link #FRAME_AFTER_CLOSE}, is judged by the suite only.
 */
public enum Rule {
    // tag::framing-rules[]
    /** §5.2: RSV1-3 MUST be 0 unless an extension that defines them was negotiated. */
    RESERVED_BITS_SET(CloseCode.PROTOCOL_ERROR, "5.2", "a reserved bit (RSV1-3) is set but no extension was negotiated"),
    /** §5.2: opcodes 0x3-0x7 and 0xB-0xF are reserved; an endpoint receiving one MUST fail the connection. */
    RESERVED_OPCODE(CloseCode.PROTOCOL_ERROR, "5.2", "the frame uses a reserved opcode"),
    /** §5.2: the most significant bit of a 64-bit payload length MUST be 0. */
    LENGTH_MOST_SIGNIFICANT_BIT_SET(CloseCode.PROTOCOL_ERROR, "5.2", "the 64-bit payload length has its most significant bit set"),
    /** §5.2: the minimal number of bytes MUST be used to encode the length. */
    NON_MINIMAL_LENGTH(CloseCode.PROTOCOL_ERROR, "5.2", "the payload length is not encoded in the minimal number of bytes"),
    // end::framing-rules[]
    // tag::masking-rules[]
    /** §5.1: a server MUST close the connection when it receives an unmasked frame. */
    UNMASKED_CLIENT_FRAME(CloseCode.PROTOCOL_ERROR, "5.1", "a client sent an unmasked frame; client frames MUST be masked"),
    /** §5.1: a client MUST close the connection when it receives a masked frame. */
    MASKED_SERVER_FRAME(CloseCode.PROTOCOL_ERROR, "5.1", "a server sent a masked frame; server frames MUST NOT be masked"),
    // end::masking-rules[]
    // tag::control-rules[]
    /** §5.5: control frames MUST NOT be fragmented. */
    FRAGMENTED_CONTROL_FRAME(CloseCode.PROTOCOL_ERROR, "5.5", "a control frame has FIN clear; control frames MUST NOT be fragmented"),
    /** §5.5: control frames MUST have a payload length of 125 bytes or less. */
    CONTROL_FRAME_TOO_LONG(CloseCode.PROTOCOL_ERROR, "5.5", "a control frame's payload is longer than 125 bytes"),
    // end::control-rules[]
    /** §5.4: a continuation frame is only valid inside a fragmented message. */
    CONTINUATION_WITHOUT_MESSAGE(CloseCode.PROTOCOL_ERROR, "5.4", "a continuation frame arrived but no fragmented message was in progress"),
    /** §5.4: the fragments of one message MUST NOT be interleaved with another message's. */
    NEW_MESSAGE_INSIDE_FRAGMENTED_MESSAGE(CloseCode.PROTOCOL_ERROR, "5.4", "a new text or binary frame arrived before the fragmented message in progress was finished"),
    // tag::close-rules[]
    /**
     * §5.5.1: "The application MUST NOT send any more data frames after sending a Close frame." Only data
     * frames: a Ping, Pong or second Close after a Close breaks no MUST.
     *
     * <p>Judged only by the conformance suite, which watches what a server sends after its Close. wslab's
     * own {@code Connection} never reports it: it is CLOSED once it has the peer's Close and reads nothing
     * after it, as §1.4 asks ("a peer discards any further data received").
     */
    FRAME_AFTER_CLOSE(CloseCode.PROTOCOL_ERROR, "5.5.1", "a data frame arrived after the peer's Close frame; no data frame may follow a Close"),
    /** §5.5.1: a Close frame's body, if present, starts with a 2-byte status code. */
    CLOSE_PAYLOAD_ONE_BYTE(CloseCode.PROTOCOL_ERROR, "5.5.1", "a Close frame has a 1-byte payload; a body must start with a 2-byte status code"),
    /** §7.4.1: 1005, 1006 and 1015 "MUST NOT be set as a status code in a Close control frame by an endpoint". */
    CLOSE_CODE_NEVER_SENT(CloseCode.PROTOCOL_ERROR, "7.4.1", "a Close frame carries 1005, 1006 or 1015, codes that are never sent in a Close frame"),
    /** §5.5.1: the code MUST be one "defined in Section 7.4", whose ranges end at 4999. */
    CLOSE_CODE_UNDEFINED(CloseCode.PROTOCOL_ERROR, "5.5.1", "a Close frame carries a status code above 4999, which Section 7.4 does not define"),
    /** §7.4.2: "Status codes in the range 0-999 are not used." Not a MUST; a receiver fails the connection all the same. */
    CLOSE_CODE_NOT_USED(CloseCode.PROTOCOL_ERROR, "7.4.2", "a Close frame carries a status code below 1000, a range that is not used"),
    /** §7.4.1, §7.4.2: 1004 and 1016-2999 are reserved for the protocol's future revisions. Not a MUST either. */
    CLOSE_CODE_RESERVED(CloseCode.PROTOCOL_ERROR, "7.4.2", "a Close frame carries a status code reserved for future revisions (1004, 1016-2999)"),
    /** §5.5.1: the reason in a Close frame is UTF-8 encoded. */
    INVALID_CLOSE_REASON(CloseCode.INVALID_FRAME_PAYLOAD_DATA, "5.5.1", "a Close frame's reason is not valid UTF-8"),
    // end::close-rules[]
    // tag::data-rules[]
    /** §5.6 and §8.1: a text message MUST be valid UTF-8. */
    INVALID_UTF8(CloseCode.INVALID_FRAME_PAYLOAD_DATA, "8.1", "a text message is not valid UTF-8"),
    /** §7.4.1 (1009): the endpoint does not process messages this big. */
    MESSAGE_TOO_BIG(CloseCode.MESSAGE_TOO_BIG, "7.4.1", "the message is larger than this endpoint accepts"),
    // end::data-rules[]
    // tag::compression-rules[]
    /** RFC 7692 §6.1: RSV1 ("Per-Message Compressed") MUST NOT be set on a non-first fragment of a message. */
    COMPRESSED_CONTINUATION_FRAME(CloseCode.PROTOCOL_ERROR, Rfc.RFC_7692, "6.1",
            "RSV1 is set on a continuation frame; only a message's first frame may say it is compressed"),
    /** RFC 7692 §6.1: RSV1 ("Per-Message Compressed") MUST NOT be set on a control frame. */
    COMPRESSED_CONTROL_FRAME(CloseCode.PROTOCOL_ERROR, Rfc.RFC_7692, "6.1",
            "RSV1 is set on a control frame; control frames are never compressed"),
    /** RFC 7692 §6.2: a compressed message's payload, with 00 00 ff ff appended, is a DEFLATE stream. */
    CORRUPT_COMPRESSED_DATA(CloseCode.INVALID_FRAME_PAYLOAD_DATA, Rfc.RFC_7692, "6.2",
            "a compressed message is not valid DEFLATE data");
    // end::compression-rules[]

    /** The RFC that states a rule. */
    public enum Rfc {
        /** The WebSocket Protocol. */
        RFC_6455("RFC 6455"),
        /** Compression Extensions for WebSocket (permessage-deflate), in force once it was agreed. */
        RFC_7692("RFC 7692");

        private final String title;

        Rfc(String title) {
            this.title = title;
        }

        /** Returns how the RFC is named in text, e.g. {@code "RFC 6455"}. */
        public String title() {
            return title;
        }
    }

    private final CloseCode closeCode;
    private final Rfc rfc;
    private final String rfcSection;
    private final String description;

    Rule(CloseCode closeCode, String rfcSection, String description) {
        this(closeCode, Rfc.RFC_6455, rfcSection, description);
    }

    Rule(CloseCode closeCode, Rfc rfc, String rfcSection, String description) {
        this.closeCode = closeCode;
        this.rfc = rfc;
        this.rfcSection = rfcSection;
        this.description = description;
    }

    /** Returns the code to fail the connection with when a peer breaks this rule. */
    public CloseCode closeCode() {
        return closeCode;
    }

    /** Returns the RFC that states this rule. */
    public Rfc rfc() {
        return rfc;
    }

    /** Returns the section of {@link #rfc()} that states this rule, e.g. {@code "5.5.1"}. */
    public String rfcSection() {
        return rfcSection;
    }

    /** Returns the RFC and section, e.g. {@code "RFC 6455 §5.5.1"} or {@code "RFC 7692 §6.1"}. */
    public String citation() {
        return rfc.title() + " §" + rfcSection;
    }

    /** Returns what was wrong, in plain words. */
    public String description() {
        return description;
    }
}
