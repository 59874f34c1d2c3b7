package dev.wslab.cli;

import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.deflate.MessageDeflater;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.Deflater;

/**
 * {@code wslab encode}: writes a frame as hex, including frames that break the rules (reserved bits,
 * reserved opcodes, fragmented or oversized control frames), to see the wire format or to feed a test.
 * With {@code --deflate} the message is compressed as permessage-deflate sends it (RFC 7692 §7.2.1), and
 * {@code --fragment-size} cuts the payload into a first frame and continuation frames, one line each.
 */
@Command(name = "encode",
        description = {"Encodes a WebSocket frame (or a message cut into frames) and prints its bytes as hex, a line per frame.",
                "Example (RFC 6455 §5.7): wslab encode --text Hello --mask 37fa213d",
                "Example (RFC 7692 §7.2.3.1): wslab encode --text Hello --deflate   prints c1 07 f2 48 cd c9 c9 07 00"},
        mixinStandardHelpOptions = true)
final class EncodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    PayloadSource payload;

    static final class PayloadSource {
        @Option(names = "--text", paramLabel = "TEXT", description = "the payload as UTF-8 text") String text;
        @Option(names = "--hex", paramLabel = "HEX", description = "the payload as hex bytes") String hex;
    }

    @Option(names = "--opcode", paramLabel = "NAME|N",
            description = "TEXT, BINARY, CONTINUATION, CLOSE, PING, PONG or a number 0-15 (default: TEXT for --text, BINARY for --hex)")
    String opcode;

    @Option(names = "--mask", paramLabel = "KEY", description = "mask with this 4-byte key in hex, as a client does (e.g. 37fa213d)")
    String mask;

    @Option(names = "--not-final", description = "clear the FIN bit (a fragment that more will follow)")
    boolean notFinal;

    @Option(names = "--rsv", paramLabel = "BITS", description = "set reserved bits, e.g. 100 for RSV1 (default: 000)")
    String rsv = "000";

    @Option(names = "--deflate", description = "compress the payload as permessage-deflate does (RFC 7692 §7.2.1):"
            + " DEFLATE, the 00 00 ff ff tail removed, RSV1 set on the first frame only")
    boolean deflate;

    @Option(names = "--deflate-level", paramLabel = "0-9",
            description = "with --deflate: the DEFLATE level, 0 stores, 1 is fastest, 9 smallest (default: zlib's 6)")
    Integer level;

    @Option(names = "--fragment-size", paramLabel = "BYTES",
            description = "cut the payload (compressed, with --deflate) into frames of at most BYTES:"
                    + " the first with the opcode, the rest CONTINUATION, FIN on the last (RFC 6455 §5.4)")
    Integer fragmentSize;

    @Override
    public Integer call() {
        Payload data = payload.text != null ? Payload.utf8(payload.text)
                : Payload.of(HexInput.parse(payload.hex));
        int code = opcodeCode(payload.text != null ? Opcode.TEXT : Opcode.BINARY);
        if (!rsv.matches("[01]{3}")) {
            throw new IllegalArgumentException("--rsv takes three bits such as 000 or 101, got '" + rsv + "'");
        }
        if (level != null && !deflate) {
            throw new IllegalArgumentException("--deflate-level goes with --deflate");
        }
        if (level != null && (level < 0 || level > 9)) {
            throw new IllegalArgumentException("--deflate-level must be 0-9, got " + level);
        }
        if (fragmentSize != null && fragmentSize < 1) {
            throw new IllegalArgumentException("--fragment-size must be 1 or more bytes, got " + fragmentSize);
        }
        if (mask != null && !mask.matches("(?i)[0-9a-f]{8}")) {
            throw new IllegalArgumentException("--mask takes 4 bytes as 8 hex digits, e.g. 37fa213d, got '" + mask + "'");
        }
        if (deflate) {
            try (MessageDeflater deflater = new MessageDeflater(DirectionSettings.DEFAULT,
                    level != null ? level : Deflater.DEFAULT_COMPRESSION)) {
                data = Payload.of(deflater.compress(data.toByteArray()));
            }
        }
        for (Frame frame : frames(code, data)) {
            if (mask != null) {
                frame = frame.maskedWith(Integer.parseUnsignedInt(mask, 16));
            }
            spec.commandLine().getOut().println(HexFormat.ofDelimiter(" ").formatHex(FrameEncoder.encode(frame)));
        }
        return 0;
    }

    /** Returns the frames of the payload: one, or the fragments of {@code --fragment-size}. */
    private List<Frame> frames(int code, Payload data) {
        byte[] bytes = data.toByteArray();
        int size = fragmentSize != null ? fragmentSize : Math.max(1, bytes.length);
        List<Frame> frames = new ArrayList<>();
        int start = 0;
        do {
            int end = Math.min(bytes.length, start + size);
            boolean first = start == 0;
            boolean last = end == bytes.length;
            // RFC 7692 §6.1: RSV1 marks the first frame of a compressed message, never a continuation frame.
            boolean rsv1 = first ? rsv.charAt(0) == '1' || deflate : rsv.charAt(0) == '1' && !deflate;
            frames.add(new Frame(last && !notFinal, rsv1, rsv.charAt(1) == '1', rsv.charAt(2) == '1',
                    first ? code : Opcode.CONTINUATION.code(), false, 0, Payload.of(Arrays.copyOfRange(bytes, start, end))));
            start = end;
        } while (start < bytes.length);
        return frames;
    }

    private int opcodeCode(Opcode defaultOpcode) {
        if (opcode == null) {
            return defaultOpcode.code();
        }
        try {
            return Opcode.valueOf(opcode.toUpperCase()).code();
        } catch (IllegalArgumentException notAName) {
            try {
                int value = Integer.decode(opcode);
                if (value >= 0 && value <= 15) {
                    return value;
                }
            } catch (NumberFormatException notANumber) {
                // explained below
            }
            throw new IllegalArgumentException("--opcode takes TEXT, BINARY, CONTINUATION, CLOSE, PING, PONG or 0-15, got '"
                    + opcode + "'");
        }
    }
}
