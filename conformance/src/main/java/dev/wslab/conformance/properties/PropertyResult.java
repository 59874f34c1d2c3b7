package dev.wslab.conformance.properties;

import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.frame.Frame;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * PropertyResult is the outcome of checking one property: whether it held for every example, and if not,
 * the smallest counterexample QuickTheories shrank the failure to.
 *
 * @param property the property checked
 * @param seed the seed of the run: the same seed against the same server repeats the run exactly
 * @param examples how many examples were asked for
 * @param counterexample the shrunk failure, or empty when the property held
 * @param elapsed how long the check took, shrinking included
 * @param notApplicable why the property could not be checked at all (a server that declines compression,
 *     which RFC 7692 §5 allows), or empty when it was; a property not applicable counts as held
 */
public record PropertyResult(Property property, long seed, int examples, Optional<Counterexample> counterexample,
                             Duration elapsed, Optional<String> notApplicable) {

    public PropertyResult {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(counterexample, "counterexample");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(notApplicable, "notApplicable");
    }

    /** A property checked: held, or with a counterexample. */
    public PropertyResult(Property property, long seed, int examples, Optional<Counterexample> counterexample,
                          Duration elapsed) {
        this(property, seed, examples, counterexample, elapsed, Optional.empty());
    }

    /** Tells whether the property held for every example (or did not apply to the server). */
    public boolean held() {
        return counterexample.isEmpty();
    }

    /**
     * Counterexample is a shrunk failure.
     *
     * @param scenario the shrunk scenario, plain or compressed
     * @param frames its frames, in order, as sent before masking (compressed as the offer says)
     * @param writing how they were written to TCP ({@code whole}, {@code per-frame}, {@code chops:N})
     * @param reason why the property failed, in plain words
     * @param result the case's result: verdicts and wire log
     * @param savedTo the replayable case file, when a report directory was given
     */
    public record Counterexample(Scenario scenario, List<Frame> frames, String writing, String reason, CaseResult result,
                                 Optional<Path> savedTo) {
        public Counterexample {
            frames = List.copyOf(frames);
        }
    }

    /** Returns the one-line summary, e.g. {@code ECHOES_VALID_CONVERSATIONS: held for 100 examples (seed 42)}. */
    public String summary() {
        if (notApplicable.isPresent()) {
            return property + " (" + property.caseId() + "): not applicable: " + notApplicable.get();
        }
        if (held()) {
            return property + ": held for " + examples + " examples (seed " + seed + ")";
        }
        Counterexample failure = counterexample.get();
        return property + ": FAILED (seed " + seed + "), shrunk to " + failure.frames().size() + " frame(s): "
                + failure.reason();
    }

    /** Returns the summary and, for a failure, the shrunk frame list and where the case file is. */
    public String report() {
        if (held()) {
            return summary();
        }
        Counterexample failure = counterexample.get();
        return summary() + "\n  written " + failure.writing() + ", frames (before masking):\n" + frameList(failure.scenario())
                + failure.savedTo().map(path -> "\n  replayable case: " + path).orElse("")
                + "\n  reproduce with --seed " + seed;
    }

    /**
     * Returns the frames of {@code scenario}, one per line, the violation's marked, e.g.
     * {@code   > FIN=1 RSV=100 opcode=0x2 (BINARY) MASK=0 length=0 "" [0 bytes]   <- RESERVED_BITS_SET (§5.2, expect 1002)}.
     */
    static String frameList(Scenario scenario) {
        return switch (scenario) {
            case Conversation valid -> lines(valid.frames(), "");
            case CompressedConversation compressed -> lines(compressed.frames(), "");
            case BrokenCompressedConversation broken -> {
                List<Frame> all = broken.frames();
                int forbidden = broken.conversation().frames(0, broken.at()).size()
                        + broken.violationFrames().size() - 1; // the violation's last frame sets RSV1 where it must not
                yield String.join("\n", java.util.stream.Stream.of(lines(all.subList(0, forbidden), ""),
                        lines(all.subList(forbidden, forbidden + 1), "   <- " + broken.describe()),
                        lines(all.subList(forbidden + 1, all.size()), "")).filter(s -> !s.isEmpty()).toList());
            }
            case BrokenConversation broken -> {
                Violation violation = broken.violation();
                String mark = "   <- " + violation.describe()
                        + (violation.rule() == Rule.UNMASKED_CLIENT_FRAME ? ", sent unmasked" : "");
                yield String.join("\n", java.util.stream.Stream.of(lines(broken.framesBefore(), ""),
                        lines(violation.frames(), mark), lines(broken.framesAfter(), "")).filter(s -> !s.isEmpty()).toList());
            }
        };
    }

    private static String lines(List<Frame> frames, String mark) {
        return frames.stream().map(frame -> "  > " + frame + mark).collect(Collectors.joining("\n"));
    }
}
