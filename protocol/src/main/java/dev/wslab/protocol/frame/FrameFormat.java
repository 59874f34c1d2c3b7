package dev.wslab.protocol.frame;

import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.deflate.Inflated;

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
 * A frame of a compressed message (RFC 7692 §6, RSV1 on its first frame) shows, after its payload as it
 * is on the wire, what that payload inflated to, and the last frame of a fragmented one the whole message's size:
 *
 * <pre>
 * FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=0 length=7 f2 48 cd c9 c9 07 00 [7 bytes] inflated: "Hello" [5 bytes]
 * </pre>
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

    /**
     * Returns a frame of a compressed message: {@link #frame(Frame)} (its length and payload are the bytes on
     * the wire), then what the payload inflated to; on the last of several frames, also the message's size.
     *
     * @param inflated     what the frame's payload inflated to, or why it could not be
     * @param messageBytes the bytes the message has inflated to so far, this frame's included
     */
    public static String compressedFrame(Frame frame, Inflated inflated, long messageBytes) {
        String after = switch (inflated) {
            case Inflated.Bytes bytes -> "inflated: " + Payload.of(bytes.data());
            case Inflated.TooBig tooBig -> "inflates past " + tooBig.limit() + " bytes (stopped there)";
            case Inflated.Corrupt corrupt -> "cannot be inflated: " + corrupt.reason();
        };
        boolean lastOfSeveral = frame.fin() && frame.opcode() == Opcode.CONTINUATION.code();
        return frame(frame) + " " + after
                + (lastOfSeveral && inflated instanceof Inflated.Bytes ? ", message inflated to " + messageBytes + " bytes" : "");
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
