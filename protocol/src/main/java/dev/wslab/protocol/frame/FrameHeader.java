package dev.wslab.protocol.frame;

/**
 * FrameHeader is the part of a frame before its payload, exactly as RFC 6455 §5.2 draws it:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-------+-+-------------+-------------------------------+
 * |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 * |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 * |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 * | |1|2|3|       |K|             |                               |
 * +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 * |     Extended payload length continued, if payload len == 127  |
 * + - - - - - - - - - - - - - - - +-------------------------------+
 * |                               |Masking-key, if MASK set to 1  |
 * +-------------------------------+-------------------------------+
 * | Masking-key (continued)       |          Payload Data         |
 * +-------------------------------- - - - - - - - - - - - - - - - +
 * </pre>
 *
 * <p>The record can hold headers that break the rules (a reserved opcode, RSV bits set, a fragmented
 * control frame): the decoder reports what it saw, and the connection judges it.
 *
 * @param fin whether this is the final fragment of a message
 * @param rsv1 reserved bit 1; must be 0 unless an extension defines it
 * @param rsv2 reserved bit 2; must be 0 unless an extension defines it
 * @param rsv3 reserved bit 3; must be 0 unless an extension defines it
 * @param opcode the raw 4-bit opcode, see {@link Opcode}
 * @param masked whether the payload is masked (the MASK bit)
 * @param maskingKey the 4-byte masking key as a big-endian int; 0 when not masked
 * @param payloadLength the number of payload bytes that follow the header
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6455#section-5.2">RFC 6455 §5.2</a>
 */
public record FrameHeader(boolean fin, boolean rsv1, boolean rsv2, boolean rsv3, int opcode,
                          boolean masked, int maskingKey, long payloadLength) implements FramePart {

    // tag::length-forms[]
    /** The largest payload length a 7-bit length field holds; 126 and 127 announce longer forms. */
    public static final int MAX_7_BIT_LENGTH = 125;
    /** The largest payload length the 16-bit extended form holds. */
    public static final int MAX_16_BIT_LENGTH = 0xFFFF;
    /** The longest a header can be: 2 bytes, an 8-byte extended length and a 4-byte masking key. */
    public static final int MAX_LENGTH = 14;
    // end::length-forms[]

    public FrameHeader {
        if (opcode < 0 || opcode > 0xF) {
            throw new IllegalArgumentException("an opcode has 4 bits, got " + opcode);
        }
        if (payloadLength < 0) {
            throw new IllegalArgumentException("a payload length is never negative, got " + payloadLength);
        }
        if (!masked && maskingKey != 0) {
            throw new IllegalArgumentException("an unmasked frame has no masking key");
        }
    }

    /** Tells whether this is a control frame (Close, Ping, Pong or a reserved control opcode, §5.5). */
    public boolean isControl() {
        return Opcode.isControl(opcode);
    }

    /** Tells whether any of RSV1, RSV2, RSV3 is set. */
    public boolean anyReservedBitSet() {
        return rsv1 || rsv2 || rsv3;
    }

    /** Returns the number of bytes this header takes on the wire. */
    public int encodedLength() {
        return encodedLength(payloadLength, masked);
    }

    // tag::encoded-length[]
    /** Returns the size of a header for a payload of {@code payloadLength} bytes, using the minimal length form. */
    public static int encodedLength(long payloadLength, boolean masked) {
        int lengthBytes = payloadLength <= MAX_7_BIT_LENGTH ? 0 : payloadLength <= MAX_16_BIT_LENGTH ? 2 : 8;
        return 2 + lengthBytes + (masked ? 4 : 0);
    }
    // end::encoded-length[]

    /** Returns the header as {@link FrameFormat#header(FrameHeader)} prints it. */
    @Override
    public String toString() {
        return FrameFormat.header(this);
    }
}
