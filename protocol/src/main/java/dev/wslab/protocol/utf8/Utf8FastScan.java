package dev.wslab.protocol.utf8;

import dev.wslab.protocol.utf8.Utf8Validator.State;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Utf8FastScan runs {@link Utf8Validator}'s state machine ({@link Utf8Validator#next}) over many bytes
 * fast, with the same answers as running it one byte at a time: the same state after every piece, and
 * the same first rejected byte. Utf8FastScanTest checks that on arbitrary bytes cut at arbitrary points.
 *
 * <p>It holds the state of the machine between calls, in a packed form.
 */
final class Utf8FastScan {

    // The packed form. A plain table State[state][byte] needs two dependent loads per byte. Instead, each
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
    private static final long ACCEPT = offset(State.ACCEPT);
    private static final long REJECT = offset(State.REJECT);
    /** ROWS[b] holds, for every state, the number of the state that byte {@code b} leads to. */
    static final long[] ROWS = buildRows();

    // Reads 8 bytes as one long to test them for ASCII at once; the byte order does not matter for
    // that test, little-endian is the cheap one on common hardware.
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final int BLOCK = 64;

    private long state = ACCEPT;

    private static long[] buildRows() {
        long[] rows = new long[256];
        for (int b = 0; b < 256; b++) {
            for (State state : State.values()) {
                rows[b] |= (long) offset(Utf8Validator.next(state, b)) << offset(state);
            }
        }
        return rows;
    }

    /** A state's number in the packed form. */
    static int offset(State state) {
        return state.ordinal() * BITS_PER_STATE;
    }

    /** The state a number of the packed form stands for (leftover high bits are ignored). */
    static State stateOf(long number) {
        return State.values()[(int) ((number & STATE_MASK) / BITS_PER_STATE)];
    }

    /** The state after the bytes fed so far. */
    State state() {
        return stateOf(state);
    }

    /** Goes back to {@link State#ACCEPT}, the start of a message. */
    void reset() {
        state = ACCEPT;
    }

    /**
     * Runs the machine over {@code bytes[from..to)}, which the caller has checked to be in range.
     *
     * @return the index of the first byte the machine rejects (the state is then REJECT), or
     *     {@link Utf8Validator#NO_INVALID_BYTE}
     */
    int scan(byte[] bytes, int from, int to) {
        // Two shortcuts: between characters, runs of ASCII are skipped up to 128 bytes at a time (an
        // ASCII byte leaves ACCEPT as it is); and REJECT is only looked for after each block of 64
        // bytes, since it is a sink. Finding the exact byte that failed is left to the rare failure
        // path, which runs that block again one byte at a time.
        long current = state;
        int i = from;
        while (i < to) {
            if (current == ACCEPT) {
                i = skipAscii(bytes, i, to);
            }
            int blockStart = i;
            long stateAtBlockStart = current;
            int blockEnd = to - i > BLOCK ? i + BLOCK : to;
            for (; i < blockEnd; i++) {
                current = ROWS[bytes[i] & 0xFF] >>> current;
            }
            current &= STATE_MASK;
            if (current == REJECT) {
                state = REJECT;
                return findRejectedByte(bytes, blockStart, stateAtBlockStart);
            }
        }
        state = current;
        return Utf8Validator.NO_INVALID_BYTE;
    }

    /**
     * Returns the index of the first non-ASCII byte at or after {@code i}, or a few bytes before it
     * (at most 7; the state machine reads those).
     */
    private static int skipAscii(byte[] bytes, int i, int to) {
        // One probe first, so that text with few ASCII runs pays one load, not sixteen.
        if (to - i < 8 || ((long) LONGS.get(bytes, i) & HIGH_BITS) != 0) {
            return i;
        }
        // 128 bytes per step: sixteen independent loads ORed together keep the processor busy; a
        // byte with its high bit set anywhere among them shows in the OR.
        while (to - i >= 128) {
            long any = 0;
            for (int k = 0; k < 128; k += 8) {
                any |= (long) LONGS.get(bytes, i + k);
            }
            if ((any & HIGH_BITS) != 0) {
                break;
            }
            i += 128;
        }
        while (to - i >= 8 && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
            i += 8;
        }
        return i;
    }

    /** Runs the machine from {@code state} at {@code i}, one byte at a time, to the byte it rejects. */
    private static int findRejectedByte(byte[] bytes, int i, long state) {
        while (true) {
            state = (ROWS[bytes[i] & 0xFF] >>> state) & STATE_MASK;
            if (state == REJECT) {
                return i;
            }
            i++;
        }
    }
}
