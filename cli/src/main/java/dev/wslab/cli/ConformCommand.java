package dev.wslab.cli;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.UnsafeVerdicts;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.catalog.AutobahnCatalog;
import dev.wslab.conformance.catalog.ProbeBounds;
import dev.wslab.conformance.catalog.StatedLimits;
import dev.wslab.conformance.catalog.StatedLimits.Limit;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.report.Baseline;
import dev.wslab.conformance.report.HtmlReport;
import dev.wslab.conformance.report.JsonReport;
import dev.wslab.conformance.report.JunitReport;
import dev.wslab.conformance.run.AutobahnSpec;
import dev.wslab.conformance.run.CaseSelection;
import dev.wslab.conformance.run.ConformanceRunner;
import dev.wslab.conformance.run.ProbeRunner;
import dev.wslab.conformance.catalog.RobustnessProbes;
import dev.wslab.conformance.run.Summary;
import dev.wslab.conformance.wire.Target;
import dev.wslab.protocol.handshake.ClientHandshakeOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code wslab conform [URL]}: runs the conformance suite against a server and writes the reports. With no
 * URL, it tests wslab's own server, started on a free loopback port.
 */
@Command(name = "conform",
        description = {"Runs the conformance suite against a WebSocket server (default: wslab's own, embedded).",
                "Examples:",
                "  wslab conform                                   # the embedded reference server",
                "  wslab conform ws://127.0.0.1:9001/ --cases '1.*,5.*' --exclude '9.*'",
                "  wslab conform --spec fuzzingclient.json          # Autobahn's spec file, read as is",
                "  wslab conform URL --probes --expect-idle-timeout 30s --expect-max-message 16MiB"},
        footer = {"",
                "A probe that rests on a policy RFC 6455 leaves to the server (§10.4: timeouts,",
                "size and count limits) says which value it assumed; a miss is UNSAFE, listed",
                "apart, never an RFC FAILED. State the server's own limits with --expect-* (a",
                "value, or 'none' for a server without such a limit) to have them checked.",
                "",
                "Exit codes: 0 no FAILED or WRONG CODE (UNSAFE probes are listed, not counted);",
                "  1 a FAILED or WRONG CODE, or a change against --baseline;",
                "  2 the command line could not be understood;",
                "  3 with --fail-on-unsafe: no FAILED or WRONG CODE, but an UNSAFE probe."},
        mixinStandardHelpOptions = true)
final class ConformCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "URL", arity = "0..1", description = "the ws:// endpoint to test (default: the embedded server)")
    URI url;

    @Option(names = "--cases", paramLabel = "PATTERNS", description = "cases to run: ids or sections, e.g. '1.*,5.*,6.4.3' (default: all)")
    String cases;

    @Option(names = "--exclude", paramLabel = "PATTERNS", description = "cases not to run, e.g. '9.*'")
    String exclude;

    @Option(names = "--agent", paramLabel = "NAME", description = "the server's name in the reports (default: the URL's host and port)")
    String agent;

    @Option(names = "--subprotocol", paramLabel = "NAME", description = "a subprotocol to offer in every handshake; repeatable")
    List<String> subprotocols = new ArrayList<>();

    @Option(names = "--origin", paramLabel = "ORIGIN", description = "the Origin header to send")
    String origin;

    @Option(names = "--header", paramLabel = "'NAME: VALUE'", description = "an extra handshake header; repeatable")
    List<String> headers = new ArrayList<>();

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "reports/conformance",
            description = "where to write index.html, index.json, per-case files and junit.xml (default: ${DEFAULT-VALUE})")
    Path reportDir;

    @Option(names = "--baseline", paramLabel = "FILE", description = "accepted non-OK verdicts; the run fails only on a change against them")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE", description = "write this run's non-OK verdicts as a baseline file")
    Path writeBaseline;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "8", description = "cases run at once (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--probes", description = "also run the robustness probes (section 20: huge heads, header floods,"
            + " length bombs, unmasked frames), each followed by a check that the server still serves a fresh connection")
    boolean probes;

    @Option(names = "--expect-idle-timeout", paramLabel = "DURATION|none", converter = StatedLimitConverter.Timeout.class,
            description = "the server's idle timeout, or its heartbeat's Ping interval plus Pong timeout (probes 20.23,"
                    + " 20.35; assumed: at most 60 s)")
    Limit<Duration> idleTimeout = new Limit.Unstated<>();

    @Option(names = "--expect-handshake-timeout", paramLabel = "DURATION|none", converter = StatedLimitConverter.Timeout.class,
            description = "the server's deadline for a whole handshake request (probes 20.5.1, 20.6; assumed: at most 30 s)")
    Limit<Duration> handshakeTimeout = new Limit.Unstated<>();

    @Option(names = "--expect-max-message", paramLabel = "SIZE|none", converter = StatedLimitConverter.Size.class,
            description = "the server's largest message, e.g. 16MiB (probes 20.15, 20.19, 20.20; assumed: below 64 MiB)")
    Limit<Long> maxMessage = new Limit.Unstated<>();

    @Option(names = "--expect-max-header-size", paramLabel = "SIZE|none", converter = StatedLimitConverter.Size.class,
            description = "the server's largest handshake request head, e.g. 8KiB (probes 20.1-20.3; assumed: below 64 KiB)")
    Limit<Long> maxHeaderSize = new Limit.Unstated<>();

    @Option(names = "--expect-max-fragments", paramLabel = "COUNT|none", converter = StatedLimitConverter.Count.class,
            description = "the most fragments the server takes in one message (probes 20.20, 20.21; assumed: unknown,"
                    + " so waiting is safe)")
    Limit<Long> maxFragments = new Limit.Unstated<>();

    @Option(names = "--fail-on-unsafe", description = "exit with 3 when a probe is UNSAFE (a policy miss) and nothing"
            + " FAILED; by default UNSAFE probes are listed and do not fail the run")
    boolean failOnUnsafe;

    @Option(names = "--time-scale", paramLabel = "F", defaultValue = "1",
            description = "give the server F times the catalog's deadlines (1 to 100; for slow servers or busy machines)")
    double timeScale;

    @Option(names = {"-k", "--insecure"}, description = "for wss:// targets, trust any certificate (self-signed test servers only)")
    boolean insecure;

    @Option(names = "--spec", paramLabel = "FILE", description = "an Autobahn fuzzingclient spec.json: servers, cases, exclude-cases, outdir")
    Path autobahnSpec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!probes && !statedLimits().equals(StatedLimits.UNSTATED)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "the --expect-* options state limits for the robustness probes: add --probes");
        }
        if (autobahnSpec != null) {
            return runSpec(out);
        }
        if (url == null) {
            try (EmbeddedServer server = EmbeddedServer.start()) {
                out.println("wslab: testing the embedded reference server at " + server.uri());
                return runOne(out, server.uri(), agent != null ? agent : "wslab", reportDir, selectedCases());
            }
        }
        return runOne(out, url, agent != null ? agent : url.getHost() + ":" + url.getPort(), reportDir,
                selectedCases());
    }

    /** The catalog, with the probes of section 20 when asked for, narrowed by --cases and --exclude. */
    private List<ConformanceCase> selectedCases() {
        // The stated message limit also sizes section 14's decompression bombs (limits are stated only with --probes).
        List<ConformanceCase> pool = new ArrayList<>(AutobahnCatalog.everything(statedLimits()));
        if (probes) {
            pool.addAll(RobustnessProbes.cases(ProbeBounds.DEFAULTS, statedLimits()));
        }
        return CaseSelection.parse(cases, exclude).select(pool);
    }

    /** The server's limits as the --expect-* options state them. */
    private StatedLimits statedLimits() {
        return new StatedLimits(handshakeTimeout, idleTimeout, maxMessage, maxHeaderSize, maxFragments);
    }

    private int runSpec(PrintWriter out) throws Exception {
        if (!Files.isRegularFile(autobahnSpec)) {
            throw new IllegalArgumentException("no spec file at " + autobahnSpec);
        }
        AutobahnSpec parsed = AutobahnSpec.read(autobahnSpec);
        List<ConformanceCase> selected = AutobahnCatalog.all().stream().filter(c -> parsed.selects(c.id())).toList();
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("the spec selects no case (wslab has sections 1-7, 9, 10, 12 and 13)");
        }
        int worst = 0;
        for (AutobahnSpec.Server server : parsed.servers()) {
            worst = Math.max(worst, runOne(out, server.url(), server.agent(), parsed.outdir(), selected));
        }
        return worst;
    }

    private int runOne(PrintWriter out, URI target, String agentName, Path reports, List<ConformanceCase> selected)
            throws Exception {
        Target wire = new Target(target, handshakeOptions(), Duration.ofSeconds(5),
                insecure ? java.util.Optional.of(InsecureTls.context()) : java.util.Optional.empty(), timeScale);
        AtomicInteger done = new AtomicInteger();
        boolean interactive = System.console() != null;
        long start = System.nanoTime();
        // Probes run one at a time after the catalog: some hold many connections or stall the server on purpose.
        List<ConformanceCase> catalogCases = selected.stream().filter(c -> !RobustnessProbes.isProbe(c)).toList();
        List<ConformanceCase> probeCases = selected.stream().filter(RobustnessProbes::isProbe).toList();
        List<CaseResult> results = catalogCases.isEmpty() ? new ArrayList<>()
                : ConformanceRunner.run(catalogCases, wire, parallel, result -> {
            int count = done.incrementAndGet();
            if (interactive) {
                System.err.printf("\r[%4d/%d] %-10s %s   ", count, catalogCases.size(), result.testCase().id(),
                        result.verdict().autobahnName());
            } else if (count % 50 == 0 || count == catalogCases.size()) {
                System.err.printf("[%4d/%d] cases done%n", count, catalogCases.size());
            }
        });
        if (!probeCases.isEmpty()) {
            results = new ArrayList<>(results);
            results.addAll(ProbeRunner.run(probeCases, wire, result -> { }));
        }
        if (interactive) {
            System.err.println();
        }
        out.printf("%d cases against %s in %.1f s%n%n", results.size(), target, (System.nanoTime() - start) / 1e9);
        out.print(Summary.table(results));
        // UNSAFE verdicts are listed apart: policy misses, not RFC failures.
        List<CaseResult> notOk = results.stream().filter(r -> r.verdict() != Verdict.OK && r.verdict() != Verdict.UNSAFE)
                .toList();
        if (!notOk.isEmpty()) {
            out.println();
            for (CaseResult result : notOk) {
                out.printf("%-8s %-13s %s%n", result.testCase().id(), result.verdict().autobahnName(), result.reason());
            }
        }
        if (!Summary.unsafe(results).isEmpty()) {
            out.println();
            out.print(Summary.unsafe(results));
        }
        UnsafeVerdicts unsafe = failOnUnsafe ? UnsafeVerdicts.FAIL : UnsafeVerdicts.REPORT;
        JsonReport.write(reports, agentName, results);
        JunitReport.write(reports, agentName, results, unsafe);
        HtmlReport.write(reports, agentName, target.toString(), results);
        out.println();
        out.println("reports: " + reports.resolve("index.html") + ", index.json, junit.xml");
        if (writeBaseline != null) {
            Baseline.write(writeBaseline, results);
            out.println("baseline written to " + writeBaseline);
        }
        if (baseline != null) {
            Map<String, String> accepted = Baseline.read(baseline);
            List<String> changes = Baseline.changes(accepted, results);
            if (changes.isEmpty()) {
                out.println("no change against the baseline " + baseline);
                return 0;
            }
            out.println("changes against the baseline " + baseline + ":");
            changes.forEach(change -> out.println("  " + change));
            return Main.EXIT_FAILURE;
        }
        if (Summary.anyFailed(results)) {
            return Main.EXIT_FAILURE;
        }
        return results.stream().anyMatch(r -> r.verdict().isFailure(unsafe)) ? Main.EXIT_UNSAFE : 0;
    }

    private ClientHandshakeOptions handshakeOptions() {
        ClientHandshakeOptions options = ClientHandshakeOptions.NONE.withSubprotocols(subprotocols.toArray(String[]::new));
        if (origin != null) {
            options = options.withOrigin(origin);
        }
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--header takes 'Name: value', got '" + header + "'");
            }
            options = options.withHeader(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        return options;
    }
}
