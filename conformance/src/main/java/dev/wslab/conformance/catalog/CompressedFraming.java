package dev.wslab.conformance.catalog;

import static dev.wslab.conformance.catalog.Cases.compressed;
import static dev.wslab.conformance.catalog.Cases.hex;
import static dev.wslab.conformance.catalog.Cases.send;
import static dev.wslab.conformance.catalog.Cases.steps;
import static dev.wslab.conformance.catalog.CompressionBeyondAutobahn.PLAIN_OFFER;
import static dev.wslab.conformance.catalog.CompressionBeyondAutobahn.compressedCase;
import static dev.wslab.conformance.catalog.CompressionBeyondAutobahn.failsWith;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.util.ArrayList;
import java.util.List;

/**
 * 14.2, compressed frames a server must fail the connection on. RFC 7692 §6.1: "An endpoint MUST NOT set
 * the "Per-Message Compressed" bit of control frames and non-first fragments of a data message. An endpoint
 * receiving such a frame MUST _Fail the WebSocket Connection_." Data that does not inflate cannot be read
 * (RFC 7692 names no code: 1002 or 1007); inflated text is still text (RFC 6455 §8.1: 1007). Autobahn's
 * fuzzer never sends any of these.
 */
final class CompressedFraming {

    /** RFC 7692 §7.2.3.1: "Hello" compressed, one block; the frames below cut it after 3 bytes. */
    static final byte[] HELLO = hex("f2 48 cd c9 c9 07 00");

    private CompressedFraming() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(compressedCase("14.2.1", "Send \"Hello\" compressed (RFC 7692 §7.2.3.1) in two frames, RSV1 set on"
                        + " the continuation too: expect 1002 (§6.1: RSV1 MUST NOT be set on a non-first fragment, and"
                        + " the receiver MUST fail the connection).", "5.2, 5.4", PLAIN_OFFER,
                steps(send(compressed(Opcode.TEXT, hex("f2 48 cd")).withFin(false),
                        Frame.continuation(Payload.of(hex("c9 c9 07 00")), true).withReservedBits(true, false, false))),
                Expectation.fails(1002), 2));
        cases.add(compressedCase("14.2.2", "Send a Ping with RSV1 set: expect 1002 and no Pong (§6.1: RSV1 MUST NOT be"
                        + " set on a control frame).", "5.2, 5.5.2", PLAIN_OFFER,
                steps(send(Frame.ping(Payload.utf8("compressed?")).withReservedBits(true, false, false))),
                Expectation.fails(1002), 2));
        cases.add(compressedCase("14.2.3", "Send a Pong with RSV1 set: expect 1002 (§6.1: RSV1 MUST NOT be set on a"
                        + " control frame).", "5.2, 5.5.3", PLAIN_OFFER,
                steps(send(Frame.pong(Payload.utf8("compressed?")).withReservedBits(true, false, false))),
                Expectation.fails(1002), 2));
        cases.add(compressedCase("14.2.4", "Send a Close (1000) with RSV1 set: expect 1002, not a normal close (§6.1:"
                        + " RSV1 MUST NOT be set on a control frame).", "5.2, 5.5.1", PLAIN_OFFER,
                steps(send(Frame.close(CloseStatus.NORMAL).withReservedBits(true, false, false))),
                Expectation.rejectsClose(1002), 2));
        // ff: BFINAL 1, BTYPE 11, a block type DEFLATE reserves (RFC 1951 §3.2.3)
        cases.add(corrupt("14.2.5", "a block of the reserved type 11 (RFC 1951 §3.2.3)", hex("ff ff ff ff")));
        // 00: a stored block; LEN 0005, NLEN 0000 instead of fffa; then "Hello"
        cases.add(corrupt("14.2.6", "a stored block whose NLEN is not the complement of LEN (RFC 1951 §3.2.4)",
                hex("00 05 00 00 00 48 65 6c 6c 6f")));
        cases.add(corrupt("14.2.7", "the second \"Hello\" of RFC 7692 §7.2.3.2, a back-reference 5 bytes back, as the"
                + " first message: it reaches before the start of the stream", hex("f2 00 11 00 00")));
        // f3 ...: "Hello" in a block with BFINAL set (§7.2.3.4), then a second "Hello" block after the end
        cases.add(compressedCase("14.2.8", "Send a compressed text message whose DEFLATE data goes on after a block"
                        + " with BFINAL set: \"Hello\" (§7.2.3.4) and a second \"Hello\" block; RFC 7692 §7.2.2 says only to"
                        + " decompress with DEFLATE, which ends at the final block (RFC 1951 §3.2.3), so whether the server"
                        + " echoes \"Hello\", \"HelloHello\" or fails is recorded: informational.", "6.2", PLAIN_OFFER,
                steps(send(compressed(Opcode.TEXT, hex("f3 48 cd c9 c9 07 00 f2 48 cd c9 c9 07 00")))),
                Expectation.informational(Expectation.AfterSteps.WAIT_FOR_SERVER_TO_CLOSE), 1));
        // κόσμε, then ed a0 80 (U+D800, a surrogate, never valid UTF-8), then "edited": Autobahn 6.3.1's bytes
        byte[] invalid = hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64");
        cases.add(compressedCase("14.2.9", "Send a compressed text message that inflates to invalid UTF-8 (a"
                        + " surrogate, U+D800): expect 1007 (RFC 7692 §6: the payload is text once inflated; RFC 6455 §8.1"
                        + " MUST fail the connection).", "8.1", PLAIN_OFFER,
                steps(send(compressed(Opcode.TEXT, CompressionBeyondAutobahn.deflated(invalid)))), Expectation.fails(1007), 2));
        cases.add(compressedCase("14.2.10", "Without offering permessage-deflate, send \"Hello\" compressed with RSV1"
                        + " set: expect 1002 (RFC 6455 §5.2: RSV1 \"MUST be 0 unless an extension is negotiated that"
                        + " defines meanings for non-zero values\").", "5.2", "",
                steps(send(compressed(Opcode.TEXT, HELLO))), Expectation.fails(1002), 2));
        return cases;
    }

    /** A compressed text message whose data does not inflate: RFC 7692 names no code, so 1002 and 1007 are both OK. */
    private static ConformanceCase corrupt(String id, String what, byte[] payload) {
        return compressedCase(id, "Send a compressed text message whose DEFLATE data is " + what + ": expect the"
                        + " connection failed, with 1002 or 1007 (RFC 7692 names no code; the message cannot be read, RFC"
                        + " 6455 §6.2).", "6.2, 7.4.1", PLAIN_OFFER, steps(send(compressed(Opcode.TEXT, payload))),
                failsWith(1002, 1007), 2);
    }
}
