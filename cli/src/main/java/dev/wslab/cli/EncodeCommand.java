package dev.wslab.cli;

import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.HexFormat;
import java.util.concurrent.Callable;

/**
 * {@code wslab encode}: writes one frame as hex, including frames that break the rules (reserved bits,
 * reserved opcodes, fragmented or oversized control frames), to see the wire format or to feed a test.
 */
@Command(name = "encode",
        description = {"Encodes one WebSocket frame and prints its bytes as hex.",
                "Example (RFC 6455 §5.7): wslab encode --text Hello --mask 37fa213d"},
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

    @Override
    public Integer call() {
        Payload data = payload.text != null ? Payload.utf8(payload.text)
                : Payload.of(HexInput.parse(payload.hex));
        int code = opcodeCode(payload.text != null ? Opcode.TEXT : Opcode.BINARY);
        if (!rsv.matches("[01]{3}")) {
            throw new IllegalArgumentException("--rsv takes three bits such as 000 or 101, got '" + rsv + "'");
        }
        Frame frame = new Frame(!notFinal, rsv.charAt(0) == '1', rsv.charAt(1) == '1', rsv.charAt(2) == '1',
                code, false, 0, data);
        if (mask != null) {
            if (!mask.matches("(?i)[0-9a-f]{8}")) {
                throw new IllegalArgumentException("--mask takes 4 bytes as 8 hex digits, e.g. 37fa213d, got '" + mask + "'");
            }
            frame = frame.maskedWith(Integer.parseUnsignedInt(mask, 16));
        }
        spec.commandLine().getOut().println(HexFormat.ofDelimiter(" ").formatHex(FrameEncoder.encode(frame)));
        return 0;
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
