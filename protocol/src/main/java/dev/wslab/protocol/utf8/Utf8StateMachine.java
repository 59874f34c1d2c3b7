package dev.wslab.protocol.utf8;

/**
 * Utf8StateMachine is the grammar of well-formed UTF-8 (Unicode Table 3-7, RFC 3629 §4) written as a
 * state machine that reads one byte at a time, and the same machine packed into a table that
 * {@link Utf8Validator} runs fast.
 *
 * <p>The state says what the next byte must be. {@link State#REJECT} is a sink: once a byte has no
 * transition, nothing that follows can make the text valid again.
 */
final class Utf8StateMachine {

    /** The states, named for what they wait for. */
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

    // The fast form. A plain table State[state][byte] needs two dependent loads per byte. Instead, each
    // state is given a number that is a multiple of 6 (its "bit offset"), and for each byte value one
    // long holds all nine transitions: bits [offset(s), offset(s) + 6) of ROWS[b] hold offset(next(s, b)).
    // Then one step is a single shift:
    //
    //     state = ROWS[b & 0xFF] >>> state;
    //
    // The low 6 bits of the result are the next state's offset; the higher bits are leftovers of other
    // states' fields, which the next shift ignores because Java uses only the low 6 bits of a long
    // shift count (JLS §15.19). So no masking is needed inside the loop, only before comparing a state.
    // Nine states times 6 bits is 54 bits, which fits. ACCEPT gets offset 0 so that its test is cheap.

    /** Bits per state in a row; a state's number is its bit offset in the row. */
    static final int BITS_PER_STATE = 6;
    /** Masks a state out of the leftovers of a shift. */
    static final long STATE_MASK = (1L << BITS_PER_STATE) - 1;
    /** The number of {@link State#ACCEPT} in the fast form. */
    static final int ACCEPT = offset(State.ACCEPT);
    /** The number of {@link State#REJECT} in the fast form. */
    static final int REJECT = offset(State.REJECT);
    /** ROWS[b] holds, for every state, the number of the state that byte {@code b} leads to. */
    static final long[] ROWS = buildRows();

    private static long[] buildRows() {
        long[] rows = new long[256];
        for (int b = 0; b < 256; b++) {
            for (State state : State.values()) {
                rows[b] |= (long) offset(next(state, b)) << offset(state);
            }
        }
        return rows;
    }

    private static int offset(State state) {
        return state.ordinal() * BITS_PER_STATE;
    }

    /** Names a state of the fast form, for messages. */
    static String describe(long state) {
        return State.values()[(int) ((state & STATE_MASK) / BITS_PER_STATE)].name();
    }

    private Utf8StateMachine() {
    }
}
