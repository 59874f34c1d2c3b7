package dev.wslab.protocol.fuzz;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.frame.AllocationMeter;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FuzzInput is how every fuzz test of this package reads the fuzzer's bytes: two leading bytes that
 * steer the test, then the bytes that go on the wire.
 *
 * <ul>
 *   <li>byte 0, the variant: what the test feeds (a role, request or response, a limit); each test says;</li>
 *   <li>byte 1, the split: where the wire bytes are cut in two, from 00 (before the first byte) to ff
 *       (after the last), in proportion to their length;</li>
 *   <li>bytes 2 to the end: the wire bytes.</li>
 * </ul>
 * A committed input in {@code <Test>Inputs/<method>/} is these bytes exactly; its name says what the
 * wire bytes are. Giving the fuzzer the variant and the split as bytes of the input (rather than drawing
 * them from a random source) keeps every run reproducible from the input file alone.
 *
 * @param variant byte 0, unsigned
 * @param wire the bytes after the two leading ones
 * @param split where {@code wire} is cut: {@code wire[0, split)} then {@code wire[split, length)}
 */
record FuzzInput(int variant, byte[] wire, int split) {

    /**
     * Small limits, so that the fuzzer reaches them with short inputs: a frame of more than 4 KiB, a head
     * of more than 1 KiB, a line of more than 512 bytes, more than 16 header fields.
     */
    static final Limits LIMITS = Limits.DEFAULTS.withMaxMessageSize(4096).withMaxHandshakeHeadSize(1024)
            .withMaxHandshakeLineLength(512).withMaxHandshakeHeaderCount(16);

    /** What any run may allocate whatever its input: class loading is excluded by the warm-up run. */
    static final long ALLOCATION_ALLOWANCE = 64 * 1024;
    /** What a run may allocate for each byte of input: copies of the payload, never announced lengths. */
    static final long ALLOCATION_PER_INPUT_BYTE = 4;
    /**
     * What a run may allocate for each result (frame, event): its object and the list holding it. Two
     * bytes make an empty frame, so a per-byte bound alone would not fit a stream of empty frames.
     */
    static final long ALLOCATION_PER_RESULT = 512;
    /**
     * What a run may allocate for each frame it may decode without reporting it as a result: a connection
     * reports no event for an empty continuation frame, yet the decoder creates its header and its empty
     * chunk (about 90 bytes, short-lived). Found by fuzzing: 2-byte frames {@code 00 00} after {@code 01 00}.
     */
    static final long ALLOCATION_PER_UNREPORTED_FRAME = 128;

    /** Reads the fuzzer's bytes; inputs shorter than two bytes are padded with zeros (variant 0, split 0). */
    static FuzzInput of(byte[] input) {
        int variant = input.length > 0 ? input[0] & 0xFF : 0;
        int splitByte = input.length > 1 ? input[1] & 0xFF : 0;
        byte[] wire = input.length > 2 ? Arrays.copyOfRange(input, 2, input.length) : new byte[0];
        return new FuzzInput(variant, wire, splitByte * wire.length / 0xFF);
    }

    /** Returns the wire bytes before the split. */
    byte[] first() {
        return Arrays.copyOfRange(wire, 0, split);
    }

    /** Returns the wire bytes from the split on. */
    byte[] second() {
        return Arrays.copyOfRange(wire, split, wire.length);
    }

    /** Returns each wire byte alone, in order. */
    byte[][] oneByteAtATime() {
        byte[][] pieces = new byte[wire.length][];
        for (int i = 0; i < wire.length; i++) {
            pieces[i] = new byte[] {wire[i]};
        }
        return pieces;
    }

    /**
     * Runs {@code run} twice on this thread and checks what the second run allocated against the bound:
     * {@link #ALLOCATION_ALLOWANCE} plus {@link #ALLOCATION_PER_INPUT_BYTE} per wire byte plus
     * {@link #ALLOCATION_PER_RESULT} per result the run reports. The first run is the warm-up: class
     * loading, lambda and string-concatenation call sites allocate once per JVM, not per input.
     *
     * @return what the second run returned
     */
    <T> T checkAllocation(Supplier<T> run, ToIntFunction<T> resultCount) {
        return checkAllocation(run, resultCount, 0);
    }

    /**
     * Like {@link #checkAllocation(Supplier, ToIntFunction)}, allowing also
     * {@link #ALLOCATION_PER_UNREPORTED_FRAME} for each of {@code unreportedFrames}.
     */
    <T> T checkAllocation(Supplier<T> run, ToIntFunction<T> resultCount, int unreportedFrames) {
        run.get();
        Object[] result = new Object[1];
        long allocated = AllocationMeter.bytesAllocatedBy(() -> result[0] = run.get());
        @SuppressWarnings("unchecked")
        T outcome = (T) result[0];
        long bound = ALLOCATION_ALLOWANCE + ALLOCATION_PER_INPUT_BYTE * wire.length
                + ALLOCATION_PER_RESULT * resultCount.applyAsInt(outcome)
                + ALLOCATION_PER_UNREPORTED_FRAME * unreportedFrames;
        assertThat(allocated)
                .as("bytes allocated for %d wire bytes (limits: %s)", wire.length, LIMITS)
                .isLessThanOrEqualTo(bound);
        return outcome;
    }
}
