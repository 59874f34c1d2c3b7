package dev.wslab.protocol.frame;

import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.close.CloseStatus;

/**
 * FrameFormat is the one way wslab prints a frame as text: the client's trace, the suite's wire log and
 * reports, {@code wslab decode} and the tutorials all show the header's fields in the order RFC 6455 §5.2
 * draws them, then a preview of the payload:
 *
 * <pre>
 * FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=1 length=5 "Hello" [5 bytes]
 * FIN=1 RSV=000 opcode=0x8 (CLOSE) MASK=0 length=2 1000 (Normal Closure)
 * </pre>
 *
 * The masking key is left out: it changes with every frame and says nothing about what the frame means.
 */
public final class FrameFormat {

    private FrameFormat() {
    }

    /** Returns the header's fields, e.g. {@code FIN=0 RSV=000 opcode=0x1 (TEXT) MASK=1 length=4}. */
    public static String header(FrameHeader header) {
        return "FIN=" + bit(header.fin())
                + " RSV=" + bit(header.rsv1()) + bit(header.rsv2()) + bit(header.rsv3())
                + " opcode=0x" + Integer.toHexString(header.opcode()).toUpperCase()
                + " (" + Opcode.nameOf(header.opcode()) + ")"
                + " MASK=" + bit(header.masked())
                + " length=" + header.payloadLength();
    }

    /**
     * Returns the header's fields and a preview of the payload: for a Close frame its status code and
     * reason when the body is a valid one, else the payload's bytes ({@link Payload#toString()}).
     */
    public static String frame(Frame frame) {
        return header(frame.header()) + " " + payload(frame);
    }

    private static String payload(Frame frame) {
        if (frame.opcode() == Opcode.CLOSE.code() && frame.payload().length() >= 2) {
            try {
                return CloseStatus.parse(frame.payload()).toString();
            } catch (ProtocolViolationException e) {
                // an invalid Close body (§7.4, §5.5.1): show its bytes as they are
            }
        }
        return frame.payload().toString();
    }

    private static int bit(boolean value) {
        return value ? 1 : 0;
    }
}
