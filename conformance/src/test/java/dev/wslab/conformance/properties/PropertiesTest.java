package dev.wslab.conformance.properties;

import dev.wslab.conformance.FlawedEchoServer;
import dev.wslab.conformance.FlawedEchoServer.Flaw;
import dev.wslab.conformance.TestTiming;
import dev.wslab.protocol.Rule;
import dev.wslab.conformance.wire.Target;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.server.ReferenceServer;
import dev.wslab.server.WebSocketServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The properties hold for wslab's server, and each fails, shrunk to a small case, against a flawed one. */
@DisplayName("property-based scenarios")
class PropertiesTest {

    private static final long SEED = 6455L;

    /** Failing examples wait for the deadline at each shrinking step: short, but scaled for busy machines. */
    private static PropertyRunner.Options options(int examples) {
        return PropertyRunner.Options.of(examples, SEED).withShrinking(Duration.ofMillis(100), 10);
    }

    @Test
    void theReferenceServerKeepsEveryProperty() throws Exception {
        try (WebSocketServer server = ReferenceServer.start()) {
            Target target = Target.of(URI.create(server.uri("/"))).withTimeScale(TestTiming.SCALE);
            List<PropertyResult> results = PropertyRunner.checkAll(target, PropertyRunner.Options.of(60, SEED));
            assertThat(results).as(PropertyRunner.report(results)).allMatch(PropertyResult::held);
        }
    }

    @Test
    void aServerThatNeverPongsFailsTheEchoPropertyWithOnePingSavedAsAReplayableCase(@TempDir Path reports)
            throws Exception {
        PropertyResult result = againstFlawed(Flaw.NEVER_PONGS, Property.ECHOES_VALID_CONVERSATIONS,
                options(40).withReportDir(reports));

        assertThat(result.held()).isFalse();
        PropertyResult.Counterexample shrunk = result.counterexample().orElseThrow();
        assertThat(shrunk.frames()).hasSizeLessThanOrEqualTo(3);
        assertThat(shrunk.frames()).filteredOn(frame -> frame.opcode() == Opcode.PING.code()).hasSize(1);
        assertThat(shrunk.reason()).contains("Ping");
        Path saved = shrunk.savedTo().orElseThrow();
        assertThat(saved).startsWith(reports);
        assertThat(Files.readString(saved)).contains("\"ping\"", "PING");

        try (FlawedEchoServer flawed = new FlawedEchoServer(Set.of(Flaw.NEVER_PONGS));
             WebSocketServer reference = ReferenceServer.start()) {
            PropertyRunner.Replay onFlawed = PropertyRunner.replay(saved, target(flawed), Duration.ofMillis(100));
            PropertyRunner.Replay onReference = PropertyRunner.replay(saved, Target.of(URI.create(reference.uri("/")))
                    .withTimeScale(TestTiming.SCALE), Duration.ofMillis(100));
            assertThat(onFlawed.failure()).isPresent();
            assertThat(onReference.failure()).as(onReference.result().reason()).isEmpty();
        }
    }

    @Test
    void aServerWithoutUtf8ValidationFailsTheViolationPropertyOnInvalidText() throws Exception {
        PropertyResult result = againstFlawed(Flaw.NO_UTF8_VALIDATION, Property.FAILS_BROKEN_CONVERSATIONS, options(60));

        assertThat(result.held()).isFalse();
        BrokenConversation shrunk = (BrokenConversation) result.counterexample().orElseThrow().scenario();
        assertThat(shrunk.violation().rule()).isEqualTo(Rule.INVALID_UTF8);
        assertThat(shrunk.conversation().messages()).hasSizeLessThanOrEqualTo(1);
        assertThat(shrunk.violation().frames()).hasSize(1); // the shortest invalid sequence, 1-4 bytes
        assertThat(shrunk.violation().frames().getFirst().payload().length()).isBetween(1, 4);
    }

    @Test
    void aServerThatIgnoresReservedBitsFailsTheViolationPropertyOnAReservedBit() throws Exception {
        PropertyResult result = againstFlawed(Flaw.IGNORES_RESERVED_BITS, Property.FAILS_BROKEN_CONVERSATIONS, options(60));

        assertThat(result.held()).isFalse();
        BrokenConversation shrunk = (BrokenConversation) result.counterexample().orElseThrow().scenario();
        assertThat(shrunk.violation().rule()).isEqualTo(Rule.RESERVED_BITS_SET);
        assertThat(shrunk.conversation().messages()).hasSizeLessThanOrEqualTo(1);
        assertThat(result.counterexample().orElseThrow().frames()).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void theSameSeedGivesTheSameResultTwice() throws Exception {
        PropertyResult first = againstFlawed(Flaw.IGNORES_RESERVED_BITS, Property.FAILS_BROKEN_CONVERSATIONS, options(30));
        PropertyResult second = againstFlawed(Flaw.IGNORES_RESERVED_BITS, Property.FAILS_BROKEN_CONVERSATIONS, options(30));

        assertThat(second.seed()).isEqualTo(first.seed());
        assertThat(second.counterexample().orElseThrow().scenario())
                .isEqualTo(first.counterexample().orElseThrow().scenario());
        assertThat(second.summary()).isEqualTo(first.summary());
    }

    private static PropertyResult againstFlawed(Flaw flaw, Property property, PropertyRunner.Options options)
            throws Exception {
        try (FlawedEchoServer server = new FlawedEchoServer(Set.of(flaw))) {
            PropertyResult result = PropertyRunner.check(property, target(server), options);
            System.out.println(result.report());
            return result;
        }
    }

    static Target target(FlawedEchoServer server) {
        return Target.of(URI.create("ws://127.0.0.1:" + server.port() + "/")).withTimeScale(TestTiming.SCALE);
    }
}
