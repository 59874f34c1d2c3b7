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

    /** Cases being played right now, whose results are still to come. */
    private int playing;

    /** Notes that a case started playing; its {@link #record} or {@link #abandon} follows. */
    synchronized void starting() {
        playing++;
    }

    /** Notes that a case started ended without a result. */
    synchronized void abandon() {
        playing--;
        notifyAll();
    }

    /**
     * Waits up to {@code timeout} until no case is being played: the client sees its connection end before the
     * suite has judged it, so a driver's {@code /updateReports} may come before the last result.
     */
    synchronized void awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (playing > 0 && end - System.nanoTime() > 0) {
            wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
        }
    }

    /** Records the result of a case that was {@link #starting} and wakes whoever waits for it. */
    synchronized void finished(String agent, CaseResult result) {
        playing--;
        record(agent, result);
    }

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
