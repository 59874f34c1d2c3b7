package dev.wslab.conformance.catalog;

import static dev.wslab.conformance.catalog.Cases.steps;
import static dev.wslab.conformance.catalog.CompressionBeyondAutobahn.PLAIN_OFFER;
import static dev.wslab.conformance.catalog.CompressionBeyondAutobahn.compressedCase;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * 14.5, what the server sends once compression is agreed. Autobahn only checks that echoes round-trip, which
 * a server that never compresses, or keeps its context after agreeing not to, or uses a wider window than it
 * agreed, all pass: the window and the context are invisible to {@link java.util.zip.Inflater}. These cases
 * read the server's compressed echoes with the suite's own DEFLATE reader, which records how far back each
 * reference reaches. The echoes themselves are judged as usual.
 */
final class CompressedOutput {

    /** Large enough that a server with a threshold (ws and wslab: 1 KiB) still compresses it. */
    private static final int SIZE = 4096;

    private CompressedOutput() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        String json = json(4 * SIZE);
        cases.add(compressedCase("14.5.1", "Send two compressed text messages of " + 4 * SIZE + " bytes of JSON: expect"
                        + " both echoed; whether the server compresses its echoes, and how well, is recorded (RFC 7692 §6:"
                        + " compression is a per-message choice): informational, with the ratio.", "6.2", PLAIN_OFFER,
                twice(Opcode.TEXT, json.getBytes(StandardCharsets.UTF_8)), Expectation.echo(Observed.text(json),
                        Observed.text(json)), 2));
        String repeated = json(SIZE);
        cases.add(compressedCase("14.5.2", "Offer server_no_context_takeover; send the same " + SIZE + "-byte text"
                        + " message three times: expect the echoes, and in the compressed ones no back-reference before the"
                        + " message's own start (RFC 7692 §7.2.1: the server MUST start compressing each new message with an"
                        + " empty LZ77 sliding window). UNIMPLEMENTED if declined (§7.1.1.1 only RECOMMENDS supporting it).",
                "6.2", "permessage-deflate; server_no_context_takeover", thrice(repeated),
                Expectation.echo(Observed.text(repeated), Observed.text(repeated), Observed.text(repeated)), 2));
        cases.add(compressedCase("14.5.3", "Offer permessage-deflate with context takeover; send the same " + SIZE
                        + "-byte text message three times: expect the echoes; whether the server's compressed echoes refer"
                        + " to earlier messages is recorded (§7.2.1: the server MAY take over the window): informational.",
                "6.2", PLAIN_OFFER, thrice(repeated),
                Expectation.echo(Observed.text(repeated), Observed.text(repeated), Observed.text(repeated)), 2));
        byte[] scattered = scattered(2 * SIZE);
        cases.add(compressedCase("14.5.4", "Offer server_max_window_bits=9; send twice a " + 2 * SIZE + "-byte binary"
                        + " message of random bytes whose first KiB comes again 3 KiB later: expect the echoes, and in the"
                        + " compressed ones no back-reference farther than the window agreed (RFC 7692 §7.2.1: the server"
                        + " MUST NOT use an LZ77 sliding window longer than 2^w bytes). UNIMPLEMENTED if declined.", "6.2",
                "permessage-deflate; server_max_window_bits=9", twice(Opcode.BINARY, scattered),
                Expectation.echo(Observed.binary(Payload.of(scattered)), Observed.binary(Payload.of(scattered))), 2));
        return cases;
    }

    private static List<Step> twice(Opcode opcode, byte[] message) {
        return steps(new Step.SendCompressed(opcode, Payload.of(message), 0),
                new Step.SendCompressed(opcode, Payload.of(message), 0));
    }

    private static List<Step> thrice(String text) {
        Step send = new Step.SendCompressed(Opcode.TEXT, Payload.utf8(text), 0);
        return steps(send, send, send);
    }

    /** JSON-like records, {@code length} bytes: they compress well, as real JSON does. */
    private static String json(int length) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; out.length() < length - 1; i++) {
            out.append(String.format(java.util.Locale.ROOT, "{\"id\":%d,\"user\":\"user-%d\",\"online\":%b},", i, i % 97,
                    i % 3 == 0));
        }
        out.setLength(length - 1);
        return out.append(']').toString();
    }

    /** Random bytes, except that bytes 3072 to 4095 repeat the first 1024: a match 3 KiB back. */
    private static byte[] scattered(int length) {
        byte[] bytes = new byte[length];
        new Random(14_5_4).nextBytes(bytes);
        System.arraycopy(bytes, 0, bytes, 3072, 1024);
        return bytes;
    }
}
