package dev.wslab.protocol.frame;

import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.Rule;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * FrameReader gathers the parts a {@link FrameDecoder} yields into whole {@link Frame}s, for code that
 * looks at frames rather than messages: the conformance suite's wire log, the command line's frame
 * dump, tests.
 *
 * <p>It judges no rule except its size limit, checked on the header before the payload is held.
 */
public final class FrameReader {

    private final FrameDecoder decoder = new FrameDecoder();
    private final long maxPayloadLength;
    private FrameHeader header;
    private byte[] payload;

    /** Returns a reader that accepts frames with payloads up to {@code maxPayloadLength} bytes. */
    public FrameReader(long maxPayloadLength) {
        if (maxPayloadLength < 0 || maxPayloadLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxPayloadLength must fit in an array, got " + maxPayloadLength);
        }
        this.maxPayloadLength = maxPayloadLength;
    }

    /**
     * Reads the next whole frame from {@code in}.
     *
     * @return the frame, or null when {@code in} holds no more whole frame (its bytes are kept)
     * @throws ProtocolViolationException when the bytes cannot be a frame, or a payload is over the limit
     */
    public Frame next(ByteBuffer in) {
        FramePart part;
        while ((part = decoder.next(in)) != null) {
            switch (part) {
                case FrameHeader h -> start(h);
                case PayloadChunk chunk -> {
                    System.arraycopy(chunk.bytes(), 0, payload, (int) chunk.offsetInFrame(), chunk.bytes().length);
                    if (chunk.endOfFrame()) {
                        return finish();
                    }
                }
            }
        }
        return null;
    }

    /** Tells whether no frame is partly read. */
    public boolean isAtFrameBoundary() {
        return decoder.isAtFrameBoundary() && header == null;
    }

    /**
     * Reads every whole frame in {@code bytes}.
     *
     * @throws IllegalArgumentException when bytes are left over that do not make a whole frame
     * @throws ProtocolViolationException when the bytes cannot be frames
     */
    public static List<Frame> readAll(byte[] bytes, long maxPayloadLength) {
        FrameReader reader = new FrameReader(maxPayloadLength);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<Frame> frames = new ArrayList<>();
        Frame frame;
        while ((frame = reader.next(in)) != null) {
            frames.add(frame);
        }
        if (!reader.isAtFrameBoundary()) {
            throw new IllegalArgumentException("the last frame is incomplete after " + frames.size()
                    + (frames.size() == 1 ? " whole frame" : " whole frames"));
        }
        return frames;
    }

    private void start(FrameHeader h) {
        if (h.payloadLength() > maxPayloadLength) {
            throw new ProtocolViolationException(Rule.MESSAGE_TOO_BIG,
                    "frame payload of " + h.payloadLength() + " bytes, limit " + maxPayloadLength);
        }
        header = h;
        payload = new byte[(int) h.payloadLength()];
    }

    private Frame finish() {
        Frame frame = new Frame(header.fin(), header.rsv1(), header.rsv2(), header.rsv3(), header.opcode(),
                header.masked(), header.maskingKey(), Payload.wrap(payload));
        header = null;
        payload = null;
        return frame;
    }
}
