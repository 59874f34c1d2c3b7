package dev.wslab.conformance.judge;

import dev.wslab.conformance.Verdict;

import java.util.Objects;

/**
 * Finding is one judgement of the judge: a verdict and its reason in plain words.
 *
 * @param verdict the verdict
 * @param reason why, in plain words
 */
public record Finding(Verdict verdict, String reason) {

    public Finding {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }
}
