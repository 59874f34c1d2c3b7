package dev.wslab.docs;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.catalog.RobustnessProbes;
import dev.wslab.conformance.report.Baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes {@code probe-results.adoc}: one row per robustness probe (section 20 of the catalog), taken from
 * the probes themselves, with the verdicts pinned by the conformance tests for wslab's server
 * ({@code reference-probes.json}) and for Undertow ({@code undertow-probes.json}). Both files list the
 * verdicts other than OK, so a probe missing from a file is OK there.
 */
public final class ProbeResultsPage {

    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d+");
    private static final Pattern EXPECT = Pattern.compile("[:;,]?\\s*\\bexpect\\b", Pattern.CASE_INSENSITIVE);

    private ProbeResultsPage() {
    }

    /** Writes the table into {@code generatedDir}, reading the pinned verdicts under {@code repoRoot}. */
    public static void write(Path generatedDir, Path repoRoot) {
        Path baselines = repoRoot.resolve("conformance/src/test/resources/baselines");
        try {
            Map<String, String> wslab = Baseline.read(baselines.resolve("reference-probes.json"));
            Map<String, String> undertow = Baseline.read(baselines.resolve("undertow-probes.json"));
            StringBuilder page = new StringBuilder();
            page.append("[cols=\"2,9,7,3,3,3\",options=\"header\"]\n|===\n")
                    .append("|Id |What the probe sends |Safe outcome |RFC 6455, CVE |wslab |Undertow\n\n");
            for (ConformanceCase probe : RobustnessProbes.cases()) {
                String[] parts = split(probe.description());
                page.append("|").append(probe.id()).append('\n')
                        .append("|").append(text(parts[0])).append('\n')
                        .append("|").append(text(parts[1])).append('\n')
                        .append("|").append(clauses(probe)).append('\n')
                        .append("|").append(verdict(wslab, probe.id())).append('\n')
                        .append("|").append(verdict(undertow, probe.id())).append("\n\n");
            }
            page.append("|===\n");
            Files.createDirectories(generatedDir);
            Files.writeString(generatedDir.resolve("probe-results.adoc"), page.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the probe results page", e);
        }
    }

    /** Splits a description at its first "expect": what is sent, then the safe outcome. */
    static String[] split(String description) {
        Matcher expect = EXPECT.matcher(description);
        if (!expect.find()) {
            return new String[] {description, "The server still serves a fresh connection."};
        }
        return new String[] {description.substring(0, expect.start()) + ".",
                "Expect" + description.substring(expect.end())};
    }

    /** The RFC 6455 sections, linked, then the CVEs the description names. */
    private static String clauses(ConformanceCase probe) {
        String sections = probe.rfcSections().stream()
                .map(Asciidoc::rfcLink).collect(Collectors.joining(", "));
        Set<String> cves = new LinkedHashSet<>();
        Matcher cve = CVE.matcher(probe.description());
        while (cve.find()) {
            cves.add(cve.group());
        }
        return cves.isEmpty() ? sections : sections + " +\n" + String.join(", ", cves);
    }

    private static String verdict(Map<String, String> pinned, String id) {
        return pinned.getOrDefault(id, "OK");
    }

    /** Text shown as it is: no Asciidoc formatting (2^63, __proto__), HTML characters escaped. */
    private static String text(String plain) {
        return "pass:c[" + plain.replace("]", "\\]") + "]";
    }
}
