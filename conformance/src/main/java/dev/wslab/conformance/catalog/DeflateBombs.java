package dev.wslab.conformance.catalog;

import static dev.wslab.conformance.catalog.Cases.compressed;
import static dev.wslab.conformance.catalog.Cases.send;
import static dev.wslab.conformance.catalog.Cases.steps;
import static dev.wslab.conformance.catalog.CompressionBeyondAutobahn.compressedCase;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.catalog.CompressionBomb.Opening;
import dev.wslab.conformance.catalog.StatedLimits.Limit;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;

import java.util.ArrayList;
import java.util.List;

/**
 * 14.3, decompression bombs: about 64 KiB on the wire that inflate past the server's message limit, each a
 * {@link CompressionBomb} as the probes send. A server must count inflated bytes while it inflates and fail
 * with 1009 once its limit is crossed (python-websockets CVE-2018-1000518), and still serve others: the run
 * checks a fresh connection after each. The limit is the server's (RFC 6455 §10.4), so a server that
 * inflates it all is UNSAFE, never FAILED, as in the probes; a limit stated with {@code --expect-max-message}
 * (with {@code --probes}) sizes the bombs 64 KiB above it.
 */
final class DeflateBombs {

    /** The assumed limit is below this, as probe 20.19 assumes; the bombs inflate 64 KiB past it. */
    static final long ASSUMED = 64L << 20;

    private DeflateBombs() {
    }

    static List<ConformanceCase> cases(StatedLimits limits) {
        long inflated = switch (limits.maxMessage()) {
            case Limit.AtMost<Long> stated when stated.value() > 1L << 30 -> throw new IllegalArgumentException(
                    "a stated message limit above 1 GiB cannot be probed: " + ProbeCommon.size(stated.value()));
            case Limit.AtMost<Long> stated -> stated.value() + (64 << 10);
            default -> ASSUMED + (64 << 10);
        };
        CompressionBomb alone = CompressionBomb.inflatingPast(inflated, Opening.LITERAL);
        CompressionBomb fromWindow = CompressionBomb.inflatingPast(inflated, Opening.FROM_WINDOW);
        String assumed = switch (limits.maxMessage()) {
            case Limit.Unstated<Long> unstated -> "below " + ProbeCommon.size(ASSUMED) + " (as probe 20.19)";
            case Limit.None<Long> none -> "none, as stated: what the server does is recorded";
            case Limit.AtMost<Long> stated -> "as stated, " + ProbeCommon.size(stated.value());
        };
        boolean recorded = limits.maxMessage() instanceof Limit.None;
        String expect = (recorded ? ": recorded, and a fresh connection served afterwards."
                : ": expect 1009 (or 1008), or the connection dropped, once the server's limit is crossed while it"
                + " inflates, and a fresh connection served afterwards.") + ProbePolicy.MAX_MESSAGE.assumed(assumed)
                + " (The option applies with --probes.)";
        String past = ", just over 64 KiB more than " + ProbeCommon.size(inflated - (64 << 10));
        String what = "inflates to " + ProbeCommon.count(alone.inflatedSize()) + " bytes of 'a' (about 1,032 bytes"
                + " per byte, DEFLATE's best ratio)" + past;
        byte[] payload = alone.payload();
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(compressedCase("14.3.1", "Send one compressed binary frame of " + ProbeCommon.size(payload.length)
                        + " that " + what + expect, "10.4", CompressionBeyondAutobahn.PLAIN_OFFER,
                steps(send(compressed(Opcode.BINARY, payload))), expectation(recorded, List.of()), 3));
        // Thousands of fragments where the bomb is large enough: 16 bytes each, fewer for a small stated limit.
        int fragmentSize = Math.max(1, Math.min(16, payload.length / 4096));
        List<Frame> fragments = Cases.compressedFragments(Opcode.BINARY, payload, fragmentSize);
        cases.add(compressedCase("14.3.2", "Send the same " + ProbeCommon.size(payload.length) + ", which " + what
                        + ", in " + ProbeCommon.count(fragments.size()) + " fragments of " + fragmentSize + " bytes (RSV1 on"
                        + " the first)" + expect, "5.4, 10.4",
                CompressionBeyondAutobahn.PLAIN_OFFER, steps(new Step.Send(fragments, Step.Writing.WHOLE)),
                expectation(recorded, List.of()), 3));
        cases.add(compressedCase("14.3.3", "Offer permessage-deflate with context takeover; send "
                        + ProbeCommon.size(CompressionBomb.WINDOW) + " of text as a binary message compressed by the suite's"
                        + " own compressor (expect its echo), then a message of "
                        + ProbeCommon.size(fromWindow.wireSize()) + " with no literal byte of its own that refers back"
                        + " into that window (RFC 7692 §7.2.2: the server MUST decompress it with the window of the last"
                        + " message): it copies 258 bytes from 32,768 back and repeats them to "
                        + ProbeCommon.count(fromWindow.inflatedSize()) + " bytes" + past + expect, "10.4", CompressionBeyondAutobahn.PLAIN_OFFER,
                steps(new Step.SendCompressed(Opcode.BINARY, CompressionBomb.primer(), 0),
                        send(compressed(Opcode.BINARY, fromWindow.payload()))),
                expectation(recorded, List.of(Observed.binary(CompressionBomb.primer()))), 3));
        return cases;
    }

    private static Expectation expectation(boolean recorded, List<Observed> before) {
        return recorded ? Expectation.informational(Expectation.AfterSteps.WAIT_FOR_SERVER_TO_CLOSE)
                : CompressionBeyondAutobahn.closesAfter(before, 1009, 1008);
    }
}
