package dev.wslab.protocol.frame;

import java.util.HexFormat;

/**
 * PayloadChunk is a piece of a frame's payload, already unmasked, as it arrived from the network.
 *
 * <p>The array is new for each chunk and belongs to whoever takes the chunk: the decoder keeps no
 * reference to it, so the receiver may keep it or change it without copying.
 *
 * @param bytes the bytes of this piece
 * @param offsetInFrame the position of the first byte of this piece within the frame's payload
 * @param endOfFrame whether this piece completes the frame's payload
 */
public record PayloadChunk(byte[] bytes, long offsetInFrame, boolean endOfFrame) implements FramePart {

    @Override
    public String toString() {
        return "PayloadChunk[" + HexFormat.of().formatHex(bytes) + " at " + offsetInFrame
                + (endOfFrame ? ", end of frame]" : "]");
    }
}
