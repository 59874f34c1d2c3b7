package dev.wslab.conformance.properties;

import dev.wslab.conformance.Step;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.protocol.utf8.Utf8Validator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The structural shrinking keeps a violation inside a fragmented message when only that placement fails. */
@DisplayName("shrinking a violation inside a fragmented message")
class ShrinkerTest {

    private static final Conversation.Message HELLO = new Conversation.Message(true, Payload.utf8("hello"),
            List.of(new Conversation.Part.Data(5)));

    /** A 300-byte binary message in three fragments with a Ping between the first two. */
    private static final Conversation.Message BIG = new Conversation.Message(false, Payload.of(new byte[300]), List.of(
            new Conversation.Part.Data(100), new Conversation.Part.Ping(Payload.utf8("p")),
            new Conversation.Part.Data(100), new Conversation.Part.Data(100)));

    @Test
    @DisplayName("a rule a server misses only inside a message shrinks to two empty fragments around it")
    void insideOnlyFailureShrinksToTwoEmptyFragments() {
        Violation reservedBit = new Violation(Rule.RESERVED_BITS_SET,
                List.of(Violation.withReservedBit(Frame.continuation(Payload.EMPTY, false), 1)));
        BrokenConversation broken = new BrokenConversation(
                new Conversation(List.of(HELLO, BIG, HELLO), Step.Writing.chops(1)), 1, 2, reservedBit);

        // As a server that checks RSV bits on a message's first frame only would fail.
        BrokenConversation shrunk = Shrinker.shrink(broken, Shrinker::simpler, BrokenConversation::insideMessage, 100);

        assertThat(shrunk.conversation().messages()).hasSize(1);
        assertThat(shrunk.within()).isEqualTo(1);
        assertThat(shrunk.conversation().writing()).isEqualTo(Step.Writing.WHOLE);
        assertThat(shrunk.frames()).containsExactly(Frame.binary(Payload.EMPTY).withFin(false),
                reservedBit.frames().getFirst(), Frame.continuation(Payload.EMPTY, true));
    }

    @Test
    @DisplayName("a rule a server misses anywhere moves between messages: one frame")
    void anywhereFailureMovesBetweenMessages() {
        Violation reservedBit = new Violation(Rule.RESERVED_BITS_SET,
                List.of(Violation.withReservedBit(Frame.continuation(Payload.EMPTY, false), 2)));
        BrokenConversation broken = new BrokenConversation(new Conversation(List.of(BIG), Step.Writing.WHOLE), 0, 1, reservedBit);

        BrokenConversation shrunk = Shrinker.shrink(broken, Shrinker::simpler, b -> true, 100);

        assertThat(shrunk.insideMessage()).isFalse();
        assertThat(shrunk.frames()).hasSize(1).first().satisfies(frame -> {
            assertThat(frame.rsv2()).isTrue();
            assertThat(frame.opcode()).isEqualTo(Opcode.BINARY.code());
        });
    }

    @Test
    @DisplayName("invalid UTF-8 in a later fragment stays invalid, after the same first bytes, while it shrinks")
    void invalidTextInsideStaysInvalid() {
        byte[] accent = "é".getBytes(StandardCharsets.UTF_8); // C3 A9: cut after C3, the next fragment must start with A9
        Conversation.Message text = new Conversation.Message(true, Payload.of(accent[0], accent[1], (byte) 'x'),
                List.of(new Conversation.Part.Data(1), new Conversation.Part.Data(2)));
        Violation invalid = new Violation(Rule.INVALID_UTF8,
                List.of(Frame.continuation(Payload.of((byte) 0xA9, (byte) 'a', (byte) 0xFF, (byte) 'b', (byte) 'c'), true)));
        BrokenConversation broken = new BrokenConversation(new Conversation(List.of(text), Step.Writing.WHOLE), 0, 1, invalid);

        BrokenConversation shrunk = Shrinker.shrink(broken, Shrinker::simpler, BrokenConversation::insideMessage, 100);

        byte[] rest = shrunk.violation().frames().getFirst().payload().toByteArray();
        assertThat(rest.length).isLessThan(5);
        byte[] before = shrunk.messageBytesBefore();
        byte[] whole = java.util.Arrays.copyOf(before, before.length + rest.length);
        System.arraycopy(rest, 0, whole, before.length, rest.length);
        assertThat(Utf8Validator.isValid(whole)).isFalse();
    }
}
