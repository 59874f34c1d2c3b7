package dev.wslab.protocol.frame;

/**
 * FramePart is what the {@link FrameDecoder} yields as bytes arrive: each frame comes out as its
 * {@link FrameHeader}, as soon as the header is complete, followed by one or more {@link PayloadChunk}s,
 * the last of which has {@code endOfFrame} set (a frame with an empty payload still ends with one
 * empty chunk).
 *
 * <p>Delivering the header first lets the connection check every rule and limit before a single
 * payload byte is held; delivering the payload in chunks lets it validate UTF-8 before the rest of the
 * frame has arrived.
 */
public sealed interface FramePart permits FrameHeader, PayloadChunk {
}
