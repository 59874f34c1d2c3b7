package dev.wslab.conformance.run;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.wire.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * ProbeRunner runs robustness probes one at a time, each followed by a liveness check: a fresh connection
 * must complete its handshake and echo a short text message. A probe that leaves the server unable to serve
 * others fails, whatever the probe's own verdict.
 */
public final class ProbeRunner {

    private ProbeRunner() {
    }

    /** Runs the probes in order against {@code target}. */
    public static List<CaseResult> run(List<ConformanceCase> probes, Target target, Consumer<CaseResult> progress)
            throws InterruptedException {
        List<CaseResult> results = new ArrayList<>();
        for (ConformanceCase probe : probes) {
            CaseResult result = withLiveness(CaseExecutor.run(probe, target), target);
            progress.accept(result);
            results.add(result);
        }
        return results;
    }

    private static CaseResult withLiveness(CaseResult probe, Target target) throws InterruptedException {
        CaseResult live = Liveness.check(probe.testCase().id(), target);
        if (live.verdict() == Verdict.OK) {
            return probe;
        }
        return new CaseResult(probe.testCase(), Verdict.FAILED, "after this probe the server no longer serves a fresh"
                + " connection (" + live.reason() + "); the probe itself: " + probe.behaviorReason(), probe.close(),
                probe.closeReason(), probe.observation(), probe.wireLog(), probe.duration());
    }
}
