package dev.wslab.conformance.judge;

import static dev.wslab.conformance.judge.Clause.rfc7692;

import dev.wslab.conformance.Verdict;

import java.util.List;

/**
 * CompressionReasons are the verdicts of section 14 (compression beyond Autobahn) that rest on RFC 7692's
 * own words: how a server answers permessage-deflate offers (§5, §7, §7.1.2.2) and how it compresses what
 * it sends (§7.2.1). Part of {@link Reasons#all()}.
 */
public final class CompressionReasons {

    private CompressionReasons() {
    }

    /** RFC 7692 §7: the four conditions under which a server must leave an offer out of its response. */
    private static final Clause MUST_DECLINE = rfc7692("7", Keyword.MUST, "A server MUST decline an extension"
            + " negotiation offer for this extension if any of the following conditions are met:");

    /**
     * An invalid offer accepted. Also a response with a larger {@code server_max_window_bits} than offered, or
     * none: §7.1.2.1 says a server accepts such an offer "by including the "server_max_window_bits" extension
     * parameter in the extension negotiation response to send back to the client with the same or smaller
     * value as the offer", so one that cannot keep to the window does not support the offered configuration.
     */
    public static final Reason INVALID_OFFER_ACCEPTED = new Reason("a permessage-deflate offer the server must"
            + " decline accepted", Verdict.FAILED, MUST_DECLINE);

    /**
     * A handshake refused (4xx, 5xx) over an invalid offer. To decline is to leave the offer out of the 101
     * (§5); in the same section RFC 7692 makes a client fail the connection over an invalid response, and asks
     * a server only to decline: a request whose offer breaks RFC 7692 is still a valid RFC 6455 request.
     */
    public static final Reason INVALID_OFFER_REFUSED = new Reason("the handshake refused over a permessage-deflate"
            + " offer the server must only decline", Verdict.FAILED, MUST_DECLINE);

    public static final Reason CLIENT_WINDOW_NOT_OFFERED = new Reason("client_max_window_bits in the response to"
            + " an offer without it", Verdict.FAILED, rfc7692("7.1.2.2", Keyword.MUST_NOT, "If a received extension"
            + " negotiation offer doesn't have the \"client_max_window_bits\" extension parameter, the corresponding"
            + " extension negotiation response to the offer MUST NOT include the \"client_max_window_bits\" extension"
            + " parameter."));

    public static final Reason CONTEXT_KEPT = new Reason("a back-reference to an earlier message after agreeing"
            + " server_no_context_takeover", Verdict.FAILED, rfc7692("7.2.1", Keyword.MUST, "If the \"agreed"
            + " parameters\" contain the \"server_no_context_takeover\" extension parameter, the server MUST start"
            + " compressing each new message with an empty LZ77 sliding window."));

    public static final Reason WINDOW_EXCEEDED = new Reason("a back-reference farther than the agreed"
            + " server_max_window_bits allow", Verdict.FAILED, rfc7692("7.2.1", Keyword.MUST_NOT, "If the \"agreed"
            + " parameters\" contain the \"server_max_window_bits\" extension parameter with a value of w, the server"
            + " MUST NOT use an LZ77 sliding window longer than the w-th power of 2 bytes to compress messages to"
            + " send."));

    /** Returns every reason of this class. */
    public static List<Reason> all() {
        return List.of(INVALID_OFFER_ACCEPTED, INVALID_OFFER_REFUSED, CLIENT_WINDOW_NOT_OFFERED, CONTEXT_KEPT,
                WINDOW_EXCEEDED);
    }
}
