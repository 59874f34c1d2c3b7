package dev.wslab.conformance.run;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Expectation.CloseExpectation;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.catalog.ProbePolicy;
import dev.wslab.conformance.catalog.RobustnessProbes;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.judge.Finding;
import dev.wslab.conformance.judge.Reasons;
import dev.wslab.conformance.wire.Target;
import dev.wslab.conformance.wire.WireLog;
import dev.wslab.protocol.extension.ExtensionHeaderParser;
import dev.wslab.protocol.extension.ParsedExtensions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * ProbeRunner runs robustness probes one at a time, each followed by a liveness check: a fresh connection
 * must complete its handshake and echo a short text message. A probe that leaves the server unable to serve
 * others fails, whatever the probe's own verdict. A probe that rests on a {@link ProbePolicy} and misses it
 * (the server kept a stalled connection, or a message over the limit, or did not serve others) is UNSAFE:
 * the policy is the server's to choose (§10.4), so it is never an RFC FAILED.
 */
public final class ProbeRunner {

    private ProbeRunner() {
    }

    /** Runs the probes in order against {@code target}. */
    public static List<CaseResult> run(List<ConformanceCase> probes, Target target, Consumer<CaseResult> progress)
            throws InterruptedException {
        List<CaseResult> results = new ArrayList<>();
        for (ConformanceCase probe : probes) {
            CaseResult result = withLiveness(byPolicy(byAgreement(CaseExecutor.run(probe, target))), target);
            progress.accept(result);
            results.add(result);
        }
        return results;
    }

    /**
     * Turns the misses of a probe's policy into UNSAFE: the server's not closing in time where the probe
     * needed it to, and the events of a crowd that was not served. A rule of RFC 6455 the server broke in
     * what it sent, or a closing handshake it did not complete, stays FAILED. (The handshake probes' misses
     * are UNSAFE from {@code HandshakeJudge} already.) Every UNSAFE reason names the policy assumed.
     */
    static CaseResult byPolicy(CaseResult result) {
        Optional<ProbePolicy> policy = RobustnessProbes.policy(result.testCase());
        if (policy.isEmpty()) {
            return result;
        }
        Verdict behavior = result.behavior();
        Verdict close = result.close();
        if (result.testCase().handshake().isEmpty()) {
            CloseExpectation expected = result.testCase().expectation().close();
            if (behavior == Verdict.FAILED && result.observation().serverViolation().isEmpty()) {
                behavior = Verdict.UNSAFE;
            }
            if (close == Verdict.FAILED && expected.closer() == Expectation.Closer.SERVER
                    && expected.ending() == Expectation.Ending.CLOSE_OR_DROP
                    && !result.observation().serverLeftTcpOpen()) {
                close = Verdict.UNSAFE;
            }
        }
        String note = " (UNSAFE, not an RFC failure: the policy assumed is " + policy.get().policy()
                + policy.get().option().map(o -> "; state the server's own with " + o).orElse("") + "; "
                + Reasons.POLICY_MISSED.clause().citation() + ")";
        return new CaseResult(result.testCase(), behavior,
                result.behaviorReason() + (behavior == Verdict.UNSAFE ? note : ""), close,
                result.closeReason() + (close == Verdict.UNSAFE ? note : ""), result.observation(), result.wireLog(),
                result.duration());
    }

    /**
     * A probe that needs the server to keep the window of the suite's messages (20.37.2), on a connection
     * whose 101 said {@code client_no_context_takeover}: the suite then MUST NOT use context takeover (RFC 7692
     * §7.1.1.2), so its message that reaches back into the one before is the suite's mistake, not the
     * server's. UNIMPLEMENTED, as for a declined offer; a close that failed that message (1002, 1007) is right.
     */
    static CaseResult byAgreement(CaseResult result) {
        if (!RobustnessProbes.needsClientContextTakeover(result.testCase())
                || !refusesClientContext(result.wireLog())) {
            return result;
        }
        String why = "the server answered client_no_context_takeover, which RFC 7692 §7.1.1.2 lets it do; this"
                + " probe needs the window of the message before, so it does not apply";
        boolean wrongCode = result.close() == Verdict.WRONG_CODE;
        return new CaseResult(result.testCase(), Verdict.UNIMPLEMENTED, why, wrongCode ? Verdict.OK : result.close(),
                wrongCode ? "the server failed the message that reached into a window it had not kept: right"
                        + " (" + result.closeReason() + ")" : result.closeReason(), result.observation(),
                result.wireLog(), result.duration());
    }

    /** Tells whether the server's 101 in {@code log} agreed permessage-deflate with client_no_context_takeover. */
    private static boolean refusesClientContext(List<WireLog.Entry> log) {
        return log.stream().filter(entry -> entry.direction() == WireLog.Direction.RECEIVED
                        && entry.text().startsWith("opening handshake response")).findFirst()
                .map(entry -> new String(entry.bytes(), StandardCharsets.ISO_8859_1).lines()
                        .filter(line -> line.regionMatches(true, 0, "Sec-WebSocket-Extensions:", 0, 25))
                        .map(line -> ExtensionHeaderParser.parse(line.substring(25)))
                        .anyMatch(parsed -> parsed instanceof ParsedExtensions.Parsed list && list.extensions().stream()
                                .anyMatch(e -> e.name().equalsIgnoreCase("permessage-deflate") && e.parameters().stream()
                                        .anyMatch(p -> p.name().equalsIgnoreCase("client_no_context_takeover")))))
                .orElse(false);
    }

    private static CaseResult withLiveness(CaseResult probe, Target target) throws InterruptedException {
        return afterLiveness(probe, Liveness.check(probe.testCase().id(), target));
    }

    /**
     * The probe's result once the liveness check after it is known: unchanged when a fresh connection was
     * served, FAILED with {@link Reasons#NO_LONGER_SERVES} when it was not, whatever the probe's own verdict.
     */
    static CaseResult afterLiveness(CaseResult probe, CaseResult live) {
        if (live.verdict() == Verdict.OK) {
            return probe;
        }
        Finding lost = new Finding(Reasons.NO_LONGER_SERVES.verdict(), Reasons.NO_LONGER_SERVES.name() + " ("
                + live.reason() + ")", Optional.of(Reasons.NO_LONGER_SERVES));
        return new CaseResult(probe.testCase(), lost.verdict(), lost.explanation() + "; the probe itself: "
                + probe.behaviorReason(), probe.close(), probe.closeReason(), probe.observation(), probe.wireLog(),
                probe.duration());
    }
}
