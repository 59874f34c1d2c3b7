package dev.wslab.conformance.run;

import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.judge.CaseResult;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Summary tells the verdicts of a run by section, as a table, and whether the run failed. */
public final class Summary {

    private static final Verdict[] COLUMNS = {Verdict.OK, Verdict.NON_STRICT, Verdict.INFORMATIONAL,
            Verdict.UNIMPLEMENTED, Verdict.UNSAFE, Verdict.WRONG_CODE, Verdict.FAILED};

    private Summary() {
    }

    /** Returns the table: one row per section, one column per verdict, and a total row. */
    public static String table(List<CaseResult> results) {
        Map<String, Map<Verdict, Integer>> bySection = new LinkedHashMap<>();
        Map<Verdict, Integer> total = new EnumMap<>(Verdict.class);
        for (CaseResult result : results) {
            String section = result.testCase().sectionNumber() + " " + result.testCase().section();
            bySection.computeIfAbsent(section, key -> new EnumMap<>(Verdict.class)).merge(result.verdict(), 1, Integer::sum);
            total.merge(result.verdict(), 1, Integer::sum);
        }
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-24s %6s", "section", "cases"));
        for (Verdict column : COLUMNS) {
            table.append(String.format(Locale.ROOT, " %13s", column.autobahnName()));
        }
        table.append('\n');
        bySection.forEach((section, counts) -> row(table, section, counts));
        row(table, "total", total);
        return table.toString();
    }

    /** Tells whether any case failed (FAILED or WRONG CODE). */
    public static boolean anyFailed(List<CaseResult> results) {
        return results.stream().anyMatch(result -> result.verdict().isFailure());
    }

    /**
     * Returns the UNSAFE results, one line each, under a heading that says they are policy misses and not
     * RFC failures; empty when there are none.
     */
    public static String unsafe(List<CaseResult> results) {
        List<CaseResult> unsafe = results.stream().filter(result -> result.verdict() == Verdict.UNSAFE).toList();
        if (unsafe.isEmpty()) {
            return "";
        }
        StringBuilder list = new StringBuilder("UNSAFE: " + unsafe.size() + " robustness probe"
                + (unsafe.size() == 1 ? "" : "s") + " missed a policy RFC 6455 leaves to the server (§10.4); not RFC"
                + " failures (state the server's own limits with --expect-*, or fail the run with --fail-on-unsafe)\n");
        for (CaseResult result : unsafe) {
            list.append(String.format(Locale.ROOT, "  %-8s %s%n", result.testCase().id(), result.reason()));
        }
        return list.toString();
    }

    private static void row(StringBuilder table, String label, Map<Verdict, Integer> counts) {
        int cases = counts.values().stream().mapToInt(Integer::intValue).sum();
        table.append(String.format(Locale.ROOT, "%-24s %6d", label, cases));
        for (Verdict column : COLUMNS) {
            table.append(String.format(Locale.ROOT, " %13s", counts.getOrDefault(column, 0) == 0 ? "." : counts.get(column)));
        }
        table.append('\n');
    }
}
