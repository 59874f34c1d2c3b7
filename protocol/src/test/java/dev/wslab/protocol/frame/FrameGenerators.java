package dev.wslab.protocol.frame;

import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;

import static org.quicktheories.generators.SourceDSL.integers;

/** QuickTheories generators for frames and byte streams, biased towards the length boundaries of §5.2. */
public final class FrameGenerators {

    private FrameGenerators() {
    }

    /** Payload lengths: mostly the edges of the 7-bit, 16-bit and 64-bit forms, sometimes anything up to 70000. */
    public static Gen<Integer> payloadLengths() {
        Gen<Integer> boundaries = Generate.pick(List.of(0, 1, 124, 125, 126, 127, 65534, 65535, 65536, 65537, 200_000));
        return boundaries.mix(integers().between(0, 70_000), 40);
    }

    /** Small payload lengths, for streams of many frames: the 7-bit and 16-bit forms' edge. */
    public static Gen<Integer> smallPayloadLengths() {
        return Generate.pick(List.of(0, 1, 125, 126, 127)).mix(integers().between(0, 300), 50);
    }

    /** Payloads with lengths from {@code lengths}, each byte random. */
    public static Gen<Payload> payloads(Gen<Integer> lengths) {
        return lengths.flatMap(length ->
                Generate.byteArrays(Generate.constant(length), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                        .map(Payload::wrap));
    }

    /** Any frame the wire format can carry: every opcode, reserved bits, masked or not, any payload length. */
    public static Gen<Frame> anyFrames() {
        return anyFrames(payloadLengths());
    }

    /** Any frame the wire format can carry, with payload lengths from {@code lengths}. */
    public static Gen<Frame> anyFrames(Gen<Integer> lengths) {
        Gen<Integer> headerBits = integers().between(0, 0xFF); // FIN, RSV1-3, opcode
        Gen<Long> masks = Generate.longRange(-1, 0xFFFF_FFFFL); // -1 means unmasked
        return headerBits.zip(masks, payloads(lengths), (bits, mask, payload) -> new Frame(
                (bits & 0x80) != 0, (bits & 0x40) != 0, (bits & 0x20) != 0, (bits & 0x10) != 0, bits & 0x0F,
                mask >= 0, mask >= 0 ? mask.intValue() : 0, payload));
    }
}
