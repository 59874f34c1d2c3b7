package dev.wslab.conformance.properties;

import dev.wslab.conformance.FlawedEchoServer;
import dev.wslab.conformance.FlawedEchoServer.Flaw;
import dev.wslab.conformance.TestTiming;
import dev.wslab.protocol.Rule;
import dev.wslab.conformance.wire.Target;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.server.ReferenceServer;
import dev.wslab.server.WebSocketServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/**
 * The violations added to the properties: an unmasked frame (§5.1), a data frame inside a fragmented
 * message (§5.4), and every rule broken inside a fragmented message rather than between two messages.
 */
@DisplayName("property-based violations: unmasked frames and rules broken inside fragmented messages")
class NewViolationsPropertyTest {

    private static final long SEED = 1955L;

    /** For each rule, the first generated conversation that breaks it inside a message, and the first between. */
    private static List<BrokenConversation> onePerRuleAndPlace() {
        List<BrokenConversation> all = new ArrayList<>();
        qt().withFixedSeed(SEED).withExamples(600).forAll(ConversationGenerators.brokenConversations(3)).checkAssert(all::add);
        Map<String, BrokenConversation> chosen = new LinkedHashMap<>();
        all.forEach(b -> chosen.putIfAbsent(place(b), b));
        return List.copyOf(chosen.values());
    }

    /** The rule, for a reserved opcode its range (§5.2: 0x3-0x7 data, 0xB-0xF control), and where it lands. */
    private static String place(BrokenConversation broken) {
        Violation violation = broken.violation();
        String range = violation.rule() != Rule.RESERVED_OPCODE ? ""
                : violation.frames().getFirst().opcode() >= 0x8 ? " control" : " data";
        return violation.rule() + range + (broken.insideMessage() ? " inside" : " between");
    }

    @Test
    @DisplayName("the reference server fails every rule, between messages and inside one, with the rule's code")
    void theReferenceServerFailsEveryRuleWithItsCode() throws Exception {
        List<BrokenConversation> scenarios = onePerRuleAndPlace();
        // both ranges of reserved opcodes; no continuation without a start inside
        assertThat(scenarios).hasSize(2 * (Violation.GENERATED_RULES.size() + 1) - 1);

        try (WebSocketServer server = ReferenceServer.start()) {
            Target target = Target.of(URI.create(server.uri("/"))).withTimeScale(TestTiming.SCALE);
            for (BrokenConversation broken : scenarios) {
                PropertyRunner.Replay replay = PropertyRunner.replay(
                        new CaseFile.Saved(Property.FAILS_BROKEN_CONVERSATIONS, broken), target, Duration.ofSeconds(1));
                assertThat(replay.failure()).as(replay.report()).isEmpty();
                assertThat(replay.result().observation().closeReceived()).as(replay.report())
                        .hasValueSatisfying(status -> assertThat(status.code().value())
                                .isEqualTo(broken.violation().expectedCode()));
            }
        }
    }

    @Test
    @DisplayName("a server that accepts unmasked frames is caught, shrunk to one frame, saved and replayed")
    void aServerThatAcceptsUnmaskedFramesIsCaughtAndShrunk(@TempDir Path reports) throws Exception {
        PropertyResult result;
        try (FlawedEchoServer flawed = new FlawedEchoServer(Set.of(FlawedEchoServer.Flaw.ACCEPTS_UNMASKED_FRAMES))) {
            result = PropertyRunner.check(Property.FAILS_BROKEN_CONVERSATIONS, PropertiesTest.target(flawed),
                    PropertyRunner.Options.of(40, SEED).withShrinking(Duration.ofMillis(100), 10).withReportDir(reports));
        }
        System.out.println(result.report());

        assertThat(result.held()).isFalse();
        PropertyResult.Counterexample shrunk = result.counterexample().orElseThrow();
        BrokenConversation scenario = (BrokenConversation) shrunk.scenario();
        assertThat(scenario.violation().rule()).isEqualTo(Rule.UNMASKED_CLIENT_FRAME);
        assertThat(shrunk.frames()).hasSizeLessThanOrEqualTo(2);
        assertThat(result.report()).contains("UNMASKED_CLIENT_FRAME (§5.1, expect 1002), sent unmasked");

        Path saved = shrunk.savedTo().orElseThrow();
        assertThat(CaseFile.read(saved).scenario()).isEqualTo(scenario);
        try (FlawedEchoServer flawed = new FlawedEchoServer(Set.of(FlawedEchoServer.Flaw.ACCEPTS_UNMASKED_FRAMES));
             WebSocketServer reference = ReferenceServer.start()) {
            PropertyRunner.Replay onFlawed = PropertyRunner.replay(saved, PropertiesTest.target(flawed), Duration.ofMillis(100));
            PropertyRunner.Replay onReference = PropertyRunner.replay(saved,
                    Target.of(URI.create(reference.uri("/"))).withTimeScale(TestTiming.SCALE), Duration.ofSeconds(1));
            assertThat(onFlawed.held()).as(onFlawed.report()).isFalse();
            assertThat(onReference.held()).as(onReference.report()).isTrue();
            assertThat(onReference.report()).contains("sent unmasked").contains("PASSED: the property holds (the server's Close: 1002");
        }
    }

    @Test
    @DisplayName("a server that lets a new message start inside a fragmented one is caught and shrunk to a few frames")
    void aServerWithLooseFragmentationIsCaughtOnADataFrameInsideAMessage() throws Exception {
        PropertyResult result;
        try (FlawedEchoServer flawed = new FlawedEchoServer(Set.of(Flaw.LOOSE_FRAGMENTATION))) {
            result = PropertyRunner.check(Property.FAILS_BROKEN_CONVERSATIONS, PropertiesTest.target(flawed),
                    PropertyRunner.Options.of(40, SEED).withShrinking(Duration.ofMillis(100), 10)
                            .withViolations(EnumSet.of(Rule.NEW_MESSAGE_INSIDE_FRAGMENTED_MESSAGE)));
        }
        System.out.println(result.report());

        assertThat(result.held()).isFalse();
        PropertyResult.Counterexample shrunk = result.counterexample().orElseThrow();
        assertThat(((BrokenConversation) shrunk.scenario()).conversation().messages()).hasSizeLessThanOrEqualTo(1);
        assertThat(shrunk.frames()).hasSizeLessThanOrEqualTo(3);
        assertThat(shrunk.reason()).contains("expected at most the echoes");
    }

    @Test
    @DisplayName("invalid UTF-8 in a later fragment: the reference server fails with 1007, a server without validation echoes")
    void invalidUtf8InALaterFragment() throws Exception {
        Conversation.Message text = new Conversation.Message(true, Payload.utf8("héllo wörld"),
                List.of(new Conversation.Part.Data(3), new Conversation.Part.Ping(Payload.utf8("p")),
                        new Conversation.Part.Data(6), new Conversation.Part.Data(4)));
        Violation invalid = new Violation(Rule.INVALID_UTF8,
                List.of(Frame.continuation(Payload.of((byte) 'o', (byte) 0xC0, (byte) 0x80), true)));
        BrokenConversation broken = new BrokenConversation(new Conversation(List.of(text), dev.wslab.conformance.Step.Writing.chops(1)),
                0, 2, invalid);
        CaseFile.Saved saved = new CaseFile.Saved(Property.FAILS_BROKEN_CONVERSATIONS, broken);
        assertThat(broken.frames()).extracting(Frame::opcode).containsExactly(Opcode.TEXT.code(), Opcode.PING.code(),
                Opcode.CONTINUATION.code(), Opcode.CONTINUATION.code());

        try (WebSocketServer reference = ReferenceServer.start();
             FlawedEchoServer flawed = new FlawedEchoServer(Set.of(Flaw.NO_UTF8_VALIDATION))) {
            PropertyRunner.Replay onReference = PropertyRunner.replay(saved,
                    Target.of(URI.create(reference.uri("/"))).withTimeScale(TestTiming.SCALE), Duration.ofSeconds(1));
            PropertyRunner.Replay onFlawed = PropertyRunner.replay(saved, PropertiesTest.target(flawed), Duration.ofMillis(100));

            assertThat(onReference.held()).as(onReference.report()).isTrue();
            assertThat(onReference.result().observation().closeReceived()).hasValueSatisfying(
                    status -> assertThat(status.code().value()).isEqualTo(1007));
            // It echoes the invalid text, which the suite flags as soon as it reads it.
            assertThat(onFlawed.failure()).as(onFlawed.report()).hasValueSatisfying(
                    reason -> assertThat(reason).contains("not valid UTF-8"));
        }
    }
}
