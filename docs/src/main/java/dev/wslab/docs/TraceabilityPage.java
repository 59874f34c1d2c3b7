package dev.wslab.docs;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.handshake.HandshakeRejection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * TraceabilityPage writes the RFC traceability table: for every MUST that a peer can break, the code that
 * enforces it, the tests that prove it, and the conformance cases that check other servers for it.
 *
 * <p>The code and test columns are found in the sources (every use of the rule's name), so they follow the
 * code as it changes; only the cases are named here, and each must exist in the catalog. A row with an
 * empty column stops the docs build.
 */
final class TraceabilityPage {

    /** The cases that check a server for each frame-level rule; ids must exist in the catalog. */
    private static final Map<Rule, List<String>> CASES_BY_RULE = Map.ofEntries(
            Map.entry(Rule.RESERVED_BITS_SET, List.of("3.1", "3.2", "3.7")),
            Map.entry(Rule.RESERVED_OPCODE, List.of("4.1.1", "4.2.1", "20.27")),
            Map.entry(Rule.LENGTH_MOST_SIGNIFICANT_BIT_SET, List.of("20.16")),
            Map.entry(Rule.NON_MINIMAL_LENGTH, List.of("20.18")),
            Map.entry(Rule.UNMASKED_CLIENT_FRAME, List.of("20.24")),
            // The suite reads every answer with a client's decoder, so a masked server frame fails any case.
            Map.entry(Rule.MASKED_SERVER_FRAME, List.of("1.1.1", "2.1")),
            Map.entry(Rule.FRAGMENTED_CONTROL_FRAME, List.of("5.1", "5.2")),
            Map.entry(Rule.CONTROL_FRAME_TOO_LONG, List.of("2.5", "7.3.6")),
            Map.entry(Rule.CONTINUATION_WITHOUT_MESSAGE, List.of("5.9", "5.12", "5.15")),
            Map.entry(Rule.NEW_MESSAGE_INSIDE_FRAGMENTED_MESSAGE, List.of("5.18")),
            Map.entry(Rule.FRAME_AFTER_CLOSE, List.of("7.1.3", "7.1.4")),
            Map.entry(Rule.CLOSE_PAYLOAD_ONE_BYTE, List.of("7.3.2")),
            Map.entry(Rule.CLOSE_CODE_NOT_USED, List.of("7.9.1", "7.9.2")),
            Map.entry(Rule.CLOSE_CODE_RESERVED, List.of("7.9.3", "7.9.6")),
            Map.entry(Rule.CLOSE_CODE_NEVER_SENT, List.of("7.9.4", "7.9.5")),
            Map.entry(Rule.CLOSE_CODE_UNDEFINED, List.of("7.13.1", "7.13.2")),
            Map.entry(Rule.INVALID_CLOSE_REASON, List.of("7.5.1")),
            Map.entry(Rule.INVALID_UTF8, List.of("6.3.1", "6.4.1", "20.29")),
            Map.entry(Rule.MESSAGE_TOO_BIG, List.of("20.15", "20.21")));

    /** The MUSTs of a client's handshake request that a server checks (§4.2.1), and the cases for them. */
    private static final Map<HandshakeRejection.Kind, List<String>> CASES_BY_REQUEST_RULE = Map.of(
            HandshakeRejection.Kind.METHOD_NOT_ALLOWED, List.of("0.9"),
            HandshakeRejection.Kind.HTTP_VERSION_TOO_OLD, List.of("0.10"),
            HandshakeRejection.Kind.MISSING_HOST, List.of("0.11"),
            HandshakeRejection.Kind.NOT_A_WEBSOCKET_REQUEST, List.of("0.1"),
            HandshakeRejection.Kind.UPGRADE_NOT_WEBSOCKET, List.of("0.2"),
            HandshakeRejection.Kind.CONNECTION_NOT_UPGRADE, List.of("0.3", "0.4"),
            HandshakeRejection.Kind.MISSING_KEY, List.of("0.5"),
            HandshakeRejection.Kind.INVALID_KEY, List.of("0.6"),
            HandshakeRejection.Kind.UNSUPPORTED_VERSION, List.of("0.7", "0.8"));

    /** The MUSTs of a server's answer that a client checks (§4.1), and the cases that judge a server's answer. */
    private static final Map<HandshakeFailure.Kind, List<String>> CASES_BY_RESPONSE_RULE = Map.of(
            HandshakeFailure.Kind.UNEXPECTED_STATUS, List.of("0.12", "0.13", "0.14"),
            HandshakeFailure.Kind.INVALID_UPGRADE, List.of("0.12", "0.13", "0.14"),
            HandshakeFailure.Kind.INVALID_CONNECTION, List.of("0.12", "0.13", "0.14"),
            HandshakeFailure.Kind.INVALID_ACCEPT, List.of("0.12", "0.13", "0.14"),
            HandshakeFailure.Kind.UNEXPECTED_EXTENSION, List.of("0.16"),
            HandshakeFailure.Kind.UNEXPECTED_SUBPROTOCOL, List.of("0.15"));

    /**
     * What the cases column says for the rules of RFC 7692: the suite does not negotiate compression yet
     * (issue 12), so no case checks other servers for them; wslab's core enforces them, its tests prove it.
     */
    static final String NO_COMPRESSION_CASES = "none yet: the suite does not negotiate compression";

    /** One MUST, where it is enforced, proven and checked. */
    record Row(String must, Rule.Rfc rfc, String section, String answer, List<SourceIndex.Use> code,
               List<SourceIndex.Use> tests, List<String> cases) {
    }

    private TraceabilityPage() {
    }

    /** Builds every row, or fails naming the rows with an empty column or an unknown case. */
    static List<Row> rows(Path root, List<ConformanceCase> catalog) {
        // Where wslab enforces the rules: the protocol core, and the suite's wire connection for the one rule
        // that only a judge of other servers needs (frames after the server's Close).
        SourceIndex main = SourceIndex.of(root, root.resolve("protocol/src/main/java"),
                root.resolve("conformance/src/main/java/dev/wslab/conformance/wire"));
        SourceIndex tests = SourceIndex.of(root, root.resolve("protocol/src/test/java"),
                root.resolve("conformance/src/test/java"), root.resolve("server/src/test/java"),
                root.resolve("client/src/test/java"));
        List<Row> rows = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            rows.add(new Row(rule.description(), rule.rfc(), rule.rfcSection(), "close " + rule.closeCode().value(),
                    main.usesOf(rule.name(), "Rule.java", "CloseCode.java"), tests.usesOf(rule.name()),
                    CASES_BY_RULE.getOrDefault(rule, List.of())));
        }
        for (HandshakeRejection.Kind kind : HandshakeRejection.Kind.values()) {
            if (CASES_BY_REQUEST_RULE.containsKey(kind)) {
                rows.add(new Row("a server refuses a request where " + kind.description(), Rule.Rfc.RFC_6455,
                        kind.rfcSection(),
                        "HTTP " + kind.status(), main.usesOf(kind.name(), "HandshakeRejection.java"),
                        tests.usesOf(kind.name()), CASES_BY_REQUEST_RULE.get(kind)));
            }
        }
        for (HandshakeFailure.Kind kind : HandshakeFailure.Kind.values()) {
            if (CASES_BY_RESPONSE_RULE.containsKey(kind)) {
                rows.add(new Row("a client fails the connection where " + kind.description(), Rule.Rfc.RFC_6455, "4.1",
                        "fail, no frames", main.usesOf(kind.name(), "HandshakeFailure.java"),
                        tests.usesOf(kind.name()), CASES_BY_RESPONSE_RULE.get(kind)));
            }
        }
        check(rows, catalog);
        return rows;
    }

    private static void check(List<Row> rows, List<ConformanceCase> catalog) {
        Set<String> ids = catalog.stream().map(ConformanceCase::id).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (Row row : rows) {
            // Only the rules of RFC 7692 may have no case yet: the suite does not negotiate compression.
            boolean lacksCases = row.cases().isEmpty() && row.rfc() == Rule.Rfc.RFC_6455;
            if (row.code().isEmpty() || row.tests().isEmpty() || lacksCases) {
                problems.add("\"" + row.must() + "\" lacks " + (row.code().isEmpty() ? "code " : "")
                        + (row.tests().isEmpty() ? "tests " : "") + (lacksCases ? "cases" : ""));
            }
            row.cases().stream().filter(id -> !ids.contains(id))
                    .forEach(id -> problems.add("\"" + row.must() + "\" names case " + id + ", which is not in the catalog"));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the traceability table is incomplete:\n  " + String.join("\n  ", problems));
        }
    }

    /** Renders the rows as an Asciidoc table. */
    static String render(List<Row> rows) {
        StringBuilder page = new StringBuilder();
        page.append("[.traceability,cols=\"3,1,1,3,3,1\",options=\"header\"]\n|===\n")
                .append("|The MUST |RFC |Answer |Enforced in |Proven by |Checked on other servers by\n");
        for (Row row : rows) {
            page.append("\n|").append(Asciidoc.cell(row.must()))
                    .append("\n|").append(row.rfc() == Rule.Rfc.RFC_6455 ? Asciidoc.rfcLink(row.section())
                            : Asciidoc.rfc7692Link(row.section()))
                    .append("\n|").append(row.answer())
                    .append("\na|").append(list(row.code().stream().map(use -> "`" + use.fileName() + ":" + use.line() + "`"
                            + (use.method().isEmpty() ? "" : " in `" + use.method() + "`")).toList()))
                    .append("\na|").append(list(row.tests().stream().map(use -> "`" + use.classAndMethod() + "`")
                            .distinct().toList()))
                    .append("\n|").append(row.cases().isEmpty() ? NO_COMPRESSION_CASES
                            : row.cases().stream().map(id -> "xref:catalog.adoc#" + CatalogPage.anchor(id)
                            + "[" + id + "]").collect(Collectors.joining(", ")))
                    .append('\n');
        }
        return page.append("|===\n").toString();
    }

    /** At most four entries, the rest counted, as an Asciidoc list. */
    private static String list(List<String> entries) {
        int shown = Math.min(4, entries.size());
        StringBuilder cell = new StringBuilder();
        for (String entry : entries.subList(0, shown)) {
            cell.append("\n* ").append(entry);
        }
        if (entries.size() > shown) {
            cell.append("\n* and ").append(entries.size() - shown).append(" more");
        }
        return cell.toString();
    }
}
