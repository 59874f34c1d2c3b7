package dev.wslab.conformance.catalog;

import static dev.wslab.conformance.catalog.Cases.compressed;
import static dev.wslab.conformance.catalog.Cases.hex;
import static dev.wslab.conformance.catalog.Cases.send;
import static dev.wslab.conformance.catalog.Cases.sendPerFrame;
import static dev.wslab.conformance.catalog.Cases.steps;
import static dev.wslab.conformance.catalog.CompressionBeyondAutobahn.PLAIN_OFFER;
import static dev.wslab.conformance.catalog.CompressionBeyondAutobahn.compressedCase;
import static dev.wslab.conformance.catalog.CompressionBeyondAutobahn.text;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.util.ArrayList;
import java.util.List;

/**
 * 14.4, encodings a server must accept: the examples of RFC 7692 §7.2.3, which Autobahn's zlib client never
 * writes (an empty message, a stored block, two blocks, BFINAL), fragments cut anywhere with a Ping between
 * them, a context taken over, and uncompressed messages among compressed ones (§6: compression is chosen per
 * message). Each must come back as sent (the echo, RFC 6455 §6.2: "Incoming data MUST be parsed").
 */
final class CompressedEncodings {

    private CompressedEncodings() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        // 00: an empty stored block, not final, its LEN/NLEN and the tail removed (RFC 7692 §7.2.3.6)
        cases.add(echo("14.4.1", "an empty message as RFC 7692 §7.2.3.6 writes it, the one byte 00", hex("00"), ""));
        cases.add(echo("14.4.2", "an empty message as a zero-length payload with RSV1 set (with the tail appended,"
                + " 00 00 ff ff is an empty stored block, §7.2.2)", new byte[0], ""));
        // 00 05 00 fa ff "Hello" 00: a stored block, LEN 5, NLEN ~5; then the start of the tail's empty block
        cases.add(echo("14.4.3", "\"Hello\" in a stored (uncompressed) DEFLATE block, §7.2.3.3",
                hex("00 05 00 fa ff 48 65 6c 6c 6f 00"), "Hello"));
        // f2 48 05 00: "He"; 00 00 ff ff: a sync flush; ca c9 c9 07 00: "llo"
        cases.add(echo("14.4.4", "\"Hello\" in two DEFLATE blocks, \"He\" and \"llo\", §7.2.3.5",
                hex("f2 48 05 00 00 00 ff ff ca c9 c9 07 00"), "Hello"));
        // f3: the same block as §7.2.3.1 with BFINAL set; 00 00: an empty stored block after it, tail removed
        cases.add(echo("14.4.5", "\"Hello\" in a block with BFINAL set, §7.2.3.4", hex("f3 48 cd c9 c9 07 00 00"),
                "Hello"));
        cases.add(compressedCase("14.4.6", "Send \"Hello\" compressed twice with the suite's compressor, which takes its"
                        + " context over unless the server's answer forbids it (§7.1.1.2): the second is then f2 00 11 00 00,"
                        + " a reference into the first message (§7.2.3.2); expect both echoed (§7.2.2: the server MUST"
                        + " decompress with the window of the last message).", "6.2", PLAIN_OFFER,
                steps(new Step.SendCompressed(Opcode.TEXT, Payload.utf8("Hello"), 0),
                        new Step.SendCompressed(Opcode.TEXT, Payload.utf8("Hello"), 0)),
                Expectation.echo(text("Hello"), text("Hello")), 2));
        // "Hello" compressed (§7.2.3.1) cut into frames of 1, 1, 2, 0 and 3 bytes, a Ping after the second
        cases.add(compressedCase("14.4.7", "Send \"Hello\" compressed (§7.2.3.1) in fragments of 1, 1, 2, 0 and 3"
                        + " bytes, each its own write, a Ping after the second (§7.2.3.1: the compressed data may be split"
                        + " anywhere; RFC 6455 §5.4: control frames may come between fragments): expect the Pong, then"
                        + " \"Hello\".", "5.4, 5.5.2", PLAIN_OFFER,
                steps(sendPerFrame(compressed(Opcode.TEXT, hex("f2")).withFin(false),
                        Frame.continuation(Payload.of(hex("48")), false), Frame.ping(Payload.utf8("between")),
                        Frame.continuation(Payload.of(hex("cd c9")), false), Frame.continuation(Payload.EMPTY, false),
                        Frame.continuation(Payload.of(hex("c9 07 00")), true))),
                Expectation.echo(Observed.pong(Payload.utf8("between")), text("Hello")), 2));
        byte[] binary = {0, 1, 2, 3, (byte) 0xfe, (byte) 0xff};
        cases.add(compressedCase("14.4.8", "Send a compressed text message, an uncompressed one (RSV1 clear), a"
                        + " compressed binary message and an uncompressed one (§6: compression is a per-message choice,"
                        + " RSV1 on the first frame says which): expect all four echoed, in order.", "6.2", PLAIN_OFFER,
                steps(new Step.SendCompressed(Opcode.TEXT, Payload.utf8("compressed text"), 0),
                        send(Frame.text("uncompressed text")),
                        new Step.SendCompressed(Opcode.BINARY, Payload.of(binary), 0),
                        send(Frame.binary(Payload.of(binary)))),
                Expectation.echo(text("compressed text"), text("uncompressed text"), Observed.binary(Payload.of(binary)),
                        Observed.binary(Payload.of(binary))), 2));
        return cases;
    }

    /** A text message of {@code payload} compressed bytes (RSV1 set), which must be echoed as {@code text}. */
    private static ConformanceCase echo(String id, String what, byte[] payload, String text) {
        return compressedCase(id, "Send " + what + ": expect it echoed.", "6.2", PLAIN_OFFER,
                steps(send(compressed(Opcode.TEXT, payload))), Expectation.echo(text(text)), 2);
    }
}
