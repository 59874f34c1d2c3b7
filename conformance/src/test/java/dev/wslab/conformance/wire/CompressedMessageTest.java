package dev.wslab.conformance.wire;

import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.deflate.Inflated;
import dev.wslab.protocol.deflate.MessageDeflater;
import dev.wslab.protocol.deflate.MessageInflater;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompressedMessageTest {

    private static final byte[] PROSE = "the quick brown fox jumps over the lazy dog, again and again and again. "
            .repeat(40).getBytes(StandardCharsets.UTF_8);

    @Test
    void a_message_unfragmented_is_one_final_frame_with_rsv1() {
        try (MessageDeflater deflater = new MessageDeflater(DirectionSettings.DEFAULT, -1)) {
            List<Frame> frames = CompressedMessage.frames(Opcode.TEXT, PROSE, deflater, 0);

            assertThat(frames).hasSize(1);
            assertThat(frames.get(0).fin()).isTrue();
            assertThat(frames.get(0).rsv1()).isTrue();
            assertThat(frames.get(0).opcode()).isEqualTo(Opcode.TEXT.code());
            assertThat(frames.get(0).payload().length()).isLessThan(PROSE.length);
        }
    }

    @Test
    void a_fragmented_message_sets_rsv1_on_its_first_frame_only_and_inflates_back_to_the_message() {
        try (MessageDeflater deflater = new MessageDeflater(DirectionSettings.DEFAULT, -1);
             MessageInflater inflater = new MessageInflater(DirectionSettings.DEFAULT)) {
            List<Frame> frames = CompressedMessage.frames(Opcode.BINARY, PROSE, deflater, 16);

            assertThat(frames.size()).isGreaterThan(1);
            assertThat(frames.get(0).opcode()).isEqualTo(Opcode.BINARY.code());
            assertThat(frames.get(0).rsv1()).isTrue();
            assertThat(frames.subList(1, frames.size()))
                    .allSatisfy(frame -> {
                        assertThat(frame.rsv1()).isFalse(); // RFC 7692 §6.1: not on a continuation frame
                        assertThat(frame.opcode()).isEqualTo(Opcode.CONTINUATION.code());
                        assertThat(frame.payload().length()).isLessThanOrEqualTo(16);
                    });
            assertThat(frames.subList(0, frames.size() - 1)).noneMatch(Frame::fin);
            assertThat(frames.get(frames.size() - 1).fin()).isTrue();
            assertThat(inflate(frames, inflater)).isEqualTo(PROSE);
        }
    }

    @Test
    void messages_one_after_another_with_context_takeover_inflate_back_in_order() {
        try (MessageDeflater deflater = new MessageDeflater(DirectionSettings.DEFAULT, -1);
             MessageInflater inflater = new MessageInflater(DirectionSettings.DEFAULT)) {
            for (int i = 0; i < 5; i++) {
                byte[] message = ("message " + i + " ").repeat(30).getBytes(StandardCharsets.UTF_8);
                assertThat(inflate(CompressedMessage.frames(Opcode.TEXT, message, deflater, 7), inflater))
                        .isEqualTo(message);
            }
        }
    }

    @Test
    void the_empty_message_is_one_frame_with_rsv1() {
        DirectionSettings reset = new DirectionSettings(ContextTakeover.RESET, 15);
        try (MessageDeflater deflater = new MessageDeflater(reset, -1);
             MessageInflater inflater = new MessageInflater(reset)) {
            List<Frame> frames = CompressedMessage.frames(Opcode.TEXT, new byte[0], deflater, 4);

            assertThat(frames).hasSize(1);
            assertThat(frames.get(0).rsv1()).isTrue();
            assertThat(inflate(frames, inflater)).isEmpty();
        }
    }

    @Test
    void only_data_messages_are_compressed() {
        try (MessageDeflater deflater = new MessageDeflater(DirectionSettings.DEFAULT, -1)) {
            assertThatThrownBy(() -> CompressedMessage.frames(Opcode.PING, PROSE, deflater, 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static byte[] inflate(List<Frame> frames, MessageInflater inflater) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < frames.size(); i++) {
            MessageInflater.FramePosition position = i == frames.size() - 1
                    ? MessageInflater.FramePosition.LAST_FRAME : MessageInflater.FramePosition.MORE_FRAMES_FOLLOW;
            Inflated inflated = inflater.inflate(frames.get(i).payload().toByteArray(), position, Long.MAX_VALUE);
            assertThat(inflated).isInstanceOf(Inflated.Bytes.class);
            out.writeBytes(((Inflated.Bytes) inflated).data());
        }
        return out.toByteArray();
    }
}
