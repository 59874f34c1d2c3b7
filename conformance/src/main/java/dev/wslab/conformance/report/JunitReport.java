package dev.wslab.conformance.report;

import dev.wslab.conformance.UnsafeVerdicts;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.judge.CaseResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * JunitReport writes the results as JUnit XML ({@code junit.xml}): one test case per conformance case,
 * a failure for FAILED and WRONG CODE, a skip note for nothing, and the reason and wire log as output, so
 * any CI shows the cases like unit tests. An UNSAFE verdict (a policy miss, not an RFC failure) is a
 * failure of type UNSAFE only with {@link UnsafeVerdicts#FAIL}; otherwise its output starts with the verdict.
 */
public final class JunitReport {

    private JunitReport() {
    }

    /** Writes {@code junit.xml} into {@code directory}; UNSAFE verdicts are reported, not failures. */
    public static void write(Path directory, String agent, List<CaseResult> results) throws IOException {
        write(directory, agent, results, UnsafeVerdicts.REPORT);
    }

    /** Writes {@code junit.xml} into {@code directory}, UNSAFE verdicts counting as {@code unsafe} says. */
    public static void write(Path directory, String agent, List<CaseResult> results, UnsafeVerdicts unsafe)
            throws IOException {
        Files.createDirectories(directory);
        long failures = results.stream().filter(result -> result.verdict().isFailure(unsafe)).count();
        double seconds = results.stream().mapToLong(result -> result.duration().toMillis()).sum() / 1000.0;
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"%.3f\">%n",
                escape("wslab conformance: " + agent), results.size(), failures, seconds));
        for (CaseResult result : results) {
            xml.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">%n",
                    escape("conformance." + result.testCase().sectionNumber() + " " + result.testCase().section()),
                    escape(result.testCase().id() + " " + result.verdict().autobahnName()),
                    result.duration().toMillis() / 1000.0));
            if (result.verdict().isFailure(unsafe)) {
                xml.append("    <failure message=\"").append(escape(result.reason())).append("\" type=\"")
                        .append(result.verdict().autobahnName()).append("\"/>\n");
            }
            String verdictNote = result.verdict() == Verdict.UNSAFE ? "UNSAFE (a policy miss, not an RFC failure)\n" : "";
            xml.append("    <system-out>").append(escape(verdictNote + result.testCase().description() + "\n" + result.reason()))
                    .append("</system-out>\n");
            xml.append("  </testcase>\n");
        }
        xml.append("</testsuite>\n");
        Files.writeString(directory.resolve("junit.xml"), xml, StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    // XML 1.0 forbids most control characters even as references.
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append('?');
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
