package dev.wslab.protocol.frame;

/**
 * FrameEncoder writes frames in the wire format of RFC 6455 §5.2, always with the minimal length form.
 *
 * <p>It writes exactly what the {@link Frame} says, rules broken included: whether a frame is masked,
 * and with which key, is the frame's business. The {@code Connection} decides that by role (a client
 * masks every frame with a fresh key from a {@link MaskingKeySource}, §5.3; a server never masks).
 */
public final class FrameEncoder {

    private FrameEncoder() {
    }

    /** Returns the frame's bytes on the wire: the header, then the payload, masked if the frame is. */
    public static byte[] encode(Frame frame) {
        FrameHeader header = frame.header();
        int headerLength = header.encodedLength();
        byte[] bytes = new byte[headerLength + frame.payload().length()];
        writeHeader(header, bytes, 0);
        frame.payload().copyTo(bytes, headerLength);
        if (frame.masked()) {
            Masking.apply(bytes, headerLength, bytes.length, frame.maskingKey(), 0);
        }
        return bytes;
    }

    /** Returns the header's bytes on the wire, e.g. to announce a payload that is written separately. */
    public static byte[] encodeHeader(FrameHeader header) {
        byte[] bytes = new byte[header.encodedLength()];
        writeHeader(header, bytes, 0);
        return bytes;
    }

    // tag::write-header[]
    /**
     * Writes {@code header} into {@code target} at {@code offset}, using the minimal length form.
     *
     * @return the number of bytes written, {@link FrameHeader#encodedLength()}
     */
    public static int writeHeader(FrameHeader header, byte[] target, int offset) {
        int position = offset;
        target[position++] = (byte) ((header.fin() ? 0x80 : 0) | (header.rsv1() ? 0x40 : 0)
                | (header.rsv2() ? 0x20 : 0) | (header.rsv3() ? 0x10 : 0) | header.opcode());
        int maskBit = header.masked() ? 0x80 : 0;
        long length = header.payloadLength();
        if (length <= FrameHeader.MAX_7_BIT_LENGTH) {
            target[position++] = (byte) (maskBit | (int) length);
        } else if (length <= FrameHeader.MAX_16_BIT_LENGTH) {
            target[position++] = (byte) (maskBit | 126);
            target[position++] = (byte) (length >>> 8);
            target[position++] = (byte) length;
        } else {
            target[position++] = (byte) (maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                target[position++] = (byte) (length >>> shift);
            }
        }
        if (header.masked()) {
            int key = header.maskingKey();
            for (int shift = 24; shift >= 0; shift -= 8) {
                target[position++] = (byte) (key >>> shift);
            }
        }
        return position - offset;
    }
    // end::write-header[]
}
