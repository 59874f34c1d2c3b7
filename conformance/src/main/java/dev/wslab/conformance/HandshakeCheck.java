package dev.wslab.conformance;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * HandshakeCheck is a case about the opening handshake itself (§4.2): the suite edits an ordinary request
 * (to break one rule, or to stress the parser in a way the RFC allows) and judges the server's answer.
 *
 * @param change what the edit does, in plain words
 * @param editRequest the edit, applied to the request head as text
 * @param bytesAfterHead bytes sent in the same write right after the head (the first frames, say)
 * @param expected the answer the RFC requires
 * @param delivery how the request is written: at once, in chops, trickled, or not at all
 */
public record HandshakeCheck(String change, UnaryOperator<String> editRequest, byte[] bytesAfterHead,
                             Answer expected, RequestDelivery delivery) {

    /** The answer a case expects. */
    public enum Answer {
        /** 101, a valid handshake (§4.2.2). */
        ACCEPT,
        /** An HTTP error status, 4xx (§4.2.1: "an appropriate error code (such as 400 Bad Request)"). */
        REJECT,
        /** 4xx with a {@code Sec-WebSocket-Version} header listing 13 (§4.4). */
        REJECT_WITH_VERSIONS,
        /** An error status, or the connection closed without one: a server may drop an abusive request. */
        REJECT_OR_CLOSE,
        /** Any timely answer, accepting or refusing: the probe checks that the server is not stuck. */
        ANY_ANSWER,
        /**
         * A timely error status, or a valid 101 that selects nothing the request did not validly offer
         * (§4.2.2: a server answers with extensions and subprotocols from the offer, or none).
         */
        REJECT_OR_VALID_ACCEPT,
        /**
         * The server ends the connection by the case's deadline, with an error status (such as 408) or
         * without one; never 101: for a request that never completes.
         */
        SERVER_CLOSES,
        /** The RFC leaves the answer to the server's policy: the case records it, it does not judge. */
        RECORDED,
        /**
         * A valid 101 that declines every invalid permessage-deflate offer of the request and accepts, if any, a
         * valid one, validly (RFC 7692 §5, §7); judged by {@code DeflateOfferJudge}.
         */
        DECLINE_INVALID_OFFERS
    }

    /** A check whose request is written at once. */
    public HandshakeCheck(String change, UnaryOperator<String> editRequest, byte[] bytesAfterHead, Answer expected) {
        this(change, editRequest, bytesAfterHead, expected, RequestDelivery.WHOLE);
    }

    public HandshakeCheck {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(editRequest, "editRequest");
        Objects.requireNonNull(delivery, "delivery");
        bytesAfterHead = bytesAfterHead.clone();
    }
}
