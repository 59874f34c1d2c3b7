package dev.wslab.conformance.properties;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.run.CaseExecutor;
import dev.wslab.conformance.wire.Target;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.frame.Frame;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Gen;
import org.quicktheories.core.Reporter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * PropertyRunner checks the {@link Property properties} against a server with QuickTheories: it generates
 * scenarios from a seed, runs each as a case on its own connection, and on a failure lets QuickTheories
 * shrink it to a minimal one, which it returns with its wire log and saves as a replayable {@link CaseFile}.
 */
public final class PropertyRunner {

    /**
     * Options of a run.
     *
     * @param examples how many scenarios each property tries
     * @param seed the seed; the same seed against the same server gives the same scenarios and result
     * @param maxMessages the most messages in one conversation
     * @param deadline how long the server has to react after the last frame (a server that answers at once
     *     is not slowed down; a failing one makes each shrinking step wait this long), before the target's
     *     time scale
     * @param shrinkCycles how many shrinking steps QuickTheories may take
     * @param reportDir where to save the counterexamples' case files, if anywhere
     * @param violations the rules the broken conversations break (all by default)
     */
    public record Options(int examples, long seed, int maxMessages, Duration deadline, int shrinkCycles,
                          Optional<Path> reportDir, Set<Rule> violations) {
        public Options {
            if (examples < 1 || maxMessages < 1 || shrinkCycles < 0) {
                throw new IllegalArgumentException("examples and messages must be at least 1, shrink cycles at least 0");
            }
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("at least one rule to break is needed");
            }
            if (!Violation.GENERATED_RULES.containsAll(violations)) {
                throw new IllegalArgumentException("the generator breaks only " + Violation.GENERATED_RULES + ", not "
                        + violations.stream().filter(rule -> !Violation.GENERATED_RULES.contains(rule)).toList());
            }
            violations = Set.copyOf(violations);
        }

        /** Returns options with {@code examples} and {@code seed}, up to 5 messages, a 1 s deadline, 20 shrink cycles. */
        public static Options of(int examples, long seed) {
            return new Options(examples, seed, 5, Duration.ofSeconds(1), 20, Optional.empty(),
                    Violation.GENERATED_RULES);
        }

        /** Returns a fresh seed for a run that was given none; print it, so the run can be repeated. */
        public static long randomSeed() {
            return System.nanoTime() ^ Double.doubleToLongBits(Math.random());
        }

        /** Returns a copy that saves counterexamples in {@code dir}. */
        public Options withReportDir(Path dir) {
            return new Options(examples, seed, maxMessages, deadline, shrinkCycles, Optional.of(dir), violations);
        }

        /** Returns a copy with another deadline and number of shrinking steps. */
        public Options withShrinking(Duration newDeadline, int cycles) {
            return new Options(examples, seed, maxMessages, newDeadline, cycles, reportDir, violations);
        }

        /** Returns a copy whose broken conversations break only the rules {@code rules}. */
        public Options withViolations(Set<Rule> rules) {
            return new Options(examples, seed, maxMessages, deadline, shrinkCycles, reportDir, rules);
        }
    }

    /** How many runs the structural shrinking after QuickTheories' may take at most. */
    static final int STRUCTURAL_SHRINK_RUNS = 200;

    private PropertyRunner() {
    }

    /** Checks every property against {@code target}, in order. */
    public static List<PropertyResult> checkAll(Target target, Options options) {
        return List.of(Property.values()).stream().map(property -> check(property, target, options)).toList();
    }

    /** Checks one property against {@code target}. */
    public static PropertyResult check(Property property, Target target, Options options) {
        Duration deadline = options.deadline(); // the executor scales it by the target's time scale
        return switch (property) {
            case ECHOES_VALID_CONVERSATIONS -> check(property, target, options,
                    ConversationGenerators.conversations(options.maxMessages()),
                    conversation -> Property.caseOf(conversation, deadline), Property::check,
                    Shrinker::simpler);
            case FAILS_BROKEN_CONVERSATIONS -> check(property, target, options,
                    ConversationGenerators.brokenConversations(options.maxMessages(), options.violations()),
                    broken -> Property.caseOf(broken, deadline), Property::check,
                    Shrinker::simpler);
            case ECHOES_COMPRESSED_CONVERSATIONS -> ifCompressed(property, target, options, () -> check(property, target,
                    options, CompressedGenerators.conversations(options.maxMessages()),
                    compressed -> CompressedProperties.caseOf(compressed, deadline), CompressedProperties::check,
                    CompressedShrinker::simpler));
            case FAILS_BROKEN_COMPRESSED_CONVERSATIONS -> ifCompressed(property, target, options, () -> check(property,
                    target, options, CompressedGenerators.brokenConversations(options.maxMessages()),
                    broken -> CompressedProperties.caseOf(broken, deadline), CompressedProperties::check,
                    CompressedShrinker::simpler));
        };
    }

    /** Checks a compressed property, or says it does not apply when the server declines compression (RFC 7692 §5). */
    private static PropertyResult ifCompressed(Property property, Target target, Options options,
                                               java.util.function.Supplier<PropertyResult> check) {
        long start = System.nanoTime();
        Optional<String> notApplicable = CompressedProperties.notApplicable(target, options.deadline());
        return notApplicable.isPresent() ? new PropertyResult(property, options.seed(), options.examples(),
                Optional.empty(), Duration.ofNanos(System.nanoTime() - start), notApplicable) : check.get();
    }

    /**
     * Replay is a saved counterexample run again.
     *
     * @param property the property judged
     * @param scenario the conversation replayed, plain or compressed
     * @param frames its frames, in order, as sent before masking
     * @param result the suite's result for the case, with a fresh wire log
     * @param failure why the property still fails, or empty if it now holds
     */
    public record Replay(Property property, Scenario scenario, List<Frame> frames, CaseResult result,
                         Optional<String> failure) {
        public Replay {
            frames = List.copyOf(frames);
        }

        /** Tells whether the property held this time. */
        public boolean held() {
            return failure.isEmpty();
        }

        /** Returns the frames sent and the verdict, for people. */
        public String report() {
            String writing = CaseFile.writing(scenario.writing());
            String description = switch (scenario) {
                case BrokenConversation broken -> ", violation " + broken.violation().describe()
                        + (broken.insideMessage() ? " inside message " + (broken.at() + 1) + " after fragment "
                        + broken.within() : " after message " + broken.at());
                case BrokenCompressedConversation broken -> ", violation " + broken.describe() + " after message "
                        + broken.at();
                case CompressedConversation compressed -> ", offer " + compressed.offer().header();
                case Conversation valid -> "";
            };
            return property + description + "\n  written " + writing + ", frames (before masking):\n"
                    + PropertyResult.frameList(scenario) + "\n"
                    + failure.map(reason -> "FAILED: " + reason).orElse("PASSED: the property holds")
                    + result.observation().closeReceived().map(status -> " (the server's Close: " + status + ")").orElse("");
        }
    }

    /** Runs a saved counterexample again against {@code target} and checks its property on what happens. */
    public static Replay replay(Path caseFile, Target target, Duration deadline) throws IOException {
        return replay(CaseFile.read(caseFile), target, deadline);
    }

    /** Runs a scenario read from a case file against {@code target} and checks its property on what happens. */
    public static Replay replay(CaseFile.Saved saved, Target target, Duration deadline) {
        return switch (saved.scenario()) {
            case Conversation valid -> {
                CaseResult result = run(Property.caseOf(valid, deadline), target);
                yield new Replay(saved.property(), valid, valid.frames(), result, Property.check(valid, result));
            }
            case BrokenConversation broken -> {
                CaseResult result = run(Property.caseOf(broken, deadline), target);
                yield new Replay(saved.property(), broken, broken.frames(), result, Property.check(broken, result));
            }
            case CompressedConversation compressed -> {
                CaseResult result = run(CompressedProperties.caseOf(compressed, deadline), target);
                yield new Replay(saved.property(), compressed, compressed.frames(), result,
                        CompressedProperties.check(compressed, result));
            }
            case BrokenCompressedConversation broken -> {
                CaseResult result = run(CompressedProperties.caseOf(broken, deadline), target);
                yield new Replay(saved.property(), broken, broken.frames(), result,
                        CompressedProperties.check(broken, result));
            }
        };
    }

    /** Returns the report of a run: one line per property, and each failure's shrunk frames. */
    public static String report(List<PropertyResult> results) {
        StringBuilder text = new StringBuilder();
        results.forEach(result -> text.append(result.report()).append('\n'));
        long failed = results.stream().filter(result -> !result.held()).count();
        long notApplicable = results.stream().filter(result -> result.notApplicable().isPresent()).count();
        text.append(failed == 0 ? "all " + results.size() + " properties held" : failed + " of " + results.size()
                + " properties FAILED");
        text.append(notApplicable == 0 ? "" : " (" + notApplicable + " not applicable)");
        return text.toString();
    }

    private static <S extends Scenario> PropertyResult check(Property property, Target target, Options options,
                                                             Gen<S> generator, Function<S, ConformanceCase> toCase,
                                                             BiFunction<S, CaseResult, Optional<String>> holds,
                                                             Function<S, List<S>> simpler) {
        long start = System.nanoTime();
        Map<S, Failure> failures = new HashMap<>();
        Predicate<S> fails = scenario -> {
            ConformanceCase testCase = toCase.apply(scenario);
            CaseResult result = run(testCase, target);
            Optional<String> broken = holds.apply(scenario, result);
            broken.ifPresent(reason -> failures.put(scenario, new Failure(testCase, result, reason)));
            return broken.isPresent();
        };
        Smallest<S> smallest = new Smallest<>();
        QuickTheory.qt().withFixedSeed(options.seed()).withExamples(options.examples())
                .withShrinkCycles(options.shrinkCycles()).withReporter(smallest)
                .forAll(generator).check(fails.negate());
        if (smallest.value.isEmpty()) {
            return new PropertyResult(property, options.seed(), options.examples(), Optional.empty(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
        S found = smallest.value.get();
        if (!failures.containsKey(found) && !fails.test(found)) {
            throw new IllegalStateException("the server failed " + property + " once, then kept it: a flaky server?");
        }
        S scenario = Shrinker.shrink(found, simpler, fails, STRUCTURAL_SHRINK_RUNS);
        Failure failure = failures.get(scenario);
        Optional<Path> saved = Optional.empty();
        if (options.reportDir().isPresent()) {
            Path file = options.reportDir().get().resolve("property-" + property.name().toLowerCase() + "-seed-"
                    + options.seed() + ".json");
            try {
                CaseFile.write(file, property, scenario, options.seed(), failure.reason());
            } catch (IOException e) {
                throw new UncheckedIOException("could not save the counterexample to " + file, e);
            }
            saved = Optional.of(file);
        }
        return new PropertyResult(property, options.seed(), options.examples(), Optional.of(
                new PropertyResult.Counterexample(scenario, scenario.frames(),
                        CaseFile.writing(scenario.writing()), failure.reason(), failure.result(), saved)),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static CaseResult run(ConformanceCase testCase, Target target) {
        try {
            return CaseExecutor.run(testCase, target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private record Failure(ConformanceCase testCase, CaseResult result, String reason) {
    }

    /**
     * Keeps the smallest falsifying scenario instead of throwing, as the JUnit-oriented default reporter does.
     *
     * @param <S> the scenarios of the generator whose values QuickTheories reports
     */
    private static final class Smallest<S extends Scenario> implements Reporter {
        private Optional<S> value = Optional.empty();

        @Override
        public void falisification(long seed, int examplesUsed, Object smallest, Throwable cause,
                                   List<Object> examples, AsString<Object> toString) {
            if (cause instanceof RuntimeException runtime) {
                throw runtime; // the runner itself failed (e.g. interrupted), not the server
            }
            keep(smallest);
        }

        @Override
        public void falisification(long seed, int examplesUsed, Object smallest, List<Object> examples,
                                   AsString<Object> toString) {
            keep(smallest);
        }

        @SuppressWarnings("unchecked") // the Reporter API is untyped; the value is one our Gen<S> made
        private void keep(Object smallest) {
            value = Optional.of((S) smallest);
        }

        @Override
        public void valuesExhausted(int examplesUsed) {
            // Generators here never filter values out.
        }
    }
}
