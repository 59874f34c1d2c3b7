package dev.wslab.protocol.deflate;

import dev.wslab.protocol.deflate.MessageInflater.FramePosition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

@DisplayName("whatever the messages, settings and frame splits, inflating what was compressed gives the messages back")
class MessageCodecPropertiesTest {

    /** Messages that compress well (few distinct bytes, runs) and badly (any byte), empty ones included. */
    private static Gen<byte[]> messages() {
        Gen<Integer> alphabet = integers().between(1, 256);
        return alphabet.flatMap(size -> lists().of(integers().between(0, size - 1)).ofSizeBetween(0, 1500))
                .map(values -> {
                    byte[] bytes = new byte[values.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = values.get(i).byteValue();
                    }
                    return bytes;
                });
    }

    @Test
    void roundTrip() {
        qt().withExamples(60)
                .forAll(lists().of(messages()).ofSizeBetween(1, 4),
                        arbitrary().enumValues(ContextTakeover.class),
                        integers().between(DirectionSettings.MIN_WINDOW_BITS, DirectionSettings.MAX_WINDOW_BITS),
                        integers().between(1, 400))
                .checkAssert((messages, context, windowBits, frameSize) -> {
                    DirectionSettings settings = new DirectionSettings(context, windowBits);
                    try (MessageDeflater deflater = new MessageDeflater(settings, Deflater.DEFAULT_COMPRESSION);
                         MessageInflater inflater = new MessageInflater(settings)) {
                        for (byte[] message : messages) {
                            assertThat(inflateInFrames(inflater, deflater.compress(message), frameSize)).isEqualTo(message);
                        }
                    }
                });
    }

    private static byte[] inflateInFrames(MessageInflater inflater, byte[] payload, int frameSize) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int offset = 0;
        do {
            int end = Math.min(payload.length, offset + frameSize);
            FramePosition position = end == payload.length ? FramePosition.LAST_FRAME : FramePosition.MORE_FRAMES_FOLLOW;
            byte[] frame = java.util.Arrays.copyOfRange(payload, offset, end);
            Inflated result = inflater.inflate(frame, position, 1 << 20);
            assertThat(result).isInstanceOf(Inflated.Bytes.class);
            message.writeBytes(((Inflated.Bytes) result).data());
            offset = end;
        } while (offset < payload.length);
        return message.toByteArray();
    }

    @Test
    @DisplayName("the 1-byte frames of a message need not fall on DEFLATE block boundaries (§6.2)")
    void anySplit() {
        byte[] message = "a message long enough to span several codes, several codes, several codes".getBytes();
        try (MessageDeflater deflater = new MessageDeflater(DirectionSettings.DEFAULT, 9);
             MessageInflater inflater = new MessageInflater(DirectionSettings.DEFAULT)) {
            assertThat(inflateInFrames(inflater, deflater.compress(message), 1)).isEqualTo(message);
        }
    }
}
