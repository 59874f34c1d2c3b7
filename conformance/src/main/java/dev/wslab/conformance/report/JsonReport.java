package dev.wslab.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wslab.conformance.catalog.RobustnessProbes;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.wire.WireLog;
import dev.wslab.protocol.Role;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JsonReport writes {@code index.json} in the shape Autobahn|Testsuite gives it (agent, then case id, then
 * {@code behavior}, {@code behaviorClose}, {@code duration}, {@code remoteCloseCode}, {@code reportfile}),
 * so tools written for Autobahn reports read it, and one JSON file per case with the reasons, the observed
 * events and the wire log.
 */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** Writes the index and the per-case files into {@code directory}. */
    public static void write(Path directory, String agent, List<CaseResult> results) throws IOException {
        writeAgents(directory, Map.of(agent, results), Role.CLIENT);
    }

    /**
     * Writes the index of several agents, {@code {agent: {caseId: {...}}}} as Autobahn's fuzzingserver writes
     * {@code reports/clients/index.json}, and every agent's per-case files, into {@code directory}.
     *
     * @param suiteRole the role the suite played: {@link Role#SERVER} when it tested clients (conform-client)
     */
    public static void writeAgents(Path directory, Map<String, List<CaseResult>> byAgent, Role suiteRole)
            throws IOException {
        Files.createDirectories(directory);
        Map<String, Object> index = new java.util.TreeMap<>();
        for (Map.Entry<String, List<CaseResult>> agent : byAgent.entrySet()) {
            index.put(agent.getKey(), agentIndex(directory, agent.getKey(), agent.getValue(), suiteRole));
        }
        JSON.writeValue(directory.resolve("index.json").toFile(), index);
    }

    private static Map<String, Object> agentIndex(Path directory, String agent, List<CaseResult> results,
                                                  Role suiteRole) throws IOException {
        Map<String, Object> cases = new LinkedHashMap<>();
        for (CaseResult result : results) {
            String file = caseFileName(agent, result.testCase().id(), "json");
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("behavior", result.behavior().autobahnName());
            entry.put("behaviorClose", result.close().autobahnName());
            entry.put("duration", result.duration().toMillis());
            entry.put("remoteCloseCode", result.observation().closeReceived()
                    .map(status -> status.code().value()).orElse(null));
            entry.put("reportfile", file);
            cases.put(result.testCase().id(), entry);
            JSON.writeValue(directory.resolve(file).toFile(), caseDocument(agent, result, suiteRole));
        }
        return cases;
    }

    /** Returns the file name Autobahn uses for a case's report, e.g. {@code wslab_case_6_4_3.json}. */
    public static String caseFileName(String agent, String id, String extension) {
        return agent.toLowerCase().replaceAll("[^a-z0-9]+", "_") + "_case_" + id.replace('.', '_') + "." + extension;
    }

    private static Map<String, Object> caseDocument(String agent, CaseResult result, Role suiteRole) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("agent", agent);
        // Autobahn's field: true when the suite was the server, testing a client.
        document.put("isServer", suiteRole == Role.SERVER);
        document.put("id", result.testCase().id());
        document.put("section", result.testCase().section());
        document.put("description", result.testCase().description());
        document.put("rfcSections", result.testCase().rfcSections());
        document.put("deviationFromAutobahn", result.testCase().deviation());
        // wslab's own field: the policy a robustness probe rests on (§10.4), whose miss is UNSAFE.
        RobustnessProbes.policy(result.testCase()).ifPresent(policy -> document.put("assumedPolicy", policy.policy()));
        document.put("expected", result.testCase().expectation().events().stream().map(Object::toString).toList());
        document.put("behavior", result.behavior().autobahnName());
        document.put("behaviorReason", result.behaviorReason());
        document.put("behaviorClose", result.close().autobahnName());
        document.put("closeReason", result.closeReason());
        document.put("observed", result.observation().events().stream().map(Object::toString).toList());
        document.put("remoteCloseCode", result.observation().closeReceived().map(s -> s.code().value()).orElse(null));
        document.put("remoteCloseReason", result.observation().closeReceived().map(s -> s.reason()).orElse(null));
        document.put("duration", result.duration().toMillis());
        List<Map<String, Object>> wire = new ArrayList<>();
        for (WireLog.Entry entry : result.wireLog()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("atMillis", entry.at().toNanos() / 1e6);
            line.put("direction", entry.direction().name());
            line.put("text", entry.text());
            line.put("hex", HexFormat.of().formatHex(entry.bytes(), 0, Math.min(entry.bytes().length, 4096)));
            line.put("length", entry.bytes().length);
            wire.add(line);
        }
        document.put("wireLog", wire);
        return document;
    }
}
