package dev.wslab.conformance.properties;

import dev.wslab.conformance.properties.BrokenCompressedConversation.Misuse;
import dev.wslab.conformance.properties.CompressedConversation.Message;
import dev.wslab.conformance.properties.CompressedConversation.Offer;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.protocol.utf8.Utf8Validator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/** The compressed generators reach what the properties are about, shrink towards less, and save exactly. */
@DisplayName("compressed conversation generators, shrinking and case files")
class CompressedGeneratorsTest {

    private static <T> List<T> sample(Gen<T> generator, int count) {
        List<T> values = new ArrayList<>();
        qt().withFixedSeed(3L).withExamples(count).forAll(generator).checkAssert(values::add);
        return values;
    }

    @Test
    void conversations_reach_every_offer_empty_and_64_KiB_messages_text_binary_one_frame_and_many() {
        List<CompressedConversation> conversations = sample(CompressedGenerators.conversations(5), 300);
        List<Message> messages = conversations.stream().flatMap(c -> c.messages().stream()).toList();

        assertThat(conversations.stream().map(CompressedConversation::offer).distinct()).containsExactlyInAnyOrder(Offer.values());
        assertThat(messages).anyMatch(m -> m.payload().isEmpty()).anyMatch(m -> m.payload().length() > 60_000)
                .anyMatch(Message::text).anyMatch(m -> !m.text())
                .anyMatch(m -> m.fragmentSize() == 0).anyMatch(m -> m.fragmentSize() > 0 && m.fragmentSize() <= 4);
        assertThat(messages).filteredOn(Message::text).allMatch(m -> Utf8Validator.isValid(m.payload().toByteArray()));
    }

    @Test
    void frames_carry_rsv1_on_each_message_s_first_frame_only_and_fragments_of_the_size_asked() {
        for (CompressedConversation conversation : sample(CompressedGenerators.conversations(3), 100)) {
            List<Frame> frames = conversation.frames();
            int messages = 0;
            for (Frame frame : frames) {
                boolean first = frame.opcode() != Opcode.CONTINUATION.code();
                assertThat(frame.rsv1()).as("RSV1 on a first frame only (RFC 7692 §6.1)").isEqualTo(first);
                messages += frame.fin() ? 1 : 0;
            }
            assertThat(messages).isEqualTo(conversation.messages().size());
        }
    }

    @Test
    void broken_conversations_misuse_rsv1_every_way_and_only_on_their_last_violation_frame() {
        List<BrokenCompressedConversation> broken = sample(CompressedGenerators.brokenConversations(3), 200);
        Set<Misuse> misuses = EnumSet.noneOf(Misuse.class);
        for (BrokenCompressedConversation b : broken) {
            misuses.add(b.misuse());
            List<Frame> violation = b.violationFrames();
            Frame forbidden = violation.getLast();
            assertThat(forbidden.rsv1()).isTrue();
            assertThat(forbidden.opcode()).isIn(Opcode.CONTINUATION.code(), Opcode.PING.code(), Opcode.PONG.code());
            if (violation.size() == 2) { // inside a compressed message: its first fragment, RSV1 rightly set
                assertThat(violation.getFirst().rsv1()).isTrue();
                assertThat(violation.getFirst().fin()).isFalse();
            }
            assertThat(b.expectedCode()).isEqualTo(1002);
        }
        assertThat(misuses).containsExactlyInAnyOrder(Misuse.values());
        assertThat(broken).anyMatch(b -> b.inside() && b.misuse() == Misuse.PING)
                .anyMatch(b -> !b.inside() && b.misuse() == Misuse.PONG);
    }

    @Test
    void every_shrinking_step_is_simpler_by_messages_bytes_frames_or_offer() {
        for (CompressedConversation conversation : sample(CompressedGenerators.conversations(4), 60)) {
            for (CompressedConversation simpler : CompressedShrinker.simpler(conversation)) {
                assertThat(complexity(simpler)).as(simpler.toString()).isLessThan(complexity(conversation));
            }
        }
        CompressedConversation simplest = new CompressedConversation(Offer.PLAIN, List.of(new Message(true, Payload.EMPTY, 0)));
        assertThat(CompressedShrinker.simpler(simplest)).isEmpty();
    }

    @Test
    void shrinking_a_broken_conversation_keeps_its_misuse() {
        for (BrokenCompressedConversation broken : sample(CompressedGenerators.brokenConversations(3), 60)) {
            assertThat(CompressedShrinker.simpler(broken)).allSatisfy(simpler -> {
                assertThat(simpler.misuse()).isEqualTo(broken.misuse());
                assertThat(simpler.at()).isBetween(0, simpler.conversation().messages().size());
            });
        }
    }

    @Test
    void case_files_give_back_every_compressed_scenario(@TempDir Path dir) throws Exception {
        List<Scenario> scenarios = new ArrayList<>(sample(CompressedGenerators.conversations(2), 20));
        scenarios.addAll(sample(CompressedGenerators.brokenConversations(2), 40));
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario scenario = scenarios.get(i);
            Property property = scenario instanceof CompressedConversation ? Property.ECHOES_COMPRESSED_CONVERSATIONS
                    : Property.FAILS_BROKEN_COMPRESSED_CONVERSATIONS;
            Path file = dir.resolve("compressed-" + i + ".json");
            CaseFile.write(file, property, scenario, 3L, "a reason");

            assertThat(CaseFile.read(file)).isEqualTo(new CaseFile.Saved(property, scenario));
        }
    }

    /** Messages first, then bytes, then frames, then the offer's parameters: what the shrinker reduces. */
    private static long complexity(CompressedConversation conversation) {
        long bytes = conversation.messages().stream().mapToLong(m -> m.payload().length()).sum();
        long fragmented = conversation.messages().stream().mapToLong(m -> m.fragmentSize() == 0 ? 0
                : 65_536 - m.fragmentSize()).sum();
        return conversation.messages().size() * (1L << 50) + bytes * (1L << 24) + fragmented * 4
                + conversation.offer().ordinal();
    }
}
