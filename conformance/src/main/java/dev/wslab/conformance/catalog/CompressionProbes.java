package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Expectation.Closer;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.catalog.CompressionBomb.Opening;
import dev.wslab.conformance.catalog.StatedLimits.Limit;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.util.List;
import java.util.Optional;

import static dev.wslab.conformance.catalog.Cases.*;
import static dev.wslab.conformance.catalog.ProbeCommon.*;

/**
 * Part E of the robustness probes (section 20): decompression bombs (RC-36, RC-37). Each offers
 * permessage-deflate and needs the server to accept it (else UNIMPLEMENTED, RFC 7692 §5 lets it decline);
 * each sends a {@link CompressionBomb}, built once and by hand, that inflates past the server's message
 * limit (§10.4 of RFC 6455: the limit is the server's policy, so a miss is UNSAFE).
 */
final class CompressionProbes {

    /** The offer: plain, as Firefox sends it, so context is taken over both ways unless the server says not. */
    static final String OFFER = "permessage-deflate";

    /** The bomb across messages, which needs the server to keep the window of the message before. */
    static final String ACROSS_MESSAGES = "20.37.2";

    private CompressionProbes() {
    }

    /** Part E: decompression bombs in one frame, over thousands of fragments, and across messages. */
    static List<ConformanceCase> cases(ProbeBounds bounds, StatedLimits limits) {
        int target = FrameProbes.floodBytes(limits.maxMessage(), bounds.floodBytes());
        String limit = switch (limits.maxMessage()) {
            case Limit.Unstated<Long> unstated -> "below " + size(target);
            case Limit.None<Long> none -> "none, as stated: what the server does is recorded";
            case Limit.AtMost<Long> stated -> "as stated, " + size(stated.value()) + " (the bombs inflate past "
                    + size(target) + ")";
        };
        String assumed = ProbePolicy.MAX_MESSAGE.assumed(limit + "; inflated bytes count, not the compressed ones");
        boolean recordOnly = limits.maxMessage() instanceof Limit.None;
        CompressionBomb alone = CompressionBomb.inflatingPast(target, Opening.LITERAL);
        CompressionBomb fromWindow = CompressionBomb.inflatingPast(target, Opening.FROM_WINDOW);
        String expect = "expect 1009 (or 1008, or a dropped connection) before the rest is inflated, and a"
                + " fresh connection served after it (the liveness check).";
        return List.of(
                bomb("20.36", "Send one compressed binary message of " + size(alone.wireSize()) + " in one frame"
                        + " that inflates to " + size(alone.inflatedSize()) + " of 'a' (1,032 bytes per byte, DEFLATE's"
                        + " best ratio; python-websockets CVE-2018-1000518, undici CVE-2026-1526): " + expect + assumed,
                        steps(send(compressed(Opcode.BINARY, alone.payload()))), recordOnly, Optional.empty()),
                bomb("20.37.1", "Send the same bomb as " + count(alone.zeroBytes() + 2L) + " fragments, each"
                        + " continuation one byte that inflates to 1,032 bytes, under any limit counted per frame (Netty's"
                        + " maxAllocation bounds one frame): only a limit on the message's inflated bytes stops it; "
                        + expect + assumed,
                        steps(send(notFinal(compressed(Opcode.BINARY, alone.start()))),
                                new Step.Repeat(Frame.continuation(Payload.of(new byte[1]), false), alone.zeroBytes()),
                                send(Frame.continuation(Payload.of(alone.end()), true))),
                        recordOnly, Optional.empty()),
                bomb(ACROSS_MESSAGES, "Across messages, with context takeover (RFC 7692 §7.1.1.2): send a text"
                        + " message of 32 KiB, compressed by the suite's own compressor, which must come back; then a"
                        + " binary message of " + size(fromWindow.wireSize()) + " with no literal byte of its own: it"
                        + " copies 258 bytes from 32,768 back, out of the first message, and repeats them to "
                        + size(fromWindow.inflatedSize()) + "; " + expect + " Why this is the bomb across messages:"
                        + " what carries over from one message to the next is only the window, at most 32 KiB, and a"
                        + " back-reference copies at most 258 bytes, so messages cannot add up to one bomb, nor does a"
                        + " later one expand by more than DEFLATE's 1,032:1. Each message is limited on its own, and"
                        + " this one, made of references into the window, must be stopped like a lone one. A server"
                        + " that lost its window fails the message as corrupt (1002, 1007): WRONG CODE." + assumed,
                        steps(new Step.SendCompressed(Opcode.TEXT, CompressionBomb.primer(), 0),
                                send(compressed(Opcode.BINARY, fromWindow.payload()))),
                        recordOnly, Optional.of(new Observed.Text(CompressionBomb.primer()))));
    }

    private static ConformanceCase bomb(String id, String description, List<Step> steps, boolean recordOnly,
                                        Optional<Observed> before) {
        Expectation closes = Expectation.closes(Closer.SERVER, 1009, 1008);
        Expectation expectation = recordOnly ? Expectation.informational(Expectation.AfterSteps.WAIT_FOR_SERVER_TO_CLOSE)
                : new Expectation(before.stream().toList(), List.of(), Optional.empty(), Expectation.Judging.JUDGED,
                        closes.afterSteps(), closes.close());
        return testCase(id, SECTION, description, "10.4", steps, expectation, 2)
                .withOffer(OFFER);
    }
}
