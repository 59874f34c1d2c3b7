package dev.wslab.conformance.clients;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.judge.CaseResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * ClientResults holds the result of every (agent, case) that ran since the server started; a case run again
 * for the same agent replaces its result, as in Autobahn. {@code /getCaseStatus} waits here for a result.
 */
public final class ClientResults {

    private final Map<String, Map<String, CaseResult>> byAgent = new TreeMap<>();

    /** Records a result and wakes whoever waits for it. */
    public synchronized void record(String agent, CaseResult result) {
        byAgent.computeIfAbsent(agent, a -> new TreeMap<>(ConformanceCase::compareIds)).put(result.testCase().id(), result);
        notifyAll();
    }

    /** Waits up to {@code timeout} for the result of {@code testCase} for {@code agent}. */
    public synchronized Optional<CaseResult> await(String agent, ConformanceCase testCase, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<CaseResult> result = Optional.ofNullable(byAgent.getOrDefault(agent, Map.of()).get(testCase.id()));
            long left = end - System.nanoTime();
            if (result.isPresent() || left <= 0) {
                return result;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Returns every agent's results, in case id order. */
    public synchronized Map<String, List<CaseResult>> all() {
        Map<String, List<CaseResult>> copy = new LinkedHashMap<>();
        byAgent.forEach((agent, results) -> copy.put(agent, new ArrayList<>(results.values())));
        return copy;
    }
}
