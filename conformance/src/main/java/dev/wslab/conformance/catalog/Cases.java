package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Step;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Cases holds the small vocabulary the catalog is written in, so each section reads like a table. */
final class Cases {

    private Cases() {
    }

    static ConformanceCase testCase(String id, String section, String description, String rfcSections,
                                    List<Step> steps, Expectation expectation, double deadlineSeconds) {
        return new ConformanceCase(id, section, description, Arrays.asList(rfcSections.split(",\\s*")), steps,
                expectation, Duration.ofMillis((long) (deadlineSeconds * 1000)), "", java.util.Optional.empty());
    }

    // ---------------------------------------------------------------- steps

    static List<Step> steps(Step... steps) {
        return List.of(steps);
    }

    /** Sends the frames in one write. */
    static Step send(Frame... frames) {
        return new Step.Send(List.of(frames), Step.Writing.WHOLE);
    }

    /** Sends each frame in its own write. */
    static Step sendPerFrame(Frame... frames) {
        return new Step.Send(List.of(frames), Step.Writing.PER_FRAME);
    }

    /** Sends the frames one byte per write. */
    static Step sendOctetWise(Frame... frames) {
        return new Step.Send(List.of(frames), Step.Writing.OCTET_WISE);
    }

    /** Sends the frames in writes of at most {@code size} bytes. */
    static Step sendInChops(int size, Frame... frames) {
        return new Step.Send(List.of(frames), Step.Writing.chops(size));
    }

    static Step pause(double seconds) {
        return new Step.Pause(Duration.ofMillis((long) (seconds * 1000)));
    }

    static Step marker(String name) {
        return new Step.Marker(name);
    }

    // ---------------------------------------------------------------- frames

    static Frame text(String text) {
        return Frame.text(text);
    }

    static Frame textBytes(byte[] utf8) {
        return Frame.of(Opcode.TEXT, Payload.of(utf8));
    }

    static Frame binary(byte[] data) {
        return Frame.binary(Payload.of(data));
    }

    /** A frame whose payload is compressed: RSV1, the "Per-Message Compressed" bit, set (RFC 7692 §6). */
    static Frame compressed(Opcode opcode, byte[] payload) {
        return withRsv1(Frame.of(opcode, Payload.of(payload)));
    }

    private static Frame withRsv1(Frame frame) {
        return frame.withReservedBits(true, false, false);
    }

    static Frame ping(String payload) {
        return Frame.ping(Payload.utf8(payload));
    }

    static Frame pong(String payload) {
        return Frame.pong(Payload.utf8(payload));
    }

    static Frame continuation(String payload, boolean fin) {
        return Frame.continuation(Payload.utf8(payload), fin);
    }

    static Frame notFinal(Frame frame) {
        return frame.withFin(false);
    }

    /** Returns {@code count} copies of {@code b}. */
    static byte[] repeat(int b, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) b);
        return bytes;
    }

    /** Returns {@code pattern} repeated to exactly {@code length} bytes. */
    static byte[] repeat(byte[] pattern, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = pattern[i % pattern.length];
        }
        return bytes;
    }

    /** Returns the parts one after the other. */
    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /**
     * Returns {@code message} as a fragmented message of {@code opcode}: frames of {@code fragmentSize}
     * bytes (the last may be shorter), the first with the opcode, the others continuations, FIN on the last.
     */
    static List<Frame> fragments(Opcode opcode, byte[] message, int fragmentSize) {
        List<Frame> frames = new java.util.ArrayList<>();
        for (int from = 0; from < message.length; from += fragmentSize) {
            Payload piece = Payload.of(Arrays.copyOfRange(message, from, Math.min(message.length, from + fragmentSize)));
            boolean last = from + fragmentSize >= message.length;
            frames.add(from == 0 ? Frame.of(opcode, piece).withFin(last) : Frame.continuation(piece, last));
        }
        return frames;
    }

    /** Returns compressed bytes as {@link #fragments}, RSV1 on the first frame only (RFC 7692 §6.1). */
    static List<Frame> compressedFragments(Opcode opcode, byte[] compressed, int fragmentSize) {
        List<Frame> frames = fragments(opcode, compressed, fragmentSize);
        frames.set(0, withRsv1(frames.get(0)));
        return frames;
    }

    static byte[] hex(String spacedHex) {
        return java.util.HexFormat.ofDelimiter(" ").parseHex(spacedHex);
    }
}
