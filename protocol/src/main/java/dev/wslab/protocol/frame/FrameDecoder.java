package dev.wslab.protocol.frame;

import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.Rule;

import java.nio.ByteBuffer;

/**
 * FrameDecoder turns bytes from the network into {@link FramePart}s (RFC 6455 §5.2), however the bytes
 * are split: a whole frame, many frames, or one byte at a time give the same parts.
 *
 * <p>Each frame comes out as its {@link FrameHeader}, as soon as the header's 2 to 14 bytes are there,
 * then as {@link PayloadChunk}s, unmasked, holding exactly the payload bytes that have arrived. The
 * decoder never allocates for bytes that have not arrived, so a header announcing 2^63-1 bytes costs
 * nothing: the caller checks its limits on the header before it asks for the payload.
 *
 * <p>The decoder checks only what it needs to find the next frame: the 64-bit length's most
 * significant bit and the minimal length form. Everything else (reserved bits, opcodes, control frame
 * rules, masking by role) is judged by the caller, so that frames breaking those rules can still be
 * decoded and shown, for instance by the conformance suite.
 *
 * <p>Usage: {@code while ((part = decoder.next(buffer)) != null) { handle(part); }}. Not thread-safe.
 */
public final class FrameDecoder {

    private final byte[] headerBytes = new byte[FrameHeader.MAX_LENGTH];
    private int headerBytesRead;

    /** The header of the frame whose payload is being read, or null between frames. */
    private FrameHeader current;
    private long payloadBytesRead;
    private ProtocolViolationException failure;

    // tag::next[]
    /**
     * Decodes the next part from {@code in}, consuming the bytes it uses.
     *
     * @return the next header or payload chunk, or null when {@code in} holds no more complete part
     *     (its bytes are then all consumed and kept until the next call)
     * @throws ProtocolViolationException when the bytes cannot be a frame; the decoder is then unusable
     */
    public FramePart next(ByteBuffer in) {
        if (failure != null) {
            throw failure;
        }
        try {
            return current == null ? nextHeader(in) : nextPayloadChunk(in);
        } catch (ProtocolViolationException e) {
            failure = e;
            throw e;
        }
    }
    // end::next[]

    /** Tells whether the decoder is between frames (no header or payload bytes pending). */
    public boolean isAtFrameBoundary() {
        return current == null && headerBytesRead == 0;
    }

    private FrameHeader nextHeader(ByteBuffer in) {
        int needed = headerBytesRead >= 2 ? headerLength(headerBytes[1]) : 2;
        while (headerBytesRead < needed) {
            if (!in.hasRemaining()) {
                return null;
            }
            int count = Math.min(needed - headerBytesRead, in.remaining());
            in.get(headerBytes, headerBytesRead, count);
            headerBytesRead += count;
            if (headerBytesRead >= 2) {
                needed = headerLength(headerBytes[1]);
            }
        }
        current = parseHeader();
        headerBytesRead = 0;
        payloadBytesRead = 0;
        return current;
    }

    // tag::header-length[]
    /** Returns the header's full length, known from its second byte: the MASK bit and the 7-bit length. */
    private static int headerLength(byte second) {
        int lengthCode = second & 0x7F;
        int extendedLengthBytes = lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0;
        boolean masked = (second & 0x80) != 0;
        return 2 + extendedLengthBytes + (masked ? 4 : 0);
    }
    // end::header-length[]

    private FrameHeader parseHeader() {
        int first = headerBytes[0] & 0xFF;
        int second = headerBytes[1] & 0xFF;
        boolean masked = (second & 0x80) != 0;
        int lengthCode = second & 0x7F;
        int position = 2;
        long payloadLength;
        // tag::length-rules[]
        if (lengthCode == 126) {
            payloadLength = ((headerBytes[2] & 0xFF) << 8) | (headerBytes[3] & 0xFF);
            position += 2;
            requireMinimal(payloadLength <= FrameHeader.MAX_7_BIT_LENGTH, payloadLength, "16-bit");
        } else if (lengthCode == 127) {
            payloadLength = readLong(position);
            position += 8;
            // RFC 6455 §5.2: "the most significant bit MUST be 0" in the 64-bit length.
            if (payloadLength < 0) {
                throw new ProtocolViolationException(Rule.LENGTH_MOST_SIGNIFICANT_BIT_SET,
                        String.format("length bytes %016x", payloadLength));
            }
            requireMinimal(payloadLength <= FrameHeader.MAX_16_BIT_LENGTH, payloadLength, "64-bit");
        } else {
            payloadLength = lengthCode;
        }
        // end::length-rules[]
        int maskingKey = masked ? readInt(position) : 0;
        return new FrameHeader((first & 0x80) != 0, (first & 0x40) != 0, (first & 0x20) != 0,
                (first & 0x10) != 0, first & 0x0F, masked, maskingKey, payloadLength);
    }

    // tag::require-minimal[]
    // RFC 6455 §5.2: "the minimal number of bytes MUST be used to encode the length". wslab rejects
    // a longer form: a peer that gets this wrong is likely to get other framing wrong too.
    private static void requireMinimal(boolean fitsShorterForm, long payloadLength, String form) {
        if (fitsShorterForm) {
            throw new ProtocolViolationException(Rule.NON_MINIMAL_LENGTH,
                    "length " + payloadLength + " in the " + form + " form");
        }
    }
    // end::require-minimal[]

    // tag::payload-chunk[]
    private FramePart nextPayloadChunk(ByteBuffer in) {
        long remaining = current.payloadLength() - payloadBytesRead;
        if (remaining > 0 && !in.hasRemaining()) {
            return null;
        }
        int count = (int) Math.min(remaining, in.remaining());
        byte[] bytes = new byte[count];
        in.get(bytes);
        if (current.masked()) {
            Masking.apply(bytes, 0, count, current.maskingKey(), payloadBytesRead);
        }
        PayloadChunk chunk = new PayloadChunk(bytes, payloadBytesRead, count == remaining);
        payloadBytesRead += count;
        if (chunk.endOfFrame()) {
            current = null;
        }
        return chunk;
    }
    // end::payload-chunk[]

    private long readLong(int position) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (headerBytes[position + i] & 0xFF);
        }
        return value;
    }

    private int readInt(int position) {
        return ((headerBytes[position] & 0xFF) << 24) | ((headerBytes[position + 1] & 0xFF) << 16)
                | ((headerBytes[position + 2] & 0xFF) << 8) | (headerBytes[position + 3] & 0xFF);
    }
}
