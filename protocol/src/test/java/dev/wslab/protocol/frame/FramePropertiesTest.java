package dev.wslab.protocol.frame;

import dev.wslab.protocol.ProtocolViolationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Properties of the frame layer, checked on generated frames. A failure prints the smallest example
 * QuickTheories could shrink it to and the seed; rerun with {@code -DQT_SEED=<seed>} to reproduce it.
 */
@DisplayName("Frame layer properties")
class FramePropertiesTest {

    private static final long NO_LIMIT = Integer.MAX_VALUE - 8;

    @Test
    @DisplayName("§5.2 decoding an encoded frame gives the same frame, for every shape and length form")
    void encodeThenDecodeIsTheIdentity() {
        qt().withExamples(300).forAll(FrameGenerators.anyFrames()).checkAssert(frame ->
                assertThat(FrameReader.readAll(FrameEncoder.encode(frame), NO_LIMIT)).containsExactly(frame));
    }

    @Test
    @DisplayName("§5.2 the encoder always uses the minimal length form")
    void encodedHeaderUsesTheMinimalForm() {
        qt().withExamples(300).forAll(FrameGenerators.anyFrames()).checkAssert(frame -> {
            byte[] bytes = FrameEncoder.encode(frame);
            int lengthCode = bytes[1] & 0x7F;
            int expected = frame.payload().length() <= 125 ? frame.payload().length()
                    : frame.payload().length() <= 65535 ? 126 : 127;
            assertThat(lengthCode).isEqualTo(expected);
        });
    }

    @Test
    @DisplayName("splitting the input at arbitrary points never changes the frames decoded")
    void splittingTheInputNeverChangesTheFrames() {
        Gen<List<Frame>> conversations = lists().of(smallFrames()).ofSizeBetween(1, 6);
        Gen<List<Integer>> cuts = lists().of(integers().between(0, 2_000)).ofSizeBetween(0, 12);
        qt().withExamples(300).forAll(conversations, cuts).checkAssert((frames, cutPoints) -> {
            byte[] stream = encodeAll(frames);
            assertThat(decodeInPieces(stream, cutPoints)).isEqualTo(frames);
        });
    }

    @Test
    @DisplayName("random bytes give frames, a wait for more bytes, or the protocol's own error - nothing else")
    void randomBytesRaiseOnlyTheProtocolsOwnError() {
        Gen<byte[]> noise = Generate.byteArrays(integers().between(0, 64),
                Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
        qt().withExamples(2_000).forAll(noise).checkAssert(bytes -> {
            // A first run links the code paths these bytes take (class loading and call-site bootstrap
            // allocate once per JVM); the second run is the one measured.
            decodeNoise(bytes);
            long allocated = AllocationMeter.bytesAllocatedBy(() -> decodeNoise(bytes));
            // Whatever the headers announce, memory follows the bytes given and the 1 KiB limit.
            assertThat(allocated).isLessThan(64 * 1024);
        });
    }

    private static void decodeNoise(byte[] bytes) {
        FrameReader reader = new FrameReader(1024);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            while (reader.next(in) != null) {
                // keep decoding
            }
        } catch (ProtocolViolationException expected) {
            // the decoder's only way to refuse input
        }
    }

    private static Gen<Frame> smallFrames() {
        return FrameGenerators.anyFrames(FrameGenerators.smallPayloadLengths());
    }

    private static byte[] encodeAll(List<Frame> frames) {
        ByteBuffer all = ByteBuffer.allocate(frames.stream().mapToInt(f -> FrameEncoder.encode(f).length).sum());
        frames.forEach(frame -> all.put(FrameEncoder.encode(frame)));
        return all.array();
    }

    static List<Frame> decodeInPieces(byte[] stream, List<Integer> cutPoints) {
        int[] cuts = cutPoints.stream().mapToInt(cut -> Math.min(cut, stream.length)).sorted().toArray();
        FrameReader reader = new FrameReader(NO_LIMIT);
        List<Frame> frames = new ArrayList<>();
        int start = 0;
        for (int end : append(cuts, stream.length)) {
            ByteBuffer piece = ByteBuffer.wrap(Arrays.copyOfRange(stream, start, end));
            Frame frame;
            while ((frame = reader.next(piece)) != null) {
                frames.add(frame);
            }
            start = end;
        }
        return frames;
    }

    private static int[] append(int[] values, int last) {
        int[] all = Arrays.copyOf(values, values.length + 1);
        all[values.length] = last;
        return all;
    }
}
