package dev.wslab.conformance.run;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.catalog.CompressionBeyondAutobahn;
import dev.wslab.conformance.catalog.RobustnessProbes;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.judge.ServerOutputJudge;
import dev.wslab.conformance.wire.Target;

/**
 * FollowUps are what a few cases of the default catalog need after they are judged, wherever they run (the
 * runner, {@code ConformanceTests}): the cases of section 14 that read the server's compressed messages
 * ({@link ServerOutputJudge}), and those outside the probes that rest on a server policy (the decompression
 * bombs), which are judged as the probes are: a miss of the policy UNSAFE, then the liveness check.
 */
final class FollowUps {

    private FollowUps() {
    }

    static CaseResult after(ConformanceCase testCase, CaseResult result, Target target) throws InterruptedException {
        CaseResult judged = CompressionBeyondAutobahn.outputCheck(testCase)
                .map(check -> ServerOutputJudge.judge(result, check)).orElse(result);
        if (RobustnessProbes.isProbe(testCase) || RobustnessProbes.policy(testCase).isEmpty()) {
            return judged; // the probes get theirs from ProbeRunner
        }
        return ProbeRunner.afterLiveness(ProbeRunner.byPolicy(judged), Liveness.check(testCase.id(), target));
    }
}
