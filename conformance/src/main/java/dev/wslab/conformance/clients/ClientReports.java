package dev.wslab.conformance.clients;

import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.report.HtmlReport;
import dev.wslab.conformance.report.JsonReport;
import dev.wslab.conformance.report.JunitReport;
import dev.wslab.protocol.Role;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * ClientReports writes what {@code /updateReports} writes: {@code <outdir>/index.json} for every agent that ran
 * since the server started, in the shape of Autobahn's {@code reports/clients/index.json}, with the per-case
 * JSON files beside it; and per agent an HTML report and JUnit XML in {@code <outdir>/<agent>/}.
 */
public final class ClientReports {

    private ClientReports() {
    }

    /** Writes the reports of every agent into {@code outdir}. */
    public static void write(Path outdir, Map<String, List<CaseResult>> byAgent) throws IOException {
        JsonReport.writeAgents(outdir, byAgent, Role.SERVER);
        for (Map.Entry<String, List<CaseResult>> agent : byAgent.entrySet()) {
            Path directory = agentDirectory(outdir, agent.getKey());
            HtmlReport.write(directory, agent.getKey(), "client " + agent.getKey(), agent.getValue());
            JunitReport.write(directory, agent.getKey(), agent.getValue());
        }
    }

    /** Returns the directory of an agent's HTML and JUnit reports: its name as Autobahn cleans it for files. */
    public static Path agentDirectory(Path outdir, String agent) {
        return outdir.resolve(agent.toLowerCase().replaceAll("[^a-z0-9]+", "_"));
    }
}
