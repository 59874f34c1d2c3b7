package dev.wslab.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.judge.CaseResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Baseline is a file of accepted verdicts other than OK ({@code {"3.2": "NON-STRICT", ...}}): a run
 * compared with it fails only when a verdict changed, so a server with known, accepted deviations can
 * still be checked in CI. Cases not in the file are expected to be OK.
 */
public final class Baseline {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Baseline() {
    }

    /** Reads a baseline file. */
    public static Map<String, String> read(Path file) throws IOException {
        Map<?, ?> raw = JSON.readValue(file.toFile(), Map.class);
        Map<String, String> verdicts = new TreeMap<>();
        raw.forEach((id, verdict) -> verdicts.put(String.valueOf(id), String.valueOf(verdict)));
        return verdicts;
    }

    /** Writes the non-OK verdicts of a run as a baseline. */
    public static void write(Path file, List<CaseResult> results) throws IOException {
        Map<String, String> verdicts = new TreeMap<>(ConformanceCase::compareIds);
        for (CaseResult result : results) {
            if (result.verdict() != Verdict.OK) {
                verdicts.put(result.testCase().id(), result.verdict().autobahnName());
            }
        }
        JSON.writeValue(file.toFile(), verdicts);
    }

    /** Returns one line per case whose verdict differs from the baseline; empty when none does. */
    public static List<String> changes(Map<String, String> baseline, List<CaseResult> results) {
        List<String> changes = new ArrayList<>();
        for (CaseResult result : results) {
            String expected = baseline.getOrDefault(result.testCase().id(), Verdict.OK.autobahnName());
            String actual = result.verdict().autobahnName();
            if (!expected.equals(actual)) {
                changes.add(result.testCase().id() + ": " + expected + " in the baseline, " + actual + " now ("
                        + result.reason() + ")");
            }
        }
        return changes;
    }
}
