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
import org.opentest4j.TestAbortedException;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /**
     * What a server's build would write: here, sections 0 to 2 and 6.4 against a correct server. Its
     * NON-STRICT 6.4.3 and 6.4.4 are reported as skipped, with the verdict and reason: by default only
     * FAILED and WRONG CODE fail a test.
     */
    @TestFactory
    Stream<DynamicNode> aServersBuildRunsTheCatalogLikeThis() {
        return ConformanceTests.against(URI.create("ws://127.0.0.1:" + server.port() + "/")).timeScale(dev.wslab.conformance.TestTiming.SCALE)
                .cases("0.*,1.*,2.*,6.4.*")
                .tests();
    }

    @Test
    @DisplayName("a section is a container named by number and title, with a class source of that name; a case is named by id and description")
    void namesCarryTheCaseIdAndDescription() {
        List<DynamicNode> sections = ConformanceTests.against(URI.create("ws://127.0.0.1:9/chat?room=1")).cases("6.4.1,7.1.1").tests().toList();

        assertThat(sections).extracting(DynamicNode::getDisplayName).containsExactly("6 UTF-8 Handling", "7 Close Handling");
        // Surefire makes a container with a class source a test set named after that class: the section.
        assertThat(sections).extracting(node -> node.getTestSourceUri().orElseThrow())
                .containsExactly(URI.create("class:6%20UTF-8%20Handling"), URI.create("class:7%20Close%20Handling"));
        DynamicTest utf8 = (DynamicTest) ((DynamicContainer) sections.getFirst()).getChildren().findFirst().orElseThrow();
        assertThat(utf8.getDisplayName()).startsWith("6.4.1 Send a text message in three fragments");
        // Not a Java method: Surefire names the testcase by the display name, not by an index like conformance()[4][2].
        assertThat(utf8.getTestSourceUri()).contains(URI.create("ws://127.0.0.1:9/chat?room=1#6.4.1"));
    }

    @Test
    @DisplayName("a NON-STRICT verdict skips its test by default, fails it with failOn(..., NON_STRICT), passes it when accepted")
    void failOnChoosesTheVerdictsThatFail() {
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
        // The unflawed test server validates UTF-8 only per complete frame: 6.4.3 (fail fast in a chopped frame) is NON-STRICT.
        DynamicTest byDefault = onlyTest(ConformanceTests.against(uri).timeScale(dev.wslab.conformance.TestTiming.SCALE).cases("6.4.3"));
        DynamicTest strict = onlyTest(ConformanceTests.against(uri).timeScale(dev.wslab.conformance.TestTiming.SCALE).cases("6.4.3")
                .failOn(Verdict.FAILED, Verdict.WRONG_CODE, Verdict.NON_STRICT));
        DynamicTest accepted = onlyTest(ConformanceTests.against(uri).timeScale(dev.wslab.conformance.TestTiming.SCALE).cases("6.4.3")
                .failOn(Verdict.FAILED, Verdict.WRONG_CODE, Verdict.NON_STRICT).accepting(Map.of("6.4.3", Verdict.NON_STRICT)));

        assertThatThrownBy(() -> byDefault.getExecutable().execute()).isInstanceOf(TestAbortedException.class)
                .hasMessageStartingWith("NON-STRICT: ");
        assertThatThrownBy(() -> strict.getExecutable().execute()).isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("NON-STRICT: ").hasMessageContaining("wire log");
        assertThatCode(() -> accepted.getExecutable().execute()).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("OK cannot be a verdict that fails a test")
    void okCannotFail() {
        ConformanceTests tests = ConformanceTests.against(URI.create("ws://127.0.0.1:9/"));
        assertThatThrownBy(() -> tests.failOn(Verdict.FAILED, Verdict.OK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OK");
    }

    @Test
    @DisplayName("each setting returns new tests: the base, and the tests it returned, do not change")
    void settingsReturnNewTests() {
        ConformanceTests base = ConformanceTests.against(URI.create("ws://127.0.0.1:9/")).cases("1.1.1");
        List<DynamicTest> before = flattened(base);
        ConformanceTests refined = base.cases("2.1,2.2");
        assertThat(refined).isNotSameAs(base);
        assertThat(flattened(base)).extracting(DynamicTest::getDisplayName).isEqualTo(
                before.stream().map(DynamicTest::getDisplayName).toList()).hasSize(1);
        assertThat(flattened(refined)).hasSize(2);
        assertThat(base.exclude("1.*")).isNotSameAs(base);
        assertThat(flattened(base)).hasSize(1);
    }

    private static List<DynamicTest> flattened(ConformanceTests tests) {
        List<DynamicTest> all = new java.util.ArrayList<>();
        tests.tests().forEach(node -> flatten(node, all));
        return all;
    }

    private static DynamicTest onlyTest(ConformanceTests tests) {
        List<DynamicTest> all = new ArrayList<>();
        tests.tests().forEach(node -> flatten(node, all));
        assertThat(all).hasSize(1);
        return all.getFirst();
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
