package dev.wslab.tutorials.compression;

import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.deflate.Inflated;
import dev.wslab.protocol.deflate.MessageDeflater;
import dev.wslab.protocol.deflate.MessageInflater;
import dev.wslab.protocol.deflate.MessageInflater.FramePosition;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Payload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A decompression bomb: a message of zeros, compressed as permessage-deflate sends it (RFC 7692 §7.2.1). DEFLATE
 * writes a run of zeros as back-references of 258 bytes each, so a few KiB on the wire inflate to MiBs.
 *
 * @param inflatedSize what the message inflates to
 * @param compressed   the compressed payload, tail removed, as it goes on the wire
 */
public record DecompressionBomb(int inflatedSize, byte[] compressed) {

    // tag::bomb[]
    /** Returns the bomb that inflates to {@code inflatedSize} zero bytes, compressed as hard as DEFLATE can. */
    public static DecompressionBomb of(int inflatedSize) {
        try (MessageDeflater deflater = new MessageDeflater(DirectionSettings.DEFAULT, 9)) {
            return new DecompressionBomb(inflatedSize, deflater.compress(new byte[inflatedSize]));
        }
    }
    // end::bomb[]

    /** Returns how many bytes inflate from one byte on the wire. */
    public double amplification() {
        return (double) inflatedSize / compressed.length;
    }

    // tag::frames[]
    /**
     * Returns the message as frames of {@code fragmentSize} bytes of payload: RSV1 on the first frame only
     * (RFC 7692 §6.1), FIN on the last.
     */
    public List<Frame> frames(int fragmentSize) {
        List<Frame> frames = new ArrayList<>();
        for (int offset = 0; offset < compressed.length; offset += fragmentSize) {
            Payload piece = Payload.of(Arrays.copyOfRange(compressed, offset, Math.min(compressed.length, offset + fragmentSize)));
            boolean last = offset + fragmentSize >= compressed.length;
            frames.add(offset == 0
                    ? Frame.binary(piece).withFin(last).withReservedBits(true, false, false)
                    : Frame.continuation(piece, last));
        }
        return frames;
    }
    // end::frames[]

    /**
     * Returns how many of {@code frames} a receiver with a limit of {@code maxMessageSize} must inflate
     * before it knows the message is too big: found with an inflater of this lab's own, as a server's works.
     */
    public static int framesToPass(List<Frame> frames, long maxMessageSize) {
        try (MessageInflater inflater = new MessageInflater(DirectionSettings.DEFAULT)) {
            long remaining = maxMessageSize;
            for (int i = 0; i < frames.size(); i++) {
                FramePosition position = frames.get(i).fin() ? FramePosition.LAST_FRAME : FramePosition.MORE_FRAMES_FOLLOW;
                switch (inflater.inflate(frames.get(i).payload().toByteArray(), position, remaining)) {
                    case Inflated.TooBig tooBig -> {
                        return i + 1;
                    }
                    case Inflated.Bytes bytes -> remaining -= bytes.data().length;
                    case Inflated.Corrupt corrupt -> throw new IllegalStateException(corrupt.reason());
                }
            }
            return frames.size();
        }
    }
}
