package dev.wslab.conformance.judge;

import dev.wslab.conformance.HandshakeCheck;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.wire.HandshakeProbe;
import dev.wslab.protocol.handshake.ClientHandshakeResult;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.http.HttpResponse;

import java.util.Optional;

/** HandshakeJudge judges a server's answer to an opening handshake request, by §4.2 and §4.4. */
public final class HandshakeJudge {

    /** A verdict with its reason. */
    public record Judgement(Verdict verdict, String reason) {
    }

    private HandshakeJudge() {
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
        if (check.expected() == HandshakeCheck.Answer.ANY_ANSWER) {
            return response.isPresent()
                    ? new Judgement(Verdict.OK, "the server answered " + response.get().status() + " in time")
                    : new Judgement(Verdict.FAILED, "the server did not answer the request in time");
        }
        if (response.isEmpty() && check.expected() == HandshakeCheck.Answer.REJECT_OR_CLOSE) {
            return new Judgement(Verdict.OK, "the server closed the connection without accepting the request");
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
