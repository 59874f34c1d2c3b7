package dev.wslab.protocol.deflate;

import dev.wslab.protocol.deflate.MessageInflater.FramePosition;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameFormat;
import dev.wslab.protocol.frame.Opcode;

/**
 * WireInflater prints the frames of one direction of a connection with permessage-deflate agreed, as a
 * trace or a decoder watches them go by: each frame as {@link FrameFormat} prints it, and a frame of a
 * compressed message (RSV1 on its first frame, RFC 7692 §6) with what its payload inflated to. It keeps
 * the sender's window from message to message unless the sender agreed not to (RFC 7692 §7.2.2).
 *
 * <p>It only watches: a frame the connection would refuse is shown as it is, and a message that cannot be
 * inflated is said so. {@link #close()} releases the Inflater's native memory.
 */
public final class WireInflater implements AutoCloseable {

    private final MessageInflater inflater;
    private final long maxMessageBytes;
    /** Whether the data frames arriving continue a compressed message. */
    private boolean inCompressedMessage;
    private long messageBytes;
    /** Set when a message could not be inflated: the window is lost, so later messages cannot be either. */
    private boolean broken;

    /**
     * @param sender          what was agreed for the messages of this direction
     * @param maxMessageBytes inflation stops beyond this many bytes per message (a bomb costs no more)
     */
    public WireInflater(DirectionSettings sender, long maxMessageBytes) {
        this.inflater = new MessageInflater(sender);
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Returns the frame as text, with what it inflated to when it belongs to a compressed message. */
    public String format(Frame frame) {
        boolean control = frame.opcode() >= Opcode.CLOSE.code();
        if (!control && frame.opcode() != Opcode.CONTINUATION.code()) {
            inCompressedMessage = frame.rsv1();
            messageBytes = 0;
        }
        if (control || !inCompressedMessage) {
            return FrameFormat.frame(frame);
        }
        if (broken) {
            return FrameFormat.frame(frame) + " (not inflated: an earlier message could not be, or the trace ended)";
        }
        FramePosition position = frame.fin() ? FramePosition.LAST_FRAME : FramePosition.MORE_FRAMES_FOLLOW;
        Inflated inflated = inflater.inflate(frame.payload().toByteArray(), position, maxMessageBytes - messageBytes);
        if (inflated instanceof Inflated.Bytes bytes) {
            messageBytes += bytes.data().length;
        } else {
            broken = true;
            inflater.close();
        }
        if (frame.fin()) {
            inCompressedMessage = false;
        }
        return FrameFormat.compressedFrame(frame, inflated, messageBytes);
    }

    /** Releases the Inflater; frames shown afterwards are not inflated. */
    @Override
    public void close() {
        broken = true;
        inflater.close();
    }
}
