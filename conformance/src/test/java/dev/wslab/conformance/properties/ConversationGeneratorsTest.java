package dev.wslab.conformance.properties;

import dev.wslab.conformance.Step;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/** The generators reach the boundaries the properties are about, and only produce what they claim. */
@DisplayName("conversation generators")
class ConversationGeneratorsTest {

    private static <T> List<T> sample(Gen<T> generator, int count) {
        List<T> values = new ArrayList<>();
        qt().withFixedSeed(1L).withExamples(count).forAll(generator).checkAssert(values::add);
        return values;
    }

    @Test
    void conversationsReachEveryPayloadLengthEncodingBoundaryAndWriteSplit() {
        List<Conversation> conversations = sample(ConversationGenerators.conversations(5), 400);
        List<Integer> lengths = conversations.stream().flatMap(c -> c.messages().stream())
                .map(m -> m.payload().length()).toList();
        List<Frame> frames = conversations.stream().flatMap(c -> c.frames().stream()).toList();

        assertThat(lengths).contains(125, 126, 65535, 65536);
        assertThat(frames).anyMatch(f -> f.opcode() == Opcode.CONTINUATION.code() && f.payload().isEmpty());
        assertThat(conversations).anyMatch(c -> c.messages().stream().anyMatch(ConversationGeneratorsTest::pingBetweenFragments));
        assertThat(conversations).anyMatch(c -> c.writing().equals(Step.Writing.chops(1)));
    }

    @Test
    void textMessagesAreValidUtf8WithOneToFourByteSequences() {
        List<Conversation.Message> texts = sample(ConversationGenerators.conversations(5), 200).stream()
                .flatMap(c -> c.messages().stream()).filter(Conversation.Message::text).toList();
        Set<Integer> widths = new java.util.TreeSet<>();
        for (Conversation.Message text : texts) {
            String decoded = strictDecode(text.payload().toByteArray());
            decoded.codePoints().forEach(cp -> widths.add(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length));
        }
        assertThat(widths).containsExactly(1, 2, 3, 4);
    }

    @Test
    void brokenConversationsBreakEveryKindOfRule() {
        Set<Rule> kinds = EnumSet.noneOf(Rule.class);
        sample(ConversationGenerators.brokenConversations(5), 300).forEach(b -> kinds.add(b.violation().rule()));
        assertThat(kinds).isEqualTo(Violation.GENERATED_RULES);
    }

    @Test
    void invalidTextIsInvalidUtf8() {
        sample(ConversationGenerators.brokenConversations(2), 300).stream()
                .filter(b -> b.violation().rule() == Rule.INVALID_UTF8)
                .forEach(b -> {
                    byte[] bytes = b.violation().frames().stream().map(f -> f.payload().toByteArray())
                            .reduce(new byte[0], ConversationGeneratorsTest::concat);
                    assertThat(isValidUtf8(bytes)).as("%s", b.violation().frames()).isFalse();
                });
    }

    @Test
    @DisplayName("every rule but a continuation without a start is also broken inside a fragmented message")
    void violationsLandInsideFragmentedMessages() {
        List<BrokenConversation> broken = sample(ConversationGenerators.brokenConversations(5), 600);
        Set<Rule> inside = EnumSet.noneOf(Rule.class);
        broken.stream().filter(BrokenConversation::insideMessage).forEach(b -> inside.add(b.violation().rule()));

        assertThat(inside).isEqualTo(Violation.GENERATED_RULES.stream().filter(rule -> rule != Rule.CONTINUATION_WITHOUT_MESSAGE).collect(java.util.stream.Collectors.toSet()));
        assertThat(broken).filteredOn(BrokenConversation::insideMessage).allSatisfy(b -> {
            // the interrupted message's first fragments go before the violation, not its last
            List<Frame> before = b.framesBefore();
            assertThat(before).isNotEmpty();
            assertThat(before.getLast().fin()).as("%s", before).isFalse();
        });
    }

    @Test
    @DisplayName("invalid UTF-8 in a later fragment makes the whole message invalid, whatever the fragments before it")
    void invalidUtf8InsideATextMessageIsInvalidAsAWhole() {
        List<BrokenConversation> inside = sample(ConversationGenerators.brokenConversations(3), 600).stream()
                .filter(b -> b.violation().rule() == Rule.INVALID_UTF8 && b.insideMessage()).toList();

        assertThat(inside).hasSizeGreaterThan(5).allSatisfy(b -> {
            assertThat(b.conversation().messages().get(b.at()).text()).isTrue();
            assertThat(b.violation().frames()).singleElement().satisfies(frame -> {
                assertThat(frame.opcode()).isEqualTo(Opcode.CONTINUATION.code());
                assertThat(frame.fin()).isTrue();
                assertThat(isValidUtf8(concat(b.messageBytesBefore(), frame.payload().toByteArray()))).isFalse();
            });
        });
    }

    @Test
    @DisplayName("the generator breaks only the rules it is asked to")
    void brokenConversationsCanBeLimitedToSomeRules() {
        Set<Rule> asked = EnumSet.of(Rule.UNMASKED_CLIENT_FRAME, Rule.NEW_MESSAGE_INSIDE_FRAGMENTED_MESSAGE);
        Set<Rule> kinds = EnumSet.noneOf(Rule.class);
        sample(ConversationGenerators.brokenConversations(3, asked), 100).forEach(b -> kinds.add(b.violation().rule()));
        assertThat(kinds).isEqualTo(asked);
    }

    private static boolean pingBetweenFragments(Conversation.Message message) {
        List<Conversation.Part> parts = message.parts();
        for (int i = 1; i + 1 < parts.size(); i++) {
            if (parts.get(i) instanceof Conversation.Part.Ping
                    && parts.subList(0, i).stream().anyMatch(Conversation.Part.Data.class::isInstance)
                    && parts.subList(i + 1, parts.size()).stream().anyMatch(Conversation.Part.Data.class::isInstance)) {
                return true;
            }
        }
        return false;
    }

    private static String strictDecode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("not valid UTF-8", e);
        }
    }

    private static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
