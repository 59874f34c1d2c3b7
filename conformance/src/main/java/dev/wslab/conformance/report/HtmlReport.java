package dev.wslab.conformance.report;

import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.run.Summary;
import dev.wslab.conformance.wire.WireLog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HtmlReport writes {@code index.html}, the cases by section with their verdicts in colour, and one page
 * per case: what it sends and expects, what was observed, the verdicts with their reasons, and the wire
 * log both ways, the opening handshake included, each frame decoded and in hex.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}
            table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
            .OK{background:#9f9}.NON-STRICT{background:#ff9}.INFORMATIONAL{background:#9cf}.UNIMPLEMENTED{background:#ddd}.UNSAFE{background:#fc6}
            .FAILED,.WRONG-CODE{background:#f99}pre{white-space:pre-wrap;margin:0}.hex{color:#555;font-size:85%}
            """;

    private HtmlReport() {
    }

    /** Writes the index and the per-case pages into {@code directory}. */
    public static void write(Path directory, String agent, String target, List<CaseResult> results) throws IOException {
        Files.createDirectories(directory);
        StringBuilder index = page("wslab conformance: " + agent);
        index.append("<h1>wslab conformance report</h1><p>Agent <b>").append(esc(agent)).append("</b>, target <code>")
                .append(esc(target)).append("</code>, ").append(results.size()).append(" cases.</p>");
        index.append("<h2>Summary</h2><pre>").append(esc(Summary.table(results))).append("</pre>");
        if (!Summary.unsafe(results).isEmpty()) {
            index.append("<h2 class=\"UNSAFE\">Unsafe, not RFC failures</h2><pre>").append(esc(Summary.unsafe(results)))
                    .append("</pre>");
        }
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        for (CaseResult result : results) {
            String section = result.testCase().sectionNumber() + " " + result.testCase().section();
            StringBuilder rows = sections.computeIfAbsent(section, key -> new StringBuilder());
            String file = JsonReport.caseFileName(agent, result.testCase().id(), "html");
            rows.append("<tr><td><a href=\"").append(file).append("\">").append(esc(result.testCase().id()))
                    .append("</a></td>").append(cell(result.behavior())).append(cell(result.close()))
                    .append("<td>").append(result.duration().toMillis()).append(" ms</td><td>")
                    .append(esc(result.verdict() == Verdict.OK ? "" : result.reason())).append("</td></tr>\n");
            Files.writeString(directory.resolve(file), casePage(agent, result), StandardCharsets.UTF_8);
        }
        sections.forEach((section, rows) -> index.append("<h2>").append(esc(section)).append("</h2>")
                .append("<table><tr><th>case</th><th>behaviour</th><th>close</th><th>time</th><th>why</th></tr>")
                .append(rows).append("</table>"));
        index.append("</body></html>\n");
        Files.writeString(directory.resolve("index.html"), index, StandardCharsets.UTF_8);
    }

    private static String casePage(String agent, CaseResult result) {
        StringBuilder html = page("case " + result.testCase().id());
        html.append("<p><a href=\"index.html\">all cases</a></p><h1>Case ").append(esc(result.testCase().id()))
                .append(" — ").append(esc(result.testCase().section())).append("</h1>");
        html.append("<table>");
        row(html, "description", esc(result.testCase().description()));
        row(html, "RFC 6455", esc(String.join(", ", result.testCase().rfcSections().stream().map(s -> "§" + s).toList())));
        if (!result.testCase().deviation().isEmpty()) {
            row(html, "differs from Autobahn", esc(result.testCase().deviation()));
        }
        row(html, "expected events", esc(result.testCase().expectation().events().toString()));
        row(html, "observed events", esc(result.observation().events().toString()));
        row(html, "behaviour", "<span class=\"" + cls(result.behavior()) + "\">" + result.behavior().autobahnName()
                + "</span> " + esc(result.behaviorReason()));
        row(html, "close", "<span class=\"" + cls(result.close()) + "\">" + result.close().autobahnName()
                + "</span> " + esc(result.closeReason()));
        row(html, "duration", result.duration().toMillis() + " ms");
        html.append("</table><h2>Wire log</h2><table><tr><th>time</th><th></th><th>what</th></tr>");
        for (WireLog.Entry entry : result.wireLog()) {
            String arrow = switch (entry.direction()) {
                case SENT -> "&rarr; sent";
                case RECEIVED -> "&larr; received";
                case NOTE -> "note";
            };
            html.append(String.format(java.util.Locale.ROOT, "<tr><td>%.3f ms</td><td>%s</td><td><pre>%s</pre>",
                    entry.at().toNanos() / 1e6, arrow, esc(entry.text())));
            if (entry.bytes().length > 0) {
                int shown = Math.min(entry.bytes().length, 512);
                html.append("<pre class=\"hex\">").append(HexFormat.ofDelimiter(" ").formatHex(entry.bytes(), 0, shown))
                        .append(entry.bytes().length > shown ? " ... (" + entry.bytes().length + " bytes)" : "").append("</pre>");
            }
            html.append("</td></tr>\n");
        }
        html.append("</table><p>Agent: ").append(esc(agent)).append("</p></body></html>\n");
        return html.toString();
    }

    private static StringBuilder page(String title) {
        return new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><style>").append(STYLE).append("</style></head><body>");
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(label).append("</th><td>").append(value).append("</td></tr>");
    }

    private static String cell(Verdict verdict) {
        return "<td class=\"" + cls(verdict) + "\">" + verdict.autobahnName() + "</td>";
    }

    private static String cls(Verdict verdict) {
        return verdict.autobahnName().replace(' ', '-');
    }

    private static String esc(String text) {
        return JunitReport.escape(text);
    }
}
