package dev.wslab.conformance.run;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.wire.Target;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * ConformanceRunner runs cases against a target, each on its own connection with its own timeouts, at
 * most {@code parallelism} at a time, and returns the results in catalog order.
 */
public final class ConformanceRunner {

    private ConformanceRunner() {
    }

    /**
     * Runs the cases.
     *
     * @param progress told of each result as it comes, from the runner's threads
     */
    public static List<CaseResult> run(List<ConformanceCase> cases, Target target, int parallelism,
                                       Consumer<CaseResult> progress) throws InterruptedException {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        Semaphore slots = new Semaphore(parallelism);
        List<Future<CaseResult>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ConformanceCase testCase : cases) {
                futures.add(executor.submit(() -> {
                    slots.acquire();
                    try {
                        CaseResult result = CaseExecutor.run(testCase, target);
                        progress.accept(result);
                        return result;
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<CaseResult> results = new ArrayList<>();
            for (Future<CaseResult> future : futures) {
                results.add(future.get());
            }
            java.util.Map<String, Integer> order = new java.util.HashMap<>();
            for (int i = 0; i < cases.size(); i++) {
                order.put(cases.get(i).id(), i);
            }
            results.sort(Comparator.comparingInt(result -> order.get(result.testCase().id())));
            return results;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a case crashed the runner: " + e.getCause(), e.getCause());
        }
    }
}
