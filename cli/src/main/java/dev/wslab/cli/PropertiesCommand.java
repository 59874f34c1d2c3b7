package dev.wslab.cli;

import dev.wslab.conformance.properties.CaseFile;
import dev.wslab.conformance.properties.PropertyReport;
import dev.wslab.conformance.properties.PropertyResult;
import dev.wslab.conformance.properties.PropertyRunner;
import dev.wslab.conformance.properties.Violation;
import dev.wslab.conformance.wire.Target;
import dev.wslab.protocol.Rule;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code wslab properties [URL]}: generated conversations, valid and broken, against a server; a failure is
 * shrunk to a minimal case, printed and saved, and the run is written in the reports of {@code conform}.
 * {@code --replay FILE} runs one saved case again. With no URL, it tests wslab's own server.
 */
@Command(name = "properties",
        description = {"Checks property-based scenarios (QuickTheories) against a WebSocket server (default: the embedded one).",
                "Exit code: 0 when every property held (or the replayed case passed), 1 when one failed,"
                        + " 2 for a bad command line or case file.",
                "Examples:",
                "  wslab properties --examples 200",
                "  wslab properties ws://127.0.0.1:9001/ --seed 6455   # repeat a run exactly",
                "  wslab properties --violations UNMASKED_CLIENT_FRAME,INVALID_UTF8",
                "  wslab properties --replay reports/properties/property-fails_broken_conversations-seed-6455.json"},
        mixinStandardHelpOptions = true)
final class PropertiesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "URL", arity = "0..1", description = "the ws:// endpoint to test (default: the embedded server)")
    URI url;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "100", description = "scenarios per property (default: ${DEFAULT-VALUE})")
    int examples;

    @Option(names = "--seed", paramLabel = "S", description = "the seed of a previous run, to repeat it exactly (default: a fresh one, printed)")
    Long seed;

    @Option(names = "--violations", paramLabel = "RULE", split = ",", converter = GeneratedRule.class,
            completionCandidates = GeneratedRule.class, description = "break only these rules in the broken conversations: ${COMPLETION-CANDIDATES} (default: all)")
    List<Rule> violations;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "reports/properties",
            description = "where to write index.html, index.json, per-property files, junit.xml and the shrunk"
                    + " counterexamples as replayable JSON (default: ${DEFAULT-VALUE})")
    Path reportDir;

    @Option(names = "--agent", paramLabel = "NAME", description = "the server's name in the reports (default: the URL's host and port)")
    String agent;

    @Option(names = "--replay", paramLabel = "FILE",
            description = "run the conversation saved in a case file once, judge it with its property, print the frames"
                    + " and the verdict; --examples, --seed, --violations and the reports do not apply")
    Path replay;

    @Option(names = "--time-scale", paramLabel = "F", defaultValue = "1", description = "give a slow server F times the deadlines")
    double timeScale;

    @Override
    public Integer call() throws Exception {
        if (replay != null) {
            return replay();
        }
        PrintWriter out = spec.commandLine().getOut();
        long runSeed = seed != null ? seed : PropertyRunner.Options.randomSeed();
        PropertyRunner.Options options = PropertyRunner.Options.of(examples, runSeed).withReportDir(reportDir);
        if (violations != null && !violations.isEmpty()) {
            options = options.withViolations(EnumSet.copyOf(violations));
        }
        out.println("wslab: properties, " + examples + " examples each, seed " + runSeed);
        List<PropertyResult> results;
        URI target;
        if (url == null) {
            try (EmbeddedServer server = EmbeddedServer.start()) {
                target = server.uri();
                results = PropertyRunner.checkAll(Target.of(target).withTimeScale(timeScale), options);
            }
        } else {
            target = url;
            results = PropertyRunner.checkAll(Target.of(target).withTimeScale(timeScale), options);
        }
        out.println(PropertyRunner.report(results));
        String agentName = agent != null ? agent : url == null ? "wslab" : url.getHost() + ":" + url.getPort();
        PropertyReport.write(reportDir, agentName, target.toString(), results);
        out.println("reports: " + reportDir.resolve("index.html") + ", index.json, junit.xml");
        return results.stream().allMatch(PropertyResult::held) ? 0 : Main.EXIT_FAILURE;
    }

    /** Replays one case file: exit 0 when its property now holds, 1 when it still fails, 2 for a bad file. */
    private int replay() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(replay)) {
            err.println("wslab: no case file at " + replay);
            return Main.EXIT_USAGE;
        }
        CaseFile.Saved saved;
        try {
            saved = CaseFile.read(replay);
        } catch (IOException e) {
            err.println("wslab: cannot replay: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        PropertyRunner.Replay result;
        Duration deadline = PropertyRunner.Options.of(1, 0).deadline();
        if (url == null) {
            try (EmbeddedServer server = EmbeddedServer.start()) {
                out.println("wslab: replaying " + replay + " against the embedded reference server at " + server.uri());
                result = PropertyRunner.replay(saved, Target.of(server.uri()).withTimeScale(timeScale), deadline);
            }
        } else {
            out.println("wslab: replaying " + replay + " against " + url);
            result = PropertyRunner.replay(saved, Target.of(url).withTimeScale(timeScale), deadline);
        }
        out.println(result.report());
        return result.held() ? 0 : Main.EXIT_FAILURE;
    }

    /** Reads one of the rules the generator breaks (protocol's {@link Rule} names), and lists them for the help. */
    static final class GeneratedRule implements ITypeConverter<Rule>, Iterable<String> {
        @Override
        public Rule convert(String name) {
            return Violation.GENERATED_RULES.stream().filter(rule -> rule.name().equals(name)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("'" + name + "' is not a rule the generator breaks; it"
                            + " breaks " + String.join(", ", this)));
        }

        @Override
        public Iterator<String> iterator() {
            return Violation.GENERATED_RULES.stream().map(Rule::name).iterator();
        }
    }
}
