package dev.wslab.conformance.judge;

import dev.wslab.conformance.HandshakeCheck;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.wire.HandshakeProbe;
import dev.wslab.protocol.handshake.ClientHandshakeResult;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.http.HttpResponse;

import java.util.Optional;

/**
 * HandshakeJudge judges a server's answer to an opening handshake request, by §4.2 and §4.4. A robustness
 * probe's miss of a time or size the RFC leaves to the server (§10.4) is UNSAFE, not FAILED.
 */
public final class HandshakeJudge {

    /** A verdict with its reason. */
    public record Judgement(Verdict verdict, String reason) {
    }

    private HandshakeJudge() {
    }

    /** A request that never completes: the server must end the connection in time, and never accept it. */
    private static Judgement serverCloses(HandshakeProbe probe) {
        if (probe.suiteGaveUp()) {
            return new Judgement(Verdict.UNSAFE, "the server kept the connection open until the suite gave up: a"
                    + " client can hold it, and many clients all of the server's connections");
        }
        if (probe.response().isEmpty()) {
            return new Judgement(Verdict.OK, "the server closed the connection in time");
        }
        int status = probe.response().get().status();
        if (status == 101) {
            return new Judgement(Verdict.FAILED, "the server answered 101 to a request it never received in full");
        }
        return new Judgement(Verdict.OK, "the server answered " + status + " " + probe.response().get().reason()
                + " in time");
    }

    /** Judges the answer to {@code check}'s request. */
    public static Judgement judge(HandshakeCheck check, HandshakeProbe probe) {
        Optional<HttpResponse> response = probe.response();
        if (check.expected() == HandshakeCheck.Answer.ACCEPT) {
            return switch (probe.result()) {
                case ClientHandshakeResult.Accepted accepted -> new Judgement(Verdict.OK, "the server accepted with a valid 101 response");
                case HandshakeFailure failure -> new Judgement(Verdict.FAILED, "a request that "
                        + check.change() + " is valid, but the handshake failed: " + failure.message());
            };
        }
        if (check.expected() == HandshakeCheck.Answer.SERVER_CLOSES) {
            return serverCloses(probe);
        }
        if (check.expected() == HandshakeCheck.Answer.RECORDED) {
            return new Judgement(Verdict.INFORMATIONAL, response.map(r -> "the server answered " + r.status() + " "
                    + r.reason()).orElse(probe.suiteGaveUp() ? "the server did not answer in time"
                    : "the server closed the connection without answering"));
        }
        if (check.expected() == HandshakeCheck.Answer.REJECT_OR_VALID_ACCEPT) {
            if (response.isEmpty()) {
                return probe.suiteGaveUp()
                        ? new Judgement(Verdict.UNSAFE, "the server did not answer the request in time")
                        : new Judgement(Verdict.OK, "the server closed the connection without accepting the request");
            }
            if (response.get().status() == 101) {
                return switch (probe.result()) {
                    case ClientHandshakeResult.Accepted accepted -> new Judgement(Verdict.OK,
                            "the server accepted with a valid 101 that selects nothing it was not validly offered");
                    case HandshakeFailure failure -> new Judgement(Verdict.FAILED, "the server accepted a request that "
                            + check.change() + " with an invalid 101: " + failure.message());
                };
            }
        }
        if (check.expected() == HandshakeCheck.Answer.ANY_ANSWER) {
            if (response.isEmpty() && !probe.suiteGaveUp()) {
                // Dropping an abusive request at once is as safe as refusing it.
                return new Judgement(Verdict.OK, "the server closed the connection without answering, in time");
            }
            return response.isPresent()
                    ? new Judgement(Verdict.OK, "the server answered " + response.get().status() + " in time")
                    : new Judgement(Verdict.UNSAFE, "the server did not answer the request in time");
        }
        if (response.isEmpty() && check.expected() == HandshakeCheck.Answer.REJECT_OR_CLOSE) {
            return new Judgement(Verdict.OK, "the server closed the connection without accepting the request");
        }
        if (check.expected() == HandshakeCheck.Answer.REJECT_OR_CLOSE && response.get().status() < 400) {
            // The request is valid, only larger than a limit the server should have (§10.4): not an RFC failure.
            return new Judgement(Verdict.UNSAFE, "the server answered " + response.get().status() + " "
                    + response.get().reason() + " to a request that " + check.change() + ", instead of refusing it");
        }
        if (response.isEmpty()) {
            return new Judgement(Verdict.FAILED, "the server closed the connection without an HTTP response; §4.2.1"
                    + " says it MUST answer an invalid request with an error status such as 400");
        }
        int status = response.get().status();
        String seen = "the server answered " + status + " " + response.get().reason();
        if (status == 101) {
            return new Judgement(Verdict.FAILED, "the request " + check.change() + ", which §4.2.1 says a server MUST"
                    + " refuse, but " + seen);
        }
        if (status < 400) {
            return new Judgement(Verdict.FAILED, seen + "; an invalid handshake gets an error status (§4.2.1)");
        }
        if (check.expected() == HandshakeCheck.Answer.REJECT_WITH_VERSIONS
                && !response.get().headers().tokens("Sec-WebSocket-Version").contains("13")) {
            return new Judgement(Verdict.FAILED, seen + " without a Sec-WebSocket-Version header listing 13, which §4.4"
                    + " requires with the error");
        }
        if (status >= 500) {
            return new Judgement(Verdict.NON_STRICT, seen + ": an error, but a client error (4xx) is the appropriate one");
        }
        return new Judgement(Verdict.OK, seen);
    }
}
