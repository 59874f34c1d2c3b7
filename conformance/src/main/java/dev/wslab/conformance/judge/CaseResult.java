package dev.wslab.conformance.judge;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.wire.Observation;
import dev.wslab.conformance.wire.WireLog;

import java.time.Duration;
import java.util.List;

/**
 * CaseResult is the outcome of one case: the verdict on the server's behaviour and on how it closed,
 * each with its reason in plain words, and the evidence: what was observed and the wire log.
 *
 * @param testCase the case that ran
 * @param behavior the verdict on the events the server produced
 * @param behaviorReason why, in plain words
 * @param close the verdict on how the connection ended
 * @param closeReason why, in plain words
 * @param observation what the suite saw
 * @param wireLog every byte both ways, decoded
 * @param duration how long the case took
 */
public record CaseResult(ConformanceCase testCase, Verdict behavior, String behaviorReason, Verdict close,
                         String closeReason, Observation observation, List<WireLog.Entry> wireLog,
                         Duration duration) {

    /** Returns the case's overall verdict: the worse of the two. */
    public Verdict verdict() {
        return behavior.worst(close);
    }

    /** Returns both reasons in one line. */
    public String reason() {
        return behaviorReason + "; " + closeReason;
    }
}
