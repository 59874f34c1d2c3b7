package dev.wslab.conformance.run;

import dev.wslab.conformance.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("ConformanceTests: the catalog as JUnit 5 dynamic tests")
class ConformanceTestsTest {

    private static dev.wslab.conformance.FlawedEchoServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new dev.wslab.conformance.FlawedEchoServer(EnumSet.noneOf(dev.wslab.conformance.FlawedEchoServer.Flaw.class));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** What a server's build would write: here, sections 0 to 2 and 6.4 against a correct server. */
    @TestFactory
    Stream<DynamicNode> aServersBuildRunsTheCatalogLikeThis() {
        return ConformanceTests.against(URI.create("ws://127.0.0.1:" + server.port() + "/")).timeScale(dev.wslab.conformance.TestTiming.SCALE)
                .cases("0.*,1.*,2.*,6.4.*")
                .accepting(Map.of("6.4.3", Verdict.NON_STRICT, "6.4.4", Verdict.NON_STRICT))
                .tests();
    }

    @Test
    @DisplayName("a broken rule makes exactly its cases' tests fail, with the wire log in the message")
    void brokenRuleFailsTheTests() throws Throwable {
        try (var neverPongs = new dev.wslab.conformance.FlawedEchoServer(
                EnumSet.of(dev.wslab.conformance.FlawedEchoServer.Flaw.NEVER_PONGS))) {
            List<DynamicTest> tests = new ArrayList<>();
            ConformanceTests.against(URI.create("ws://127.0.0.1:" + neverPongs.port() + "/")).timeScale(dev.wslab.conformance.TestTiming.SCALE).cases("2.*").tests()
                    .forEach(node -> flatten(node, tests));
            List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
            List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
            try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (DynamicTest test : tests) {
                    runs.add(executor.submit(() -> {
                        try {
                            test.getExecutable().execute();
                        } catch (AssertionFailedError e) {
                            assertThat(e.getMessage()).contains("wire log").contains("opening handshake request");
                            failed.add(test.getDisplayName().split(" ")[0]);
                        } catch (Throwable unexpected) {
                            throw new IllegalStateException(unexpected);
                        }
                        return null;
                    }));
                }
            }
            for (java.util.concurrent.Future<?> run : runs) {
                run.get(); // rethrows anything but the expected failures
            }
            assertThat(tests).hasSize(11);
            assertThat(failed).containsExactlyInAnyOrder("2.1", "2.2", "2.3", "2.4", "2.6", "2.9", "2.10", "2.11");
        }
    }

    private static void flatten(DynamicNode node, List<DynamicTest> tests) {
        if (node instanceof DynamicContainer container) {
            container.getChildren().forEach(child -> flatten(child, tests));
        } else {
            tests.add((DynamicTest) node);
        }
    }
}
