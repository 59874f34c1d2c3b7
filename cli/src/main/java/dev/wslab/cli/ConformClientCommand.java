package dev.wslab.cli;

import dev.wslab.conformance.clients.ClientConformanceServer;
import dev.wslab.conformance.clients.ClientSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code wslab conform-client}: the suite as a server that plays its catalog against any WebSocket client,
 * speaking the URL protocol of Autobahn's fuzzingserver, so that Autobahn's client drivers run unchanged.
 */
@Command(name = "conform-client",
        description = {"Plays the conformance catalog against a WebSocket client, as Autobahn's fuzzingserver does:",
                "the client's driver asks /getCaseCount, then /runCase?case=N&agent=A for N = 1.., then",
                "/updateReports?agent=A. Listens on 127.0.0.1 unless --host says otherwise.",
                "Examples:",
                "  wslab conform-client                               # ws://127.0.0.1:9001",
                "  wslab conform-client --port 9002 --exclude '9.*'",
                "  wslab conform-client --spec fuzzingserver.json     # Autobahn's spec file, read as is"},
        mixinStandardHelpOptions = true)
final class ConformClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", description = "the address to listen on (default: 127.0.0.1, or the spec's url)")
    String host;

    @Option(names = "--port", paramLabel = "P", description = "the port to listen on (default: 9001, or the spec's url; 0: any free port)")
    Integer port;

    @Option(names = "--cases", paramLabel = "PATTERNS", description = "cases to play: ids or sections, e.g. '1.*,5.*,6.4.3' (default: all)")
    String cases;

    @Option(names = "--exclude", paramLabel = "PATTERNS", description = "cases not to play, e.g. '9.*'")
    String exclude;

    @Option(names = "--spec", paramLabel = "FILE", description = "an Autobahn fuzzingserver.json: url, outdir, cases, exclude-cases, exclude-agent-cases")
    Path specFile;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "where /updateReports writes (default: ./reports/clients, or the spec's outdir)")
    Path reportDir;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ClientSpec clientSpec;
        try {
            clientSpec = configured();
        } catch (IOException | IllegalArgumentException e) {
            err.println("wslab conform-client: " + e.getMessage());
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ClientConformanceServer server = ClientConformanceServer.start(clientSpec, line -> {
            out.println(line);
            out.flush();
        })) {
            out.printf("conform-client: %d cases on ws://%s:%d/ (reports: %s); stop with /stopServer or Ctrl-C%n",
                    server.cases().count(), clientSpec.url().getHost(), server.port(), clientSpec.outdir());
            out.flush();
            server.awaitStop();
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("wslab conform-client: cannot listen on " + clientSpec.url().getHost() + ":"
                    + clientSpec.url().getPort() + ": " + e.getMessage());
            return 2;
        }
    }

    /** The spec file (or Autobahn's template), with the command line's options over it. */
    private ClientSpec configured() throws IOException {
        ClientSpec configured = ClientSpec.DEFAULT;
        if (specFile != null) {
            if (!Files.isReadable(specFile)) {
                throw new IllegalArgumentException("cannot read the spec file " + specFile);
            }
            configured = ClientSpec.read(specFile);
        }
        if (host != null || port != null) {
            int chosen = port != null ? port : configured.url().getPort();
            if (chosen < 0 || chosen > 65_535) {
                throw new IllegalArgumentException("--port must be 0 to 65535, got " + chosen);
            }
            configured = configured.listeningOn(host != null ? host : configured.url().getHost(), chosen);
        }
        if (cases != null || exclude != null) {
            configured = configured.withCases(cases != null ? patterns(cases) : configured.cases(),
                    exclude != null ? patterns(exclude) : configured.excludeCases());
        }
        return reportDir != null ? configured.reportingTo(reportDir) : configured;
    }

    private static List<String> patterns(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }
}
