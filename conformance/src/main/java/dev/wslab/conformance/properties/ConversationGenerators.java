package dev.wslab.conformance.properties;

import dev.wslab.conformance.Step;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.protocol.utf8.Utf8Validator;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * ConversationGenerators builds QuickTheories generators of valid and broken conversations. Every choice is
 * one draw from QuickTheories' randomness, bounded so that it shrinks towards the simplest choice: one
 * message, no fragmentation, no Ping, small payloads, one write. Payload bytes are derived from one drawn
 * seed, so a 64 KiB message is one draw, not 65536.
 */
public final class ConversationGenerators {

    /** Above this many writes, chopped writing uses bigger chops: one-byte writes of 64 KiB take too long. */
    static final int MAX_WRITES = 4096;

    private ConversationGenerators() {
    }

    /** Returns a generator of valid conversations of one to {@code maxMessages} messages. */
    public static Gen<Conversation> conversations(int maxMessages) {
        return in -> conversation(in, 1, maxMessages);
    }

    /**
     * Returns a generator of conversations with one rule broken at a random point: between two messages,
     * or inside a fragmented message, after one of its fragments but the last.
     */
    public static Gen<BrokenConversation> brokenConversations(int maxMessages) {
        return brokenConversations(maxMessages, Violation.GENERATED_RULES);
    }

    /** Returns a generator of conversations broken by one of the rules {@code rules}, at a random point. */
    public static Gen<BrokenConversation> brokenConversations(int maxMessages, Set<Rule> rules) {
        if (!BREAKERS.keySet().containsAll(rules)) {
            throw new IllegalArgumentException("the generator breaks only " + Violation.GENERATED_RULES + ", not "
                    + rules.stream().filter(rule -> !BREAKERS.containsKey(rule)).toList());
        }
        List<Rule> allowed = List.copyOf(EnumSet.copyOf(rules)); // in declaration order, for stable seeds
        return in -> {
            Conversation valid = conversation(in, 0, maxMessages);
            int at = draw(in, 0, valid.messages().size());
            Rule rule = allowed.get(draw(in, 0, allowed.size() - 1));
            int within = within(in, valid, at, rule);
            byte[] before = BrokenConversation.messageBytesBefore(valid, at, within);
            return new BrokenConversation(valid, at, within, violation(in, rule, within > 0, before));
        };
    }

    /**
     * Returns after how many fragments of message {@code at} the violation lands: 0 (before the message),
     * or 1 to one less than its fragments. A continuation without a start can only come between messages,
     * and invalid UTF-8 only inside a text message.
     */
    private static int within(RandomnessSource in, Conversation valid, int at, Rule rule) {
        if (at == valid.messages().size() || rule == Rule.CONTINUATION_WITHOUT_MESSAGE) {
            return 0;
        }
        Conversation.Message message = valid.messages().get(at);
        int fragments = BrokenConversation.dataParts(message);
        if (fragments < 2 || (rule == Rule.INVALID_UTF8 && !message.text())) {
            return 0;
        }
        return draw(in, 0, fragments - 1);
    }

    private static Conversation conversation(RandomnessSource in, int minMessages, int maxMessages) {
        int count = draw(in, minMessages, maxMessages);
        List<Conversation.Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(message(in));
        }
        long bytes = messages.stream().mapToLong(m -> m.payload().length() + 130L * m.pings().size()).sum();
        return new Conversation(messages, writing(in, bytes));
    }

    private static Conversation.Message message(RandomnessSource in) {
        boolean text = draw(in, 0, 1) == 1;
        int length = length(in);
        long seed = draw(in, 0, Integer.MAX_VALUE);
        Payload payload = text ? Payload.of(validUtf8(new SplittableRandom(seed), length)) : randomBytes(seed, length);
        int fragments = draw(in, 1, 4);
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < fragments; i++) {
            cuts.add(draw(in, 0, length)); // equal cuts make empty fragments, which are valid (§5.4)
        }
        cuts.add(0, 0);
        cuts.add(length);
        cuts.sort(null);
        List<Conversation.Part> parts = new ArrayList<>();
        for (int i = 0; i < fragments; i++) {
            maybePing(in, parts);
            parts.add(new Conversation.Part.Data(cuts.get(i + 1) - cuts.get(i)));
        }
        maybePing(in, parts);
        return new Conversation.Message(text, payload, parts);
    }

    /** A Ping in about one gap of four, with 0 to 125 bytes (§5.5). */
    private static void maybePing(RandomnessSource in, List<Conversation.Part> parts) {
        if (draw(in, 0, 3) == 3) {
            parts.add(new Conversation.Part.Ping(randomBytes(draw(in, 0, Integer.MAX_VALUE), draw(in, 0, 125))));
        }
    }

    /** A length near the boundaries of the three payload length encodings (§5.2): 125/126, 65535/65536. */
    private static int length(RandomnessSource in) {
        int band = draw(in, 0, 9);
        return switch (band) {
            case 0, 1, 2, 3, 4, 5 -> draw(in, 0, 16);
            case 6, 7 -> draw(in, 123, 129);
            case 8 -> draw(in, 0, 2000);
            default -> draw(in, 65533, 65539);
        };
    }

    private static Step.Writing writing(RandomnessSource in, long bytes) {
        return switch (draw(in, 0, 3)) {
            case 0 -> Step.Writing.WHOLE;
            case 1 -> Step.Writing.PER_FRAME;
            default -> {
                int chop = draw(in, 1, 64);
                yield Step.Writing.chops((int) Math.max(chop, bytes / MAX_WRITES + 1));
            }
        };
    }

    /**
     * Returns frames breaking the rule {@code rule}, to be sent between messages or, when {@code inside},
     * inside a fragmented message after its bytes {@code before}: there a frame that carries the rule is a
     * continuation (empty, so that it continues any text validly) and invalid UTF-8 continues the text.
     */
    private static Violation violation(RandomnessSource in, Rule rule, boolean inside, byte[] before) {
        Payload small = randomBytes(draw(in, 0, Integer.MAX_VALUE), draw(in, 0, 20));
        return new Violation(rule, BREAKERS.get(rule).frames(in, inside, before, small));
    }

    /** Makes frames that break one rule, from a small payload {@code small}; see {@link #violation}. */
    private interface Breaker {
        List<Frame> frames(RandomnessSource in, boolean inside, byte[] before, Payload small);
    }

    /** How the generator breaks each of {@link Violation#GENERATED_RULES}: a frame or two per rule. */
    private static final Map<Rule, Breaker> BREAKERS = breakers();

    private static Map<Rule, Breaker> breakers() {
        Map<Rule, Breaker> breakers = new EnumMap<>(Rule.class);
        breakers.put(Rule.RESERVED_BITS_SET, (in, inside, before, small) ->
                List.of(Violation.withReservedBit(carrier(in, inside, small), draw(in, 1, 3))));
        // §5.2: 0x3-0x7 are reserved for further non-control frames, 0xB-0xF for further control frames
        breakers.put(Rule.RESERVED_OPCODE, (in, inside, before, small) ->
                List.of(draw(in, 0, 1) == 0 ? Frame.binary(small).withOpcode(draw(in, 0x3, 0x7))
                        : Frame.ping(small).withOpcode(draw(in, 0xB, 0xF))));
        breakers.put(Rule.INVALID_UTF8, (in, inside, before, small) ->
                inside ? invalidContinuation(in, before) : invalidText(in));
        breakers.put(Rule.CONTROL_FRAME_TOO_LONG, (in, inside, before, small) ->
                List.of(Frame.of(draw(in, 0, 1) == 0 ? Opcode.PING : Opcode.PONG,
                        randomBytes(draw(in, 0, Integer.MAX_VALUE), draw(in, 126, 300)))));
        breakers.put(Rule.FRAGMENTED_CONTROL_FRAME, (in, inside, before, small) -> List.of(Frame.ping(small).withFin(false)));
        breakers.put(Rule.CLOSE_CODE_NEVER_SENT, badCloseCode(Rule.CLOSE_CODE_NEVER_SENT));
        breakers.put(Rule.CLOSE_CODE_UNDEFINED, badCloseCode(Rule.CLOSE_CODE_UNDEFINED));
        breakers.put(Rule.CLOSE_CODE_NOT_USED, badCloseCode(Rule.CLOSE_CODE_NOT_USED));
        breakers.put(Rule.CLOSE_CODE_RESERVED, badCloseCode(Rule.CLOSE_CODE_RESERVED));
        breakers.put(Rule.CLOSE_PAYLOAD_ONE_BYTE, (in, inside, before, small) ->
                List.of(Violation.closeFrame(Payload.of((byte) draw(in, 0, 255)))));
        breakers.put(Rule.CONTINUATION_WITHOUT_MESSAGE, (in, inside, before, small) ->
                List.of(Frame.continuation(small, draw(in, 0, 1) == 0)));
        // the suite sends this rule's frames unmasked
        breakers.put(Rule.UNMASKED_CLIENT_FRAME, (in, inside, before, small) -> List.of(carrier(in, inside, small)));
        breakers.put(Rule.NEW_MESSAGE_INSIDE_FRAGMENTED_MESSAGE, (in, inside, before, small) -> {
            Frame intruder = dataFrame(draw(in, 0, 1) == 1, small).withFin(draw(in, 0, 1) == 0);
            return inside ? List.of(intruder) : List.of(dataFrame(draw(in, 0, 1) == 1, small).withFin(false), intruder);
        });
        return breakers;
    }

    /** A Close frame whose status code is one of {@link Violation#BAD_CLOSE_CODES} for {@code rule}. */
    private static Breaker badCloseCode(Rule rule) {
        List<Integer> codes = Violation.BAD_CLOSE_CODES.get(rule);
        return (in, inside, before, small) ->
                List.of(Violation.closeFrame(Violation.closeBody(codes.get(draw(in, 0, codes.size() - 1)))));
    }

    /**
     * Returns a frame that is valid but for the rule it will break: between messages a binary, text or Ping
     * frame; inside a message an empty non-final continuation or a Ping.
     */
    private static Frame carrier(RandomnessSource in, boolean inside, Payload small) {
        if (inside) {
            return draw(in, 0, 1) == 0 ? Frame.continuation(Payload.EMPTY, false) : Frame.ping(small);
        }
        return switch (draw(in, 0, 2)) {
            case 0 -> Frame.binary(small);
            case 1 -> dataFrame(true, small);
            default -> Frame.ping(small);
        };
    }

    /** Returns a final text frame of valid UTF-8 as long as {@code bytes}, or a binary frame carrying them. */
    private static Frame dataFrame(boolean text, Payload bytes) {
        return text ? Frame.of(Opcode.TEXT, Payload.of(validUtf8(new SplittableRandom(bytes.length()), bytes.length())))
                : Frame.binary(bytes);
    }

    /** Byte sequences that are invalid anywhere in UTF-8 (RFC 3629 §3, §10). */
    private static final byte[][] INVALID_SEQUENCES = {
        {(byte) 0xFF},                                     // never a UTF-8 byte
        {(byte) 0x80},                                     // a continuation byte with no lead
        {(byte) 0xC0, (byte) 0x80},                        // overlong NUL
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},           // a UTF-16 surrogate, U+D800
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
        {(byte) 0xE2, (byte) 0x82},                        // a truncated 3-byte sequence, then something else
    };

    /** A text message, fragmented or not, with an invalid sequence spliced in at a random code point boundary. */
    private static List<Frame> invalidText(RandomnessSource in) {
        byte[] bytes = invalidBytes(in);
        int cut = draw(in, 0, bytes.length);
        if (cut == 0 || cut == bytes.length) {
            return List.of(Frame.of(Opcode.TEXT, Payload.of(bytes)));
        }
        return List.of(Frame.of(Opcode.TEXT, Payload.of(bytes, 0, cut)).withFin(false),
                Frame.continuation(Payload.of(bytes, cut, bytes.length - cut), true));
    }

    /**
     * The final fragment of a text message whose first bytes were {@code before}, with an invalid sequence
     * spliced in. A lone continuation byte could complete a sequence {@code before} left open, so the
     * whole message is checked, and made invalid beyond doubt with a 0xFF if it came out valid.
     */
    private static List<Frame> invalidContinuation(RandomnessSource in, byte[] before) {
        byte[] bytes = invalidBytes(in);
        byte[] message = Arrays.copyOf(before, before.length + bytes.length);
        System.arraycopy(bytes, 0, message, before.length, bytes.length);
        if (Utf8Validator.isValid(message)) {
            byte[] marked = new byte[bytes.length + 1];
            marked[0] = (byte) 0xFF;
            System.arraycopy(bytes, 0, marked, 1, bytes.length);
            bytes = marked;
        }
        return List.of(Frame.continuation(Payload.of(bytes), true));
    }

    /** Valid UTF-8 of 0 to 40 bytes with one of the invalid sequences spliced in at a random code point boundary. */
    private static byte[] invalidBytes(RandomnessSource in) {
        int length = draw(in, 0, 40);
        byte[] valid = validUtf8(new SplittableRandom(draw(in, 0, Integer.MAX_VALUE)), length);
        int at = codePointBoundary(valid, draw(in, 0, length));
        byte[] bad = INVALID_SEQUENCES[draw(in, 0, INVALID_SEQUENCES.length - 1)];
        if (bad.length == 2 && bad[0] == (byte) 0xE2 && at == valid.length) {
            at = 0; // a truncated sequence must be followed by something, or end the message: both invalid
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(valid, 0, at);
        out.writeBytes(bad);
        out.write(valid, at, valid.length - at);
        return out.toByteArray();
    }

    private static int codePointBoundary(byte[] utf8, int index) {
        int i = Math.min(index, utf8.length);
        while (i < utf8.length && (utf8[i] & 0xC0) == 0x80) {
            i++;
        }
        return i;
    }

    /**
     * Returns exactly {@code length} bytes of valid UTF-8 mixing 1- to 4-byte sequences (§8.1); the last
     * few bytes are ASCII where a longer sequence would not fit.
     */
    static byte[] validUtf8(SplittableRandom random, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        while (out.size() < length) {
            int room = length - out.size();
            int width = Math.min(room, 1 + random.nextInt(4));
            int codePoint = switch (width) {
                case 1 -> random.nextInt(0x80);
                case 2 -> random.nextInt(0x80, 0x800);
                case 3 -> {
                    int c = random.nextInt(0x800, 0x10000 - 0x800);
                    yield c >= 0xD800 ? c + 0x800 : c; // skip the surrogates, U+D800-U+DFFF
                }
                default -> random.nextInt(0x10000, 0x110000);
            };
            out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Returns {@code length} random bytes drawn from {@code seed}. */
    static Payload randomBytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new SplittableRandom(seed).nextBytes(bytes);
        return Payload.of(bytes);
    }

    /** Draws an int from {@code min} to {@code max}, both included. */
    static int draw(RandomnessSource in, int min, int max) {
        return (int) in.next(Constraint.between(min, max));
    }
}
