package dev.wslab.conformance.judge;

import dev.wslab.conformance.HandshakeCheck;
import dev.wslab.conformance.wire.HandshakeProbe;
import dev.wslab.protocol.handshake.ClientHandshakeResult;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.http.HttpResponse;

/**
 * HandshakeJudge judges a server's answer to an opening handshake request, by §4.2 and §4.4. A robustness
 * probe's miss of a time or size the RFC leaves to the server (§10.4) is UNSAFE, not FAILED.
 */
public final class HandshakeJudge {

    private HandshakeJudge() {
    }

    /** Judges the answer to {@code check}'s request, by the answer the check expects. */
    public static Finding judge(HandshakeCheck check, HandshakeProbe probe) {
        return switch (check.expected()) {
            case ACCEPT -> accepted(check, probe);
            case SERVER_CLOSES -> serverCloses(probe);
            case RECORDED -> recorded(probe);
            case DECLINE_INVALID_OFFERS -> DeflateOfferJudge.judge(check, probe);
            case ANY_ANSWER -> anyAnswer(probe);
            case REJECT_OR_VALID_ACCEPT -> rejectedOrValidlyAccepted(check, probe);
            case REJECT_OR_CLOSE -> rejectedOrClosed(check, probe);
            case REJECT, REJECT_WITH_VERSIONS -> probe.response().isEmpty()
                    ? Finding.of(Reasons.INVALID_REQUEST_NOT_REFUSED,
                    "the server closed the connection without an HTTP response")
                    : rejected(check, probe.response().get());
        };
    }

    /** A valid request: the server must accept it with a valid 101 (§4.2.2). */
    private static Finding accepted(HandshakeCheck check, HandshakeProbe probe) {
        return switch (probe.result()) {
            case ClientHandshakeResult.Accepted accepted -> Finding.ok("the server accepted with a valid 101 response");
            case HandshakeFailure failure -> Finding.of(Reasons.VALID_REQUEST_NOT_ACCEPTED, "a request that "
                    + check.change() + " is valid, but the handshake failed: " + failure.message());
        };
    }

    /** A request that never completes: the server must end the connection in time, and never accept it. */
    private static Finding serverCloses(HandshakeProbe probe) {
        if (probe.suiteGaveUp()) {
            return Finding.of(Reasons.HELD_OPEN, "the server kept the connection open until the suite gave up: a"
                    + " client can hold it, and many clients all of the server's connections");
        }
        if (probe.response().isEmpty()) {
            return Finding.ok("the server closed the connection in time");
        }
        int status = probe.response().get().status();
        if (status == 101) {
            return Finding.of(Reasons.INVALID_REQUEST_NOT_REFUSED,
                    "the server answered 101 to a request it never received in full");
        }
        return Finding.ok("the server answered " + status + " " + probe.response().get().reason()
                + " in time");
    }

    /** The RFC leaves the answer to the server's policy: recorded, not judged. */
    private static Finding recorded(HandshakeProbe probe) {
        return Finding.informational(probe.response().map(r -> "the server answered " + r.status() + " "
                + r.reason()).orElse(probe.suiteGaveUp() ? "the server did not answer in time"
                : "the server closed the connection without answering"));
    }

    /** Any timely answer will do: the probe checks that the server is not stuck. */
    private static Finding anyAnswer(HandshakeProbe probe) {
        if (probe.response().isPresent()) {
            return Finding.ok("the server answered " + probe.response().get().status() + " in time");
        }
        // Dropping an abusive request at once is as safe as refusing it.
        return probe.suiteGaveUp() ? Finding.of(Reasons.HELD_OPEN, "the server did not answer the request in time")
                : Finding.ok("the server closed the connection without answering, in time");
    }

    /**
     * A valid request, only larger than a limit the server should have: refused or dropped is safe; accepted, the
     * server kept no limit (§10.4), which is a policy miss, not an RFC failure.
     */
    private static Finding rejectedOrClosed(HandshakeCheck check, HandshakeProbe probe) {
        if (probe.response().isEmpty()) {
            return Finding.ok("the server closed the connection without accepting the request");
        }
        HttpResponse response = probe.response().get();
        if (response.status() < 400) {
            return Finding.of(Reasons.OVERSIZED_REQUEST_ACCEPTED, "the server answered " + response.status() + " "
                    + response.reason() + " to a request that " + check.change() + ", instead of refusing it");
        }
        return rejected(check, response);
    }

    /** An error status, or a valid 101 that selects nothing the request did not validly offer (§4.2.2). */
    private static Finding rejectedOrValidlyAccepted(HandshakeCheck check, HandshakeProbe probe) {
        if (probe.response().isEmpty()) {
            return probe.suiteGaveUp()
                    ? Finding.of(Reasons.HELD_OPEN, "the server did not answer the request in time")
                    : Finding.ok("the server closed the connection without accepting the request");
        }
        if (probe.response().get().status() != 101) {
            return rejected(check, probe.response().get());
        }
        return switch (probe.result()) {
            case ClientHandshakeResult.Accepted accepted -> Finding.ok(
                    "the server accepted with a valid 101 that selects nothing it was not validly offered");
            case HandshakeFailure failure -> Finding.of(Reasons.VALID_REQUEST_NOT_ACCEPTED, "the server accepted a request that "
                    + check.change() + " with an invalid 101: " + failure.message());
        };
    }

    /** An invalid request answered: the answer must be an error status, a client error at best (§4.2.1, §4.4). */
    private static Finding rejected(HandshakeCheck check, HttpResponse response) {
        int status = response.status();
        String seen = "the server answered " + status + " " + response.reason();
        if (status == 101) {
            return Finding.of(Reasons.INVALID_REQUEST_NOT_REFUSED, "the request " + check.change()
                    + ", which a server must refuse, but " + seen);
        }
        if (status < 400) {
            return Finding.of(Reasons.INVALID_REQUEST_NOT_REFUSED, seen + ", not an error status");
        }
        if (check.expected() == HandshakeCheck.Answer.REJECT_WITH_VERSIONS
                && !response.headers().tokens("Sec-WebSocket-Version").contains("13")) {
            return Finding.of(Reasons.VERSIONS_NOT_LISTED, seen + " without a Sec-WebSocket-Version header"
                    + " listing 13");
        }
        if (status >= 500) {
            return Finding.of(Reasons.SERVER_ERROR_STATUS, seen + ": an error, but a client error (4xx) is the"
                    + " appropriate one");
        }
        return Finding.ok(seen);
    }
}
