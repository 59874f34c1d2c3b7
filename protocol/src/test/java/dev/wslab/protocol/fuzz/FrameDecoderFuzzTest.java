package dev.wslab.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.Violation;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameDecoder;
import dev.wslab.protocol.frame.FrameHeader;
import dev.wslab.protocol.frame.FramePart;
import dev.wslab.protocol.frame.FrameReader;
import dev.wslab.protocol.frame.PayloadChunk;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Coverage-guided fuzzing of {@link FrameDecoder} and {@link FrameReader} (RFC 6455 §5.2): whatever bytes
 * arrive, the decoder yields frames or its own {@link ProtocolViolationException}, never another
 * exception, never a loop without progress, never memory for bytes that have not arrived; and the frames
 * do not depend on how the bytes were split.
 *
 * <p>Input layout ({@link FuzzInput}): byte 0 sets the reader's payload limit to 16 times its value
 * (0 to 4080 bytes), byte 1 the split point, the rest is the stream of frames.
 *
 * <p>In every build ({@code mvn verify}) the test only replays the committed inputs of
 * {@code src/test/resources/dev/wslab/protocol/fuzz/FrameDecoderFuzzTestInputs/decodesAnyBytesIntoFramesOrItsOwnViolation/}.
 * To fuzz (about two minutes, {@code maxDuration}; new crashing inputs are written to that directory):
 * <pre>{@code
 * JAZZER_FUZZ=1 mvn -B -pl protocol test -Dtest=FrameDecoderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 */
class FrameDecoderFuzzTest {

    /** What reading a stream produced: the whole frames, then the violation that stopped it, if any. */
    private record Outcome(List<Frame> frames, Violation violation, boolean atFrameBoundary) {
    }

    @FuzzTest(maxDuration = "2m")
    void decodesAnyBytesIntoFramesOrItsOwnViolation(byte[] data) {
        FuzzInput input = FuzzInput.of(data);
        long limit = 16L * input.variant();

        checkDecoderParts(input.wire());
        Outcome whole = input.checkAllocation(() -> read(limit, input.wire()), outcome -> outcome.frames().size());

        assertThat(read(limit, input.first(), input.second())).as("split at %d", input.split()).isEqualTo(whole);
        assertThat(read(limit, input.oneByteAtATime())).as("one byte at a time").isEqualTo(whole);
    }

    /** Reads the pieces in order, as successive socket reads, with one reader. */
    private static Outcome read(long limit, byte[]... pieces) {
        FrameReader reader = new FrameReader(limit);
        List<Frame> frames = new ArrayList<>();
        try {
            for (byte[] piece : pieces) {
                ByteBuffer in = ByteBuffer.wrap(piece);
                Frame frame;
                while ((frame = reader.next(in)) != null) {
                    frames.add(frame);
                    // A frame takes at least its 2 header bytes: more frames than that means no progress.
                    assertThat(frames.size()).isLessThanOrEqualTo(totalLength(pieces) / 2);
                }
                assertThat(in.hasRemaining()).as("bytes left in the buffer after next() returned null").isFalse();
            }
        } catch (ProtocolViolationException e) {
            return new Outcome(frames, e.violation(), false);
        }
        return new Outcome(frames, null, reader.isAtFrameBoundary());
    }

    /**
     * Checks the decoder's parts themselves: each header is followed by chunks that continue its payload
     * exactly where the last one ended and never pass its announced length, and the last chunk says so.
     */
    private static void checkDecoderParts(byte[] wire) {
        FrameDecoder decoder = new FrameDecoder();
        ByteBuffer in = ByteBuffer.wrap(wire);
        FrameHeader header = null;
        long payloadRead = 0;
        int parts = 0;
        try {
            FramePart part;
            while ((part = decoder.next(in)) != null) {
                // An empty frame is 2 bytes for 2 parts (header, empty chunk): at most one part per byte.
                assertThat(++parts).isLessThanOrEqualTo(wire.length);
                switch (part) {
                    case FrameHeader h -> {
                        assertThat(header).as("a header before the previous frame ended").isNull();
                        header = h;
                        payloadRead = 0;
                    }
                    case PayloadChunk chunk -> {
                        assertThat(header).as("a chunk without a header").isNotNull();
                        assertThat(chunk.offsetInFrame()).isEqualTo(payloadRead);
                        payloadRead += chunk.bytes().length;
                        assertThat(payloadRead).isLessThanOrEqualTo(header.payloadLength());
                        assertThat(chunk.endOfFrame()).isEqualTo(payloadRead == header.payloadLength());
                        if (chunk.endOfFrame()) {
                            header = null;
                        }
                    }
                }
            }
        } catch (ProtocolViolationException e) {
            // The decoder's own refusal is an accepted outcome; once failed, it stays failed.
            ByteBuffer more = ByteBuffer.wrap(new byte[] {(byte) 0x81, 0x00}); // FIN text, unmasked, empty
            assertThat(catchThrowable(() -> decoder.next(more))).isSameAs(e);
            return;
        }
        assertThat(in.hasRemaining()).isFalse();
    }

    private static int totalLength(byte[][] pieces) {
        int length = 0;
        for (byte[] piece : pieces) {
            length += piece.length;
        }
        return length;
    }
}
