package dev.wslab.conformance.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wslab.client.ClientOptions;
import dev.wslab.client.ConnectFailedException;
import dev.wslab.client.WebSocketClient;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The conformance server for clients, really started on 127.0.0.1, driven exactly as Autobahn's testee drives
 * its fuzzingserver: {@code /getCaseCount}, then {@code /runCase?case=1..N&agent=A}, then {@code /updateReports};
 * the client under test is wslab's own {@link WebSocketClient}, echoing every message.
 */
class ClientModeTest {

    @TempDir
    Path reports;

    private final List<String> log = new ArrayList<>();

    private ClientConformanceServer start(List<String> cases, List<String> exclude) throws Exception {
        return ClientConformanceServer.start(ClientSpec.DEFAULT.listeningOn("127.0.0.1", 0).reportingTo(reports)
                .withCases(cases, exclude), line -> {
            synchronized (log) {
                log.add(line);
            }
        });
    }

    @Test
    void wslabsOwnClientPassesEveryCaseButSection9() throws Exception {
        try (ClientConformanceServer server = start(List.of("*"), List.of("9.*"))) {
            long started = System.nanoTime();
            int count = Integer.parseInt(ask(server, "/getCaseCount").orElseThrow());
            for (int number = 1; number <= count; number++) {
                echoUntilClosed(server, "/runCase?case=" + number + "&agent=wslab");
            }
            ask(server, "/updateReports?agent=wslab");
            System.out.printf("conform-client: %d cases of wslab's WebSocketClient in %.1f s%n", count,
                    (System.nanoTime() - started) / 1e9);
            assertThat(count).isEqualTo(server.cases().count()).isGreaterThan(200);
            List<String> notOk = server.results().all().get("wslab").stream()
                    .filter(r -> r.behavior() != Verdict.OK && r.behavior() != Verdict.INFORMATIONAL
                            || r.close() != Verdict.OK && r.close() != Verdict.INFORMATIONAL)
                    .map(r -> r.testCase().id() + " " + r.behavior() + "/" + r.close() + ": " + r.reason()).toList();
            assertThat(notOk).isEmpty();
            List<String> ran = server.results().all().get("wslab").stream().map(r -> r.testCase().id()).toList();
            assertThat(server.cases().cases().stream().map(c -> c.id()).filter(id -> !ran.contains(id)).toList()).isEmpty();
            JsonNode index = new ObjectMapper().readTree(reports.resolve("index.json").toFile());
            List<String> indexed = new ArrayList<>();
            index.path("wslab").fieldNames().forEachRemaining(indexed::add);
            assertThat(ran.stream().filter(id -> !indexed.contains(id)).toList()).isEmpty();
            assertThat(index.path("wslab").size()).isEqualTo(count);
            assertThat(index.path("wslab").path("1.1.1").path("behavior").asText()).isEqualTo("OK");
            assertThat(index.path("wslab").path("1.1.1").path("reportfile").asText()).isEqualTo("wslab_case_1_1_1.json");
            // As Autobahn's fuzzingserver writes it: the suite was the server.
            assertThat(new ObjectMapper().readTree(reports.resolve("wslab_case_1_1_1.json").toFile()).path("isServer")
                    .asBoolean(false)).isTrue();
        }
    }

    @Test
    void numbersCasesIntoTheFilteredSortedListAndAnswersInfoAndStatus() throws Exception {
        try (ClientConformanceServer server = start(List.of("1.1.*", "10.*"), List.of("1.1.2"))) {
            assertThat(ask(server, "/getCaseCount")).contains("8"); // 1.1.1, 1.1.3-1.1.8, 10.1.1 (1.1.2 excluded)
            assertThat(ask(server, "/getCaseInfo?case=2")).hasValueSatisfying(info -> assertThat(info).contains("\"id\":\"1.1.3\""));
            // case wins over casetuple
            assertThat(ask(server, "/getCaseInfo?casetuple=1.1.1&case=8")).hasValueSatisfying(
                    info -> assertThat(info).contains("\"id\":\"10.1.1\""));
            echoUntilClosed(server, "/runCase?casetuple=1.1.1&agent=a");
            assertThat(ask(server, "/getCaseStatus?case=1&agent=a")).contains("{\"behavior\":\"OK\"}");
        }
    }

    @Test
    void answersBadParametersWithHttp500AndKeepsServing() throws Exception {
        try (ClientConformanceServer server = start(List.of("1.1.*"), List.of())) {
            for (String bad : List.of("/runCase?case=99&agent=a", "/runCase?case=1", "/getCaseInfo?casetuple=6.4.1",
                    "/getCaseStatus?case=x&agent=a")) {
                assertThatThrownBy(() -> ask(server, bad)).isInstanceOf(ConnectFailedException.class)
                        .hasMessageContaining("500");
            }
            assertThat(log).anyMatch(line -> line.startsWith("HTTP 500 for /runCase?case=99&agent=a: case 99 is out of range"));
            assertThat(log).anyMatch(line -> line.contains("missing agent"));
            assertThat(ask(server, "/getCaseCount")).contains("8");
        }
    }

    @Test
    void anExcludedCaseGetsAStatusAnswer() throws Exception {
        ClientSpec spec = ClientSpec.DEFAULT.listeningOn("127.0.0.1", 0).reportingTo(reports)
                .withCases(List.of("1.1.*"), List.of());
        spec = new ClientSpec(spec.url(), spec.outdir(), spec.cases(), spec.excludeCases(),
                java.util.Map.of("slow*", List.of("1.1.2")), java.util.Map.of());
        try (ClientConformanceServer server = ClientConformanceServer.start(spec, log::add)) {
            echoUntilClosed(server, "/runCase?case=2&agent=slowclient");
            assertThat(ask(server, "/getCaseStatus?case=2&agent=slowclient")).contains("{\"behavior\":\"EXCLUDED\"}");
            assertThat(server.results().all()).doesNotContainKey("slowclient");
        }
    }

    /** Connects, takes one text message if any, and lets the server close (a Close without status code). */
    private static Optional<String> ask(ClientConformanceServer server, String path) throws Exception {
        WebSocketSession session = WebSocketClient.connect(uri(server, path), ClientOptions.DEFAULTS);
        Optional<String> text = session.receive().map(m -> m instanceof Message.Text t ? t.text() : "binary");
        while (session.receive().isPresent()) {
            // nothing else comes
        }
        session.closed().get();
        return text;
    }

    /** The echo client of Autobahn's testee: text as text, binary as binary, until the connection ends. */
    private static void echoUntilClosed(ClientConformanceServer server, String path) throws Exception {
        WebSocketSession session = WebSocketClient.connect(uri(server, path), ClientOptions.DEFAULTS);
        Optional<Message> message;
        while ((message = session.receive()).isPresent()) {
            try {
                session.send(message.get());
            } catch (IllegalStateException e) {
                // the session is closing: a message that came before the Close is not echoed, as in ws's driver
            }
        }
        session.closed().get();
    }

    private static URI uri(ClientConformanceServer server, String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    @SuppressWarnings("unused")
    private static String describe(CaseResult result) {
        return result.testCase().id() + " " + result.verdict();
    }
}
