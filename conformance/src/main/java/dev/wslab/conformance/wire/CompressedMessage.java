package dev.wslab.conformance.wire;

import dev.wslab.protocol.deflate.MessageDeflater;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.util.ArrayList;
import java.util.List;

/**
 * CompressedMessage turns one message into the frames a permessage-deflate client sends (RFC 7692 §6.1):
 * the message compressed by the protocol core's {@link MessageDeflater}, the compressed bytes cut into
 * frames of at most {@code fragmentSize} bytes, RSV1 set on the first frame only ("the "Per-Message
 * Compressed" bit" is set on the first frame of a message; RFC 7692 §6).
 */
public final class CompressedMessage {

    private CompressedMessage() {
    }

    /**
     * Returns the frames, unmasked (the writer masks them), of {@code message} compressed with {@code deflater}.
     *
     * @param opcode       {@link Opcode#TEXT} or {@link Opcode#BINARY}
     * @param fragmentSize the largest payload of one frame; 0: one frame, however long
     */
    public static List<Frame> frames(Opcode opcode, byte[] message, MessageDeflater deflater, int fragmentSize) {
        if (opcode != Opcode.TEXT && opcode != Opcode.BINARY) {
            throw new IllegalArgumentException("only a data message is compressed, not " + opcode);
        }
        if (fragmentSize < 0) {
            throw new IllegalArgumentException("fragmentSize must be 0 or more, got " + fragmentSize);
        }
        return framesOf(opcode, deflater.compress(message), fragmentSize);
    }

    /**
     * Returns the frames, unmasked, of a message already compressed ({@code compressed}: its DEFLATE bytes,
     * the tail removed, RFC 7692 §7.2.1), cut into frames of at most {@code fragmentSize} bytes (0: one frame).
     */
    public static List<Frame> framesOf(Opcode opcode, byte[] compressed, int fragmentSize) {
        if (opcode != Opcode.TEXT && opcode != Opcode.BINARY) {
            throw new IllegalArgumentException("only a data message is compressed, not " + opcode);
        }
        if (fragmentSize < 0) {
            throw new IllegalArgumentException("fragmentSize must be 0 or more, got " + fragmentSize);
        }
        int size = fragmentSize == 0 ? Math.max(1, compressed.length) : fragmentSize;
        List<Frame> frames = new ArrayList<>();
        int from = 0;
        do {
            int length = Math.min(size, compressed.length - from);
            Payload piece = Payload.of(compressed, from, length);
            from += length;
            boolean last = from >= compressed.length;
            Frame frame = frames.isEmpty()
                    ? Frame.of(opcode, piece).withFin(last).withReservedBits(true, false, false)
                    : Frame.continuation(piece, last);
            frames.add(frame);
        } while (from < compressed.length);
        return List.copyOf(frames);
    }
}
