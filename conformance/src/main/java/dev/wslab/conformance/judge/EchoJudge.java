package dev.wslab.conformance.judge;

import dev.wslab.conformance.Verdict;
import dev.wslab.protocol.close.CloseStatus;

import java.util.Optional;
import java.util.Set;

/**
 * EchoJudge judges a stream of echoes (sections 12 and 13) and puts that verdict together with the one on
 * the closing, which the {@link Judge} gave as for any case. A wrong echo, or echoes that stop without a
 * reason the RFC allows, is a message misread (FAILED); a rule the server broke stays the judge's FAILED; a
 * message refused with 1009 or 1008 is the server's own limit (RFC 6455 §10.4), recorded as INFORMATIONAL,
 * as the suite treats every policy of the server; echoes slower than Autobahn's time limit are NON-STRICT.
 */
public final class EchoJudge {

    /** The close codes of a server that refuses a message by its own limit: too big (1009) or its policy (1008). */
    private static final Set<Integer> LIMIT_CODES = Set.of(1009, 1008);

    private EchoJudge() {
    }

    /** Returns the case's result: the stream's verdict, unless the judge found worse; the closing's as judged. */
    public static CaseResult judge(CaseResult closing, EchoOutcome outcome) {
        Finding stream = stream(outcome, closing.observation().closeReceived());
        if (closing.behavior() != Verdict.OK && closing.behavior().ordinal() >= stream.verdict().ordinal()) {
            // e.g. a rule the server broke in an echo, which stopped the stream: the judge's finding cites the rule
            return new CaseResult(closing.testCase(), closing.behavior(), closing.behaviorReason() + " (" + stream.observed()
                    + ")", closing.close(), closing.closeReason(), closing.observation(), closing.wireLog(),
                    closing.duration());
        }
        return new CaseResult(closing.testCase(), stream.verdict(), stream.explanation(), closing.close(),
                closing.closeReason(), closing.observation(), closing.wireLog(), closing.duration());
    }

    private static Finding stream(EchoOutcome outcome, Optional<CloseStatus> serverClose) {
        return switch (outcome) {
            case EchoOutcome.AllEchoed all -> Finding.ok("all " + all.messages() + " echoes came back with the type,"
                    + " length and content sent, in " + all.took().toMillis() + " ms");
            case EchoOutcome.Mismatch wrong -> Finding.of(Reasons.MESSAGES_MISREAD, "the echo of message "
                    + (wrong.index() + 1) + " differs from it: " + wrong.difference());
            case EchoOutcome.TooSlow slow -> Finding.of(Reasons.ECHOES_TOO_SLOW, slow.echoed() + " echoes came back"
                    + " within the time limit of " + slow.limit().toSeconds() + " s; the RFCs set no time limit: a"
                    + " matter of speed, not an RFC failure");
            case EchoOutcome.Stopped stopped -> serverClose.filter(status -> !status.equals(CloseStatus.NO_STATUS)
                            && LIMIT_CODES.contains(status.code().value()))
                    .map(status -> Finding.of(Reasons.MESSAGE_OVER_SERVER_LIMIT, "after " + stopped.echoed()
                            + " echoes the server closed with " + status + ": a limit on messages is the server's to"
                            + " choose"))
                    .orElseGet(() -> Finding.of(Reasons.MESSAGES_MISREAD, "only " + stopped.echoed()
                            + " messages were echoed: " + stopped.why()));
        };
    }
}
