package dev.wslab.protocol.utf8;

import java.util.Objects;

/**
 * Utf8Validator checks that a text message is well-formed UTF-8, as RFC 6455 requires: the payload of
 * a text message is UTF-8 (§5.6), so is the reason in a Close frame (§5.5.1), and an endpoint that finds
 * it is not MUST fail the connection (§8.1), with close code 1007.
 *
 * <p>Well-formed means the grammar of RFC 3629 §4, which is Table 3-7 of the Unicode Standard:
 *
 * <pre>
 *   Code points          1st byte  2nd byte  3rd byte  4th byte
 *   U+0000..U+007F       00..7F
 *   U+0080..U+07FF       C2..DF    80..BF
 *   U+0800..U+0FFF       E0        A0..BF    80..BF      (E0 80..9F would be overlong)
 *   U+1000..U+CFFF       E1..EC    80..BF    80..BF
 *   U+D000..U+D7FF       ED        80..9F    80..BF      (ED A0..BF would be a surrogate)
 *   U+E000..U+FFFF       EE..EF    80..BF    80..BF
 *   U+10000..U+3FFFF     F0        90..BF    80..BF    80..BF   (F0 80..8F would be overlong)
 *   U+40000..U+FFFFF     F1..F3    80..BF    80..BF    80..BF
 *   U+100000..U+10FFFF   F4        80..8F    80..BF    80..BF   (F4 90..BF would be above U+10FFFF)
 * </pre>
 *
 * Every other byte sequence is invalid: a continuation byte (80..BF) with no lead byte, C0 and C1
 * (they only start overlong forms), F5..FF, and a sequence cut short.
 *
 * <p>The validator reads that table as a state machine, one byte at a time: the {@link State} says what
 * the next byte must be, and {@link #next} is the whole grammar.
 *
 * <p><b>Incremental and fail-fast.</b> A message arrives in frames, and a frame in reads, so the
 * validator is fed piece by piece and remembers an unfinished sequence between calls (its state). It
 * reports the <em>first byte that makes the input invalid</em> as soon as that byte arrives: {@code F4 90}
 * fails at {@code 90}, because no continuation could make it valid, without waiting for the rest of the
 * frame. Only at the end of the message can "cut short" be decided; call {@link #finish()} then.
 *
 * <pre>{@code
 * Utf8Validator utf8 = new Utf8Validator();
 * for (each fragment of a text message) {
 *     int bad = utf8.validate(payload, 0, payload.length);
 *     if (bad != Utf8Validator.NO_INVALID_BYTE) fail(1007, "byte " + (bytesBefore + bad) + " of the message");
 *     bytesBefore += payload.length;
 * }
 * if (!utf8.finish()) fail(1007, "the message ends inside a character");
 * }</pre>
 *
 * <p>The machine is run by {@link Utf8FastScan}, which packs {@link #next} into a table and skips runs of
 * ASCII; it gives the same answers as running {@code next} byte by byte, only faster.
 *
 * <p>An instance holds the state of one message at a time and is not thread-safe.
 */
public final class Utf8Validator {

    /** What {@link #validate} returns when every byte so far is a valid beginning of UTF-8 text. */
    public static final int NO_INVALID_BYTE = -1;

    /**
     * The states, named for what the next byte must be. {@link #REJECT} is a sink: once a byte has no
     * transition, nothing that follows can make the text valid again.
     */
    enum State {
        /** Between characters: the next byte starts a new one. */
        ACCEPT,
        /** An invalid byte was seen. */
        REJECT,
        /** One more continuation byte (80..BF) ends the character. */
        TAIL1,
        /** Two more continuation bytes. */
        TAIL2,
        /** Three more continuation bytes. */
        TAIL3,
        /** After E0: A0..BF, since E0 80..9F would encode U+0000..U+07FF in too many bytes. */
        AFTER_E0,
        /** After ED: 80..9F, since ED A0..BF would encode the surrogates U+D800..U+DFFF. */
        AFTER_ED,
        /** After F0: 90..BF, since F0 80..8F would encode U+0000..U+FFFF in too many bytes. */
        AFTER_F0,
        /** After F4: 80..8F, since F4 90..BF would encode code points above U+10FFFF. */
        AFTER_F4
    }

    // tag::grammar[]
    /** The transition for one byte {@code b} (0..255): this is the whole grammar. */
    static State next(State state, int b) {
        return switch (state) {
            case ACCEPT -> afterFirstByte(b);
            case TAIL1 -> inRange(b, 0x80, 0xBF) ? State.ACCEPT : State.REJECT;
            case TAIL2 -> inRange(b, 0x80, 0xBF) ? State.TAIL1 : State.REJECT;
            case TAIL3 -> inRange(b, 0x80, 0xBF) ? State.TAIL2 : State.REJECT;
            case AFTER_E0 -> inRange(b, 0xA0, 0xBF) ? State.TAIL1 : State.REJECT;
            case AFTER_ED -> inRange(b, 0x80, 0x9F) ? State.TAIL1 : State.REJECT;
            case AFTER_F0 -> inRange(b, 0x90, 0xBF) ? State.TAIL2 : State.REJECT;
            case AFTER_F4 -> inRange(b, 0x80, 0x8F) ? State.TAIL2 : State.REJECT;
            case REJECT -> State.REJECT;
        };
    }
    // end::grammar[]

    // tag::first-byte[]
    private static State afterFirstByte(int b) {
        if (b <= 0x7F) {
            return State.ACCEPT;                  // ASCII, one byte
        } else if (inRange(b, 0xC2, 0xDF)) {
            return State.TAIL1;                   // two bytes
        } else if (b == 0xE0) {
            return State.AFTER_E0;
        } else if (b == 0xED) {
            return State.AFTER_ED;
        } else if (inRange(b, 0xE1, 0xEF)) {
            return State.TAIL2;                   // three bytes
        } else if (b == 0xF0) {
            return State.AFTER_F0;
        } else if (b == 0xF4) {
            return State.AFTER_F4;
        } else if (inRange(b, 0xF1, 0xF3)) {
            return State.TAIL3;                   // four bytes
        } else {
            // 80..BF: a continuation byte with no lead byte; C0, C1: only overlong two-byte forms;
            // F5..FF: would start code points above U+10FFFF (or are not UTF-8 at all).
            return State.REJECT;
        }
    }
    // end::first-byte[]

    private static boolean inRange(int b, int low, int high) {
        return b >= low && b <= high;
    }

    private final Utf8FastScan machine = new Utf8FastScan();

    /** Creates a validator at the start of a message. */
    public Utf8Validator() {
    }

    /**
     * Tells whether {@code bytes[from..to)} is, on its own, complete and well-formed UTF-8. Use it for a
     * payload that arrives whole, such as the reason of a Close frame (§5.5.1).
     */
    public static boolean isValid(byte[] bytes, int from, int to) {
        Utf8Validator validator = new Utf8Validator();
        return validator.validate(bytes, from, to) == NO_INVALID_BYTE && validator.isAtCharacterBoundary();
    }

    /** Tells whether all of {@code bytes} is complete and well-formed UTF-8. */
    public static boolean isValid(byte[] bytes) {
        return isValid(bytes, 0, bytes.length);
    }

    /**
     * Feeds the next bytes of the message, {@code bytes[from..to)}: runs {@link #next} over them, one
     * byte after the other, from the state the previous call left, and stops at the first byte it
     * rejects.
     *
     * @return {@link #NO_INVALID_BYTE} when everything fed so far can still begin valid text, else the
     *     index in {@code bytes} of the first byte that makes it invalid; the validator has then failed
     *     and stays failed until {@link #reset()}
     * @throws IllegalStateException if the validator has already failed
     * @throws IndexOutOfBoundsException if the range is not inside {@code bytes}
     */
    public int validate(byte[] bytes, int from, int to) {
        Objects.checkFromToIndex(from, to, bytes.length);
        requireNotFailed();
        return machine.scan(bytes, from, to);
    }

    /** Tells whether an invalid byte has been seen since the last reset. */
    boolean hasFailed() {
        return machine.state() == State.REJECT;
    }

    /**
     * Tells whether the bytes so far are complete, valid text: nothing invalid, and no multi-byte
     * sequence begun but unfinished. A fragment may end inside a character; a message may not.
     */
    public boolean isAtCharacterBoundary() {
        return machine.state() == State.ACCEPT;
    }

    /**
     * Ends the message: returns whether all of it was valid UTF-8 (the same as
     * {@link #isAtCharacterBoundary()}), then resets the validator for the next message.
     */
    public boolean finish() {
        boolean valid = isAtCharacterBoundary();
        reset();
        return valid;
    }

    /** Forgets the current message, failed or not, so that the next call starts a new one. */
    public void reset() {
        machine.reset();
    }

    private void requireNotFailed() {
        if (hasFailed()) {
            throw new IllegalStateException("the message is already invalid UTF-8; reset() before reuse");
        }
    }

    @Override
    public String toString() {
        return "Utf8Validator[" + machine.state() + "]";
    }
}
