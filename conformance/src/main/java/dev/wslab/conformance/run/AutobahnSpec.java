package dev.wslab.conformance.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * AutobahnSpec reads the {@code fuzzingclient} spec.json of Autobahn|Testsuite as it is:
 * {@code outdir}, {@code servers} (each with {@code agent} and {@code url}), {@code cases} and
 * {@code exclude-cases}. Autobahn's patterns are globs, so {@code 1*} also selects 10.x: they are read with
 * Autobahn's meaning here, unlike the stricter patterns of {@code --cases}.
 *
 * @param outdir the report directory
 * @param servers the servers to test
 * @param cases the glob patterns of cases to run
 * @param excludeCases the glob patterns of cases to skip
 */
public record AutobahnSpec(Path outdir, List<Server> servers, List<String> cases, List<String> excludeCases) {

    /** A server to test: its agent name and ws:// URL. */
    public record Server(String agent, URI url) {
    }

    /** Reads a spec file; a missing or malformed field is explained in one line. */
    public static AutobahnSpec read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + " is not a JSON object");
        }
        JsonNode servers = root.path("servers");
        if (!servers.isArray() || servers.isEmpty()) {
            throw new IllegalArgumentException(file + " has no \"servers\" list");
        }
        List<Server> list = new ArrayList<>();
        for (JsonNode server : servers) {
            String url = server.path("url").asText("");
            if (url.isEmpty()) {
                throw new IllegalArgumentException(file + ": a server has no \"url\"");
            }
            list.add(new Server(server.path("agent").asText("server"), URI.create(url)));
        }
        return new AutobahnSpec(Path.of(root.path("outdir").asText("./reports/servers")), list,
                strings(root.path("cases"), List.of("*")), strings(root.path("exclude-cases"), List.of()));
    }

    /** Tells whether a case id is selected, by Autobahn's glob rules. */
    public boolean selects(String id) {
        return cases.stream().anyMatch(glob -> globMatches(glob, id))
                && excludeCases.stream().noneMatch(glob -> globMatches(glob, id));
    }

    /** Tells whether {@code id} matches Autobahn's glob pattern as a whole ({@code *} any run, {@code ?} one character). */
    public static boolean globMatches(String glob, String id) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> java.util.regex.Pattern.quote(String.valueOf(c));
            });
        }
        return id.matches(regex.toString());
    }

    /** Returns a JSON array of strings as a list, or {@code fallback} when the node is not an array. */
    public static List<String> strings(JsonNode node, List<String> fallback) {
        if (!node.isArray()) {
            return fallback;
        }
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }
}
