package dev.wslab.protocol.utf8;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * <p><b>Incremental and fail-fast.</b> A message arrives in frames, and a frame in reads, so the
 * validator is fed piece by piece and remembers an unfinished sequence between calls. It reports the
 * <em>first byte that makes the input invalid</em> as soon as that byte arrives: {@code F4 90} fails at
 * {@code 90}, because no continuation could make it valid, without waiting for the rest of the frame.
 * Only at the end of the message can "cut short" be decided; call {@link #finish()} then.
 *
 * <pre>{@code
 * Utf8Validator utf8 = new Utf8Validator();
 * for (each fragment of a text message) {
 *     int bad = utf8.validate(payload, 0, payload.length);
 *     if (bad != Utf8Validator.NO_INVALID_BYTE) fail(1007, "byte " + utf8.bytesAccepted());
 * }
 * if (!utf8.finish()) fail(1007, "the message ends inside a character");
 * }</pre>
 *
 * <p>An instance holds the state of one message at a time and is not thread-safe.
 */
public final class Utf8Validator {

    /** What {@link #validate} returns when every byte so far is a valid beginning of UTF-8 text. */
    public static final int NO_INVALID_BYTE = -1;

    // Reads 8 bytes as one long to test them for ASCII at once; the byte order does not matter for
    // that test, little-endian is the cheap one on common hardware.
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final int BLOCK = 64;
    private static final int SCRATCH_SIZE = 4096;
    private static final long[] ROWS = Utf8StateMachine.ROWS;
    private static final long ACCEPT = Utf8StateMachine.ACCEPT;
    private static final long REJECT = Utf8StateMachine.REJECT;

    private long state = ACCEPT;
    private long bytesAccepted;
    private byte[] scratch;

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
     * Feeds the next bytes of the message, {@code bytes[from..to)}.
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
        // Runs Utf8StateMachine.next over every byte, in its fast form (see there). Two shortcuts:
        // between characters, runs of ASCII are skipped up to 128 bytes at a time (an ASCII byte
        // leaves ACCEPT as it is); and REJECT is only looked for after each block of 64 bytes, since
        // it is a sink. Finding the exact byte that failed is left to the rare failure path, which
        // runs that block again one byte at a time.
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
            current &= Utf8StateMachine.STATE_MASK;
            if (current == REJECT) {
                int failedAt = findRejectedByte(bytes, blockStart, stateAtBlockStart);
                state = REJECT;
                bytesAccepted += failedAt - from;
                return failedAt;
            }
        }
        state = current;
        bytesAccepted += to - from;
        return NO_INVALID_BYTE;
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
            state = (ROWS[bytes[i] & 0xFF] >>> state) & Utf8StateMachine.STATE_MASK;
            if (state == REJECT) {
                return i;
            }
            i++;
        }
    }

    /**
     * Feeds the bytes between the buffer's position and its limit, which it leaves unchanged. Heap and
     * direct buffers both work; direct ones are copied through a small internal array.
     *
     * @return {@link #NO_INVALID_BYTE}, or the absolute index in the buffer of the first invalid byte
     * @throws IllegalStateException if the validator has already failed
     */
    public int validate(ByteBuffer buffer) {
        int from = buffer.position();
        int to = buffer.limit();
        if (buffer.hasArray()) {
            int base = buffer.arrayOffset();
            int failedAt = validate(buffer.array(), base + from, base + to);
            return failedAt == NO_INVALID_BYTE ? NO_INVALID_BYTE : failedAt - base;
        }
        requireNotFailed();
        if (scratch == null) {
            scratch = new byte[SCRATCH_SIZE];
        }
        for (int at = from; at < to; at += SCRATCH_SIZE) {
            int length = Math.min(SCRATCH_SIZE, to - at);
            buffer.get(at, scratch, 0, length);
            int failedAt = validate(scratch, 0, length);
            if (failedAt != NO_INVALID_BYTE) {
                return at + failedAt;
            }
        }
        return NO_INVALID_BYTE;
    }

    /** Tells whether an invalid byte has been seen since the last reset. */
    public boolean hasFailed() {
        return state == REJECT;
    }

    /**
     * Tells whether the bytes so far are complete, valid text: nothing invalid, and no multi-byte
     * sequence begun but unfinished. A fragment may end inside a character; a message may not.
     */
    public boolean isAtCharacterBoundary() {
        return state == ACCEPT;
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

    /**
     * Returns how many bytes of the message were accepted. After a failure this is the position of the
     * invalid byte within the message, counted from 0 across all calls.
     */
    public long bytesAccepted() {
        return bytesAccepted;
    }

    /** Forgets the current message, failed or not, so that the next call starts a new one. */
    public void reset() {
        state = ACCEPT;
        bytesAccepted = 0;
    }

    private void requireNotFailed() {
        if (state == REJECT) {
            throw new IllegalStateException("the message is already invalid UTF-8; reset() before reuse");
        }
    }

    @Override
    public String toString() {
        return "Utf8Validator[" + Utf8StateMachine.describe(state) + ", " + bytesAccepted + " bytes accepted]";
    }
}
