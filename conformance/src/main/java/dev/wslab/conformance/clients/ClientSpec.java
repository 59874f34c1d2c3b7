package dev.wslab.conformance.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wslab.conformance.run.AutobahnSpec;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ClientSpec is Autobahn's {@code fuzzingserver.json}, read with the keys it reads: {@code url} (host and port
 * to listen on), {@code outdir} (default {@code ./reports/clients}), {@code cases}, {@code exclude-cases},
 * {@code exclude-agent-cases} (agent pattern to case patterns) and {@code options} (recorded; Autobahn's
 * {@code failByDrop} and the like do not change wslab's judging). Patterns are Autobahn's globs.
 *
 * @param url where to listen, e.g. {@code ws://127.0.0.1:9001}
 * @param outdir where {@code /updateReports} writes
 * @param cases the glob patterns of cases to run
 * @param excludeCases the glob patterns of cases to skip
 * @param excludeAgentCases per agent pattern, the case patterns that agent does not run
 * @param options the {@code options} object as given, for the record
 */
public record ClientSpec(URI url, Path outdir, List<String> cases, List<String> excludeCases,
                         Map<String, List<String>> excludeAgentCases, Map<String, String> options) {

    /** Autobahn's template: {@code ws://127.0.0.1:9001}, all cases, reports in {@code ./reports/clients}. */
    public static final ClientSpec DEFAULT = new ClientSpec(URI.create("ws://127.0.0.1:9001"),
            Path.of("./reports/clients"), List.of("*"), List.of(), Map.of(), Map.of());

    public ClientSpec {
        cases = List.copyOf(cases);
        excludeCases = List.copyOf(excludeCases);
        excludeAgentCases = Map.copyOf(excludeAgentCases);
        options = Map.copyOf(options);
    }

    /** Reads a spec file; a missing or malformed field is explained in one line (IllegalArgumentException). */
    public static ClientSpec read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + " is not a JSON object");
        }
        String url = root.path("url").asText("");
        if (!url.matches("wss?://[^/:]+(:\\d+)?/?")) {
            throw new IllegalArgumentException(file + ": \"url\" must be ws://host:port, got '" + url + "'");
        }
        if (url.startsWith("wss:")) {
            throw new IllegalArgumentException(file + ": wss:// (key/cert) is not supported yet; use ws://");
        }
        Map<String, List<String>> perAgent = new LinkedHashMap<>();
        JsonNode agents = root.path("exclude-agent-cases");
        if (!agents.isMissingNode() && !agents.isObject()) {
            throw new IllegalArgumentException(file + ": \"exclude-agent-cases\" must be an object of agent -> cases");
        }
        agents.fields().forEachRemaining(e -> perAgent.put(e.getKey(), AutobahnSpec.strings(e.getValue(), List.of())));
        Map<String, String> options = new LinkedHashMap<>();
        root.path("options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().toString()));
        return new ClientSpec(URI.create(url), Path.of(root.path("outdir").asText("./reports/clients")),
                AutobahnSpec.strings(root.path("cases"), List.of("*")),
                AutobahnSpec.strings(root.path("exclude-cases"), List.of()), perAgent, options);
    }

    /** Returns a copy listening on {@code host} and {@code port}. */
    public ClientSpec listeningOn(String host, int port) {
        return new ClientSpec(URI.create("ws://" + host + ":" + port), outdir, cases, excludeCases, excludeAgentCases,
                options);
    }

    /** Returns a copy writing reports to {@code directory}. */
    public ClientSpec reportingTo(Path directory) {
        return new ClientSpec(url, directory, cases, excludeCases, excludeAgentCases, options);
    }

    /** Returns a copy with these case patterns (Autobahn globs). */
    public ClientSpec withCases(List<String> include, List<String> exclude) {
        return new ClientSpec(url, outdir, include, exclude, excludeAgentCases, options);
    }

    /** Tells whether a case id is selected for every agent. */
    public boolean selects(String id) {
        return cases.stream().anyMatch(glob -> AutobahnSpec.globMatches(glob, id))
                && excludeCases.stream().noneMatch(glob -> AutobahnSpec.globMatches(glob, id));
    }

    /** Tells whether {@code agent} is told not to run case {@code id} ({@code exclude-agent-cases}, anchored both ends). */
    public boolean excludedFor(String agent, String id) {
        return excludeAgentCases.entrySet().stream().anyMatch(e -> AutobahnSpec.globMatches(e.getKey(), agent)
                && e.getValue().stream().anyMatch(glob -> AutobahnSpec.globMatches(glob, id)));
    }
}
