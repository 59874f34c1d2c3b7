package dev.wslab.cli;

import dev.wslab.conformance.properties.PropertyResult;
import dev.wslab.conformance.properties.PropertyRunner;
import dev.wslab.conformance.wire.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code wslab properties [URL]}: generated conversations, valid and broken, against a server; a failure is
 * shrunk to a minimal case, printed and saved. With no URL, it tests wslab's own server.
 */
@Command(name = "properties",
        description = {"Checks property-based scenarios (QuickTheories) against a WebSocket server (default: the embedded one).",
                "Examples:",
                "  wslab properties --examples 200",
                "  wslab properties ws://127.0.0.1:9001/ --seed 6455   # repeat a run exactly"},
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

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "reports/properties",
            description = "where shrunk counterexamples are saved as replayable JSON (default: ${DEFAULT-VALUE})")
    Path reportDir;

    @Option(names = "--time-scale", paramLabel = "F", defaultValue = "1", description = "give a slow server F times the deadlines")
    double timeScale;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long runSeed = seed != null ? seed : PropertyRunner.Options.randomSeed();
        PropertyRunner.Options options = PropertyRunner.Options.of(examples, runSeed).withReportDir(reportDir);
        out.println("wslab: properties, " + examples + " examples each, seed " + runSeed);
        List<PropertyResult> results;
        if (url == null) {
            try (EmbeddedServer server = EmbeddedServer.start()) {
                results = PropertyRunner.checkAll(Target.of(server.uri()).withTimeScale(timeScale), options);
            }
        } else {
            results = PropertyRunner.checkAll(Target.of(url).withTimeScale(timeScale), options);
        }
        out.println(PropertyRunner.report(results));
        return results.stream().allMatch(PropertyResult::held) ? 0 : Main.EXIT_FAILURE;
    }
}
