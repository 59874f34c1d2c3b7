package dev.wslab.conformance.judge;

import static dev.wslab.conformance.judge.Clause.rfc;

import dev.wslab.conformance.Verdict;
import dev.wslab.protocol.Rule;

import java.util.ArrayList;
import java.util.List;

/**
 * Reasons lists every verdict other than OK the judges can give, each with the clause it rests on. The docs'
 * case catalog shows this table; {@code ReasonsTest} checks every quote against the RFC's text.
 */
public final class Reasons {

    private Reasons() {
    }

    // ---------------------------------------------------------------- the events the server sent

    public static final Reason PONGS_WRONG = new Reason("Pongs other than one per Ping received before a Close",
            Verdict.FAILED,
            rfc("5.5.2", Keyword.MUST, "Upon receipt of a Ping frame, an endpoint MUST send a Pong frame in response,"
                    + " unless it already received a Close frame."));
    public static final Reason EVENTS_AFTER_FAILING = new Reason("events after a frame the server must fail the"
            + " connection for", Verdict.FAILED,
            rfc("7.1.7", Keyword.MUST_NOT, "An endpoint MUST NOT continue to attempt to process data (including a"
                    + " responding Close frame) from the remote endpoint after being instructed to _Fail the WebSocket"
                    + " Connection_."));
    public static final Reason WENT_ON_WITH_INVALID_UTF8 = new Reason("invalid UTF-8 not failed by the deadline",
            Verdict.FAILED, rfc("8.1", Keyword.MUST, "When an endpoint is to interpret a byte stream as UTF-8 but finds"
            + " that the byte stream is not, in fact, a valid UTF-8 stream, that endpoint MUST _Fail the WebSocket"
            + " Connection_."));
    /** The suite's servers echo every message, as Autobahn's do: a wrong echo is a message misread. */
    public static final Reason MESSAGES_MISREAD = new Reason("the echoed messages differ from those sent",
            Verdict.FAILED, rfc("6.2", Keyword.MUST, "Incoming data MUST be parsed as WebSocket frames as defined in"
            + " Section 5.2."));
    public static final Reason LESS_THAN_AUTOBAHN_EXPECTS = new Reason("events the RFC allows, short of Autobahn's"
            + " expectation", Verdict.NON_STRICT, new Clause(Clause.Source.AUTOBAHN, "3.2, 3.3, 4.1.3, 4.1.4, 4.2.3,"
            + " 4.2.4, 5.15, 6.4.x", Keyword.NOT_NORMATIVE, "a valid message before a broken frame is echoed; invalid"
            + " UTF-8 fails the connection at the first bad byte (fail-fast), before the frame ends"));
    /** §5.5.1 forbids data frames after a Close; a control frame after it is odd, not forbidden. */
    public static final Reason CONTROL_FRAME_AFTER_CLOSE = new Reason("a Close, Ping or Pong after the server's"
            + " own Close", Verdict.NON_STRICT, rfc("1.4", Keyword.NOT_NORMATIVE, "After sending a control frame"
            + " indicating the connection should be closed, a peer does not send any further data"));

    /**
     * Returns the reason for a rule of RFC 6455 (or RFC 7692, once compression is agreed) the peer broke in what
     * it sent: the server, or the client under conform-client.
     */
    public static Reason brokeRule(Rule rule) {
        return switch (rule) {
            case MASKED_SERVER_FRAME -> broke(rule, "5.1", Keyword.MUST_NOT,
                    "A server MUST NOT mask any frames that it sends to the client.");
            // Broken by a client, which conform-client judges: the rule of what a client sends.
            case UNMASKED_CLIENT_FRAME -> broke(rule, "5.1", Keyword.MUST,
                    "a client MUST mask all frames that it sends to the server");
            case RESERVED_BITS_SET -> broke(rule, "5.2", Keyword.MUST,
                    "MUST be 0 unless an extension is negotiated that defines meanings for non-zero values.");
            case RESERVED_OPCODE -> broke(rule, "5.2", Keyword.MUST, "If an unknown opcode is received, the receiving"
                    + " endpoint MUST _Fail the WebSocket Connection_.");
            case LENGTH_MOST_SIGNIFICANT_BIT_SET -> broke(rule, "5.2", Keyword.MUST, "the most significant bit MUST be 0");
            case NON_MINIMAL_LENGTH -> broke(rule, "5.2", Keyword.MUST,
                    "the minimal number of bytes MUST be used to encode the length");
            case FRAGMENTED_CONTROL_FRAME -> broke(rule, "5.5", Keyword.MUST_NOT, CONTROL_FRAMES);
            case CONTROL_FRAME_TOO_LONG -> broke(rule, "5.5", Keyword.MUST, CONTROL_FRAMES);
            case CONTINUATION_WITHOUT_MESSAGE -> broke(rule, "6.2", Keyword.MUST,
                    "Incoming data MUST be parsed as WebSocket frames as defined in Section 5.2.");
            case NEW_MESSAGE_INSIDE_FRAGMENTED_MESSAGE -> broke(rule, "5.4", Keyword.MUST_NOT, "The fragments of one"
                    + " message MUST NOT be interleaved between the fragments of another message unless an extension"
                    + " has been negotiated that can interpret the interleaving.");
            // RFC 6455 §5.5.1: only data frames are forbidden after a Close; see CONTROL_FRAME_AFTER_CLOSE
            case FRAME_AFTER_CLOSE -> new Reason("a data frame after the server's own Close", Verdict.FAILED,
                    rfc("5.5.1", Keyword.MUST_NOT, "The application MUST NOT send any more data frames after sending a"
                            + " Close frame."));
            case CLOSE_PAYLOAD_ONE_BYTE -> broke(rule, "5.5.1", Keyword.MUST, "If there is a body, the first two bytes"
                    + " of the body MUST be a 2-byte unsigned integer (in network byte order) representing a status code");
            // Each range a code may not be sent from rests on its own clause (the code sent decides, Rule says which)
            case CLOSE_CODE_NEVER_SENT -> broke(rule, "7.4.1", Keyword.MUST_NOT, "MUST NOT be set as a status code in"
                    + " a Close control frame by an endpoint.");
            case CLOSE_CODE_UNDEFINED -> broke(rule, "5.5.1", Keyword.MUST, "If there is a body, the first two bytes of"
                    + " the body MUST be a 2-byte unsigned integer (in network byte order) representing a status code"
                    + " with value /code/ defined in Section 7.4.");
            // §7.4.2 describes its ranges without a MUST: sending from them is odd, not forbidden
            case CLOSE_CODE_NOT_USED -> new Reason(rule.description(), Verdict.NON_STRICT,
                    rfc("7.4.2", Keyword.NOT_NORMATIVE, "Status codes in the range 0-999 are not used."));
            case CLOSE_CODE_RESERVED -> new Reason(rule.description(), Verdict.NON_STRICT,
                    rfc("7.4.2", Keyword.NOT_NORMATIVE, "Status codes in the range 1000-2999 are reserved for"
                            + " definition by this protocol, its future revisions, and extensions specified in a"
                            + " permanent and readily available public specification."));
            case INVALID_CLOSE_REASON -> new Reason(rule.description(), Verdict.FAILED,
                    WENT_ON_WITH_INVALID_UTF8.clause());
            case INVALID_UTF8 -> broke(rule, "5.6", Keyword.MUST, "the whole message MUST contain valid UTF-8.");
            // The suite's own limit, not the server's fault: the RFC leaves message sizes to each endpoint
            case MESSAGE_TOO_BIG -> new Reason("a message larger than the suite accepts", Verdict.INFORMATIONAL,
                    rfc("10.4", Keyword.NOT_NORMATIVE, "implementation- and/or platform-specific limitations"
                            + " regarding the frame size or total message size after reassembly from multiple frames"));
            case COMPRESSED_CONTINUATION_FRAME, COMPRESSED_CONTROL_FRAME -> new Reason(rule.description(),
                    Verdict.FAILED, Clause.rfc7692("6.1", Keyword.MUST_NOT, "An endpoint MUST NOT set the"
                    + " \"Per-Message Compressed\" bit of control frames and non-first fragments of a data message."));
            // RFC 7692 names no close code and states no MUST for data that does not inflate: the message is
            // unreadable, which RFC 6455 §6.2's parsing MUST covers as it does any misread message
            case CORRUPT_COMPRESSED_DATA -> new Reason(rule.description(), Verdict.FAILED, MESSAGES_MISREAD.clause());
        };
    }

    private static final String CONTROL_FRAMES = "All control frames MUST have a payload length of 125 bytes or less"
            + " and MUST NOT be fragmented.";

    private static Reason broke(Rule rule, String section, Keyword keyword, String quote) {
        return new Reason(rule.description(), Verdict.FAILED, rfc(section, keyword, quote));
    }

    // ---------------------------------------------------------------- how the connection ended

    public static final Reason DID_NOT_FAIL = new Reason("the server did not fail the connection by the deadline",
            Verdict.FAILED, rfc("7.1.7", Keyword.MUST, "the server MUST _Close the WebSocket Connection_"));
    public static final Reason CLOSE_NOT_ANSWERED = new Reason("the suite's Close not answered with a Close",
            Verdict.FAILED, rfc("5.5.1", Keyword.MUST, "If an endpoint receives a Close frame and did not previously"
            + " send a Close frame, the endpoint MUST send a Close frame in response."));
    public static final Reason TCP_CLOSED_BEFORE_HANDSHAKE = new Reason("TCP closed before both Close frames were"
            + " exchanged", Verdict.FAILED, rfc("5.5.1", Keyword.MUST, "After both sending and receiving a Close"
            + " message, an endpoint considers the WebSocket connection closed and MUST close the underlying TCP"
            + " connection."));
    public static final Reason TCP_LEFT_OPEN = new Reason("TCP left open after the closing handshake", Verdict.FAILED,
            rfc("5.5.1", Keyword.MUST, "The server MUST close the underlying TCP connection immediately"));
    public static final Reason FAILED_WITHOUT_CODE = new Reason("the connection failed without a status code (a Close"
            + " without a code, or TCP closed without a Close)", Verdict.NON_STRICT, Clauses.APPROPRIATE_STATUS_CODE);
    public static final Reason FAILED_WITH_OTHER_CODE = new Reason("the connection failed with another status code",
            Verdict.WRONG_CODE, Clauses.APPROPRIATE_STATUS_CODE);
    public static final Reason ANSWERED_WITH_OTHER_CODE = new Reason("the suite's Close answered with another code",
            Verdict.WRONG_CODE, rfc("5.5.1", Keyword.NOT_NORMATIVE, "When sending a Close frame in response, the"
            + " endpoint typically echos the status code it received."));

    /** Clauses more than one reason cites. */
    private static final class Clauses {
        static final Clause APPROPRIATE_STATUS_CODE = rfc("7.1.7", Keyword.SHOULD, "the endpoint SHOULD send a Close"
                + " frame with an appropriate status code (Section 7.4) before proceeding to _Close the WebSocket"
                + " Connection_.");
        /** §10.4 leaves the limits to each implementation: keeping none is a policy, not a broken MUST. */
        static final Clause LIMITS_LEFT_TO_THE_SERVER = rfc("10.4", Keyword.LEFT_TO_THE_SERVER, "Implementations that"
                + " have implementation- and/or platform-specific limitations regarding the frame size or total message"
                + " size after reassembly from multiple frames MUST protect themselves against exceeding those limits.");
    }

    // ---------------------------------------------------------------- streams of compressed echoes (sections 12, 13)

    /** Autobahn gives each case of sections 12 and 13 a time limit; RFC 6455 sets none, so a slow server is not failed. */
    public static final Reason ECHOES_TOO_SLOW = new Reason("not every echo back within Autobahn's time limit",
            Verdict.NON_STRICT, new Clause(Clause.Source.AUTOBAHN, "12.x, 13.x", Keyword.NOT_NORMATIVE, "all 1000 echoes"
            + " within the case's time limit (60 to 480 s); the RFCs set no time limit, so this is a matter of speed,"
            + " not of conformance"));
    /** A server that refuses a message too big for it, with 1009 (or 1008, its policy), keeps to its own limit. */
    public static final Reason MESSAGE_OVER_SERVER_LIMIT = new Reason("a message refused with 1009 or 1008: a limit"
            + " of the server's own", Verdict.INFORMATIONAL, Clauses.LIMITS_LEFT_TO_THE_SERVER);

    // ---------------------------------------------------------------- the opening handshake

    public static final Reason VALID_REQUEST_NOT_ACCEPTED = new Reason("a valid request not accepted with a valid 101",
            Verdict.FAILED, rfc("4.2.2", Keyword.MUST, "If the server chooses to accept the incoming connection, it MUST"
            + " reply with a valid HTTP response indicating the following."));
    public static final Reason INVALID_REQUEST_NOT_REFUSED = new Reason("an invalid request accepted, or answered"
            + " without an error status", Verdict.FAILED, rfc("4.2.1", Keyword.MUST, "the server MUST stop processing"
            + " the client's handshake and return an HTTP response with an appropriate error code (such as 400 Bad"
            + " Request)."));
    public static final Reason VERSIONS_NOT_LISTED = new Reason("an unsupported version refused without"
            + " Sec-WebSocket-Version", Verdict.FAILED, rfc("4.4", Keyword.MUST, "If the server doesn't support the"
            + " requested version, it MUST respond with a |Sec-WebSocket-Version| header field (or multiple"
            + " |Sec-WebSocket-Version| header fields) containing all versions it is willing to use."));
    public static final Reason SERVER_ERROR_STATUS = new Reason("an invalid request refused with a server error (5xx)",
            Verdict.NON_STRICT, rfc("4.2.1", Keyword.NOT_NORMATIVE, "an appropriate error code (such as 400 Bad"
            + " Request)"));
    /** A policy the RFC leaves to the server (how long to wait); the policy probes of section 20 use it. */
    public static final Reason HELD_OPEN = new Reason("a request left unanswered until the suite gave up",
            Verdict.UNSAFE, Clauses.LIMITS_LEFT_TO_THE_SERVER);
    /** A policy the RFC leaves to the server (how large a head to take); the policy probes of section 20 use it. */
    public static final Reason OVERSIZED_REQUEST_ACCEPTED = new Reason("a request over the assumed head size limit"
            + " accepted", Verdict.UNSAFE, Clauses.LIMITS_LEFT_TO_THE_SERVER);

    // ---------------------------------------------------------------- the robustness probes (section 20)

    /** A probe's miss of the policy it assumed (a timeout, a size, a rate): the policy is the server's (§10.4). */
    public static final Reason POLICY_MISSED = new Reason("the server's policy differs from the one the probe assumed",
            Verdict.UNSAFE, Clauses.LIMITS_LEFT_TO_THE_SERVER);
    /** After a probe, a fresh connection is not served: the server did not protect itself against the probe. */
    public static final Reason NO_LONGER_SERVES = new Reason("after the probe the server no longer serves a fresh"
            + " connection", Verdict.FAILED, rfc("10.4", Keyword.MUST, "Implementations that have implementation-"
            + " and/or platform-specific limitations regarding the frame size or total message size after reassembly"
            + " from multiple frames MUST protect themselves against exceeding those limits."));

    /** Returns every reason, for the docs and the tests: the fixed ones, then one per rule a server can break. */
    public static List<Reason> all() {
        List<Reason> all = new ArrayList<>(List.of(PONGS_WRONG, EVENTS_AFTER_FAILING, WENT_ON_WITH_INVALID_UTF8, MESSAGES_MISREAD,
                LESS_THAN_AUTOBAHN_EXPECTS, CONTROL_FRAME_AFTER_CLOSE, DID_NOT_FAIL, CLOSE_NOT_ANSWERED,
                TCP_CLOSED_BEFORE_HANDSHAKE, TCP_LEFT_OPEN, FAILED_WITHOUT_CODE, FAILED_WITH_OTHER_CODE,
                ANSWERED_WITH_OTHER_CODE, VALID_REQUEST_NOT_ACCEPTED, INVALID_REQUEST_NOT_REFUSED, VERSIONS_NOT_LISTED,
                SERVER_ERROR_STATUS, HELD_OPEN, OVERSIZED_REQUEST_ACCEPTED, POLICY_MISSED, NO_LONGER_SERVES, ECHOES_TOO_SLOW,
                MESSAGE_OVER_SERVER_LIMIT));
        for (Rule rule : Rule.values()) {
            all.add(brokeRule(rule));
        }
        all.addAll(CompressionReasons.all());
        return List.copyOf(all);
    }
}
