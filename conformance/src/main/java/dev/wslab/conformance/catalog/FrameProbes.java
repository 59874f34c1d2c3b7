package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Expectation.Closer;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.catalog.StatedLimits.Limit;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.wslab.conformance.catalog.Cases.*;
import static dev.wslab.conformance.catalog.ProbeCommon.*;

/**
 * Parts B and C of the robustness probes (section 20): frame-level memory bombs, floods, and frames a server
 * must refuse.
 */
final class FrameProbes {

    private FrameProbes() {
    }

    /** Parts B and C: frame-level memory bombs, floods, and frames a server must refuse. */
    static List<ConformanceCase> cases(ProbeBounds bounds, StatedLimits limits) {
        List<ConformanceCase> cases = new ArrayList<>();
        boolean messageLimitStated = limits.maxMessage() instanceof Limit.AtMost;
        cases.add(testCase("20.15", SECTION, "Send a binary frame header announcing 2^63-1 bytes and 16 of them, then stall:"
                        + " expect 1009 or 1002" + (messageLimitStated ? " (a message limit is stated, so waiting is not"
                        + " enough)" : ", or the server to wait") + "; never an allocation from the announced length (the"
                        + " liveness check afterwards)." + ProbePolicy.MAX_MESSAGE.assumed(switch (limits.maxMessage()) {
                            case Limit.AtMost<Long> stated -> "as stated, " + size(stated.value()) + ", below 2^63-1,"
                                    + " so the server must close";
                            default -> "unknown, so closing (1009) and waiting are both safe";
                        }), "5.2, 10.4",
                steps(raw(concat(header(0x2, Long.MAX_VALUE), new byte[16]))),
                Expectation.closes(messageLimitStated ? Closer.SERVER : Closer.SERVER_OR_SUITE, 1009, 1002), 2));
        cases.add(testCase("20.16", SECTION, "Send a frame whose 64-bit length has its most significant bit set"
                        + " (Tomcat CVE-2020-13935: an infinite loop); expect 1002.", "5.2",
                steps(raw(headerWithMsb())), Expectation.closes(Closer.SERVER, 1002), 2));
        byte[] ping = PING;
        cases.add(testCase("20.17", SECTION, "Send a text frame announcing 2^32+5 bytes, 'hello', then the bytes of a Ping:"
                        + " those bytes are payload, not a frame (32-bit truncation bugs); expect no Pong and no echo.",
                "5.2", steps(raw(concat(header(0x1, (1L << 32) + 5), maskedText("hello", 0), ping))),
                Expectation.closes(Closer.SERVER_OR_SUITE, 1009), 2));
        byte[] nonMinimal = concat(new byte[] {(byte) 0x81, (byte) (0x80 | 126), 0x00, 0x05}, key(),
                maskedText("hello", 0));
        cases.add(testCase("20.18", SECTION, "Send 'hello' with its length in the 16-bit form (§5.2: the minimal form"
                        + " MUST be used): expect 1002 from a strict server, the echo from a lenient one; informational.",
                "5.2",
                steps(raw(nonMinimal)), Expectation.informational(Expectation.AfterSteps.WAIT_FOR_SERVER_TO_CLOSE), 2));
        byte[] block = new byte[4096];
        java.util.Arrays.fill(block, (byte) 'a');
        int floodBytes = floodBytes(limits.maxMessage(), bounds.floodBytes());
        String floodSize = size(floodBytes);
        cases.add(testCase("20.19", SECTION, "Send a text message in 4 KiB fragments, " + floodSize + " in all and never"
                        + " finished (§10.4: a 'long stream of small frames'): expect 1009 (or 1008) once the server's"
                        + " message limit is crossed; a server that buffers all " + floodSize + " and waits for more is"
                        + " unsafe." + ProbePolicy.MAX_MESSAGE.assumed(switch (limits.maxMessage()) {
                            case Limit.Unstated<Long> unstated -> "below " + floodSize;
                            case Limit.None<Long> none -> "none, as stated: what the server does is recorded";
                            case Limit.AtMost<Long> stated -> "as stated, " + size(stated.value())
                                    + " (the probe sends " + floodSize + ")";
                        }),
                "5.4, 10.4", steps(send(notFinal(textBytes(block))), new Step.Repeat(Frame.continuation(Payload.of(block),
                        false), floodBytes / block.length - 1)),
                limits.maxMessage() instanceof Limit.None ? Expectation.informational(Expectation.AfterSteps.WAIT_FOR_SERVER_TO_CLOSE)
                        : Expectation.closes(Closer.SERVER, 1009, 1008), 2));
        // A message of floodFragments bytes, in as many fragments: over a stated limit of either, the server must close.
        boolean overFragmentLimit = over(limits.maxFragments(), bounds.floodFragments() + 1L)
                || over(limits.maxMessage(), bounds.floodFragments() + 1L);
        cases.add(testCase("20.20", SECTION, "Send a non-final text frame, then " + count(bounds.floodFragments())
                        + " one-byte non-final continuations, never the end (ws CVE-2026-48779,"
                        + " Netty CVE-2014-0193): expect a close (1008, 1009)" + (overFragmentLimit ? "" : " or the server to"
                        + " wait") + ", with memory for the bytes, not per fragment, and still serve others."
                        + ProbePolicy.MAX_FRAGMENTS.assumed(fragmentLimit(limits, overFragmentLimit)),
                "5.4, 10.4", steps(send(notFinal(text("a"))), new Step.Repeat(Frame.continuation(Payload.utf8("a"), false),
                        bounds.floodFragments())), Expectation.closes(overFragmentLimit ? Closer.SERVER : Closer.SERVER_OR_SUITE, 1008, 1009), 2));
        boolean overEmptyFragmentLimit = over(limits.maxFragments(), 100_001);
        cases.add(testCase("20.21", SECTION, "Send a non-final text frame, then 100,000 empty non-final continuations and"
                        + " never the end (ws #2329, HTTP/2 CVE-2019-9518): expect the server to " + (overEmptyFragmentLimit
                        ? "close (1008, 1009)" : "wait or close (1008, 1009)") + " and still serve others (the liveness"
                        + " check)" + (overEmptyFragmentLimit ? "." : "; informational otherwise.")
                        + ProbePolicy.MAX_FRAGMENTS.assumed(fragmentLimit(limits, overEmptyFragmentLimit)), "5.4, 10.4",
                steps(send(notFinal(text("start"))), new Step.Repeat(Frame.continuation(Payload.EMPTY, false), 100_000)),
                overEmptyFragmentLimit ? Expectation.closes(Closer.SERVER, 1008, 1009)
                        : Expectation.informational(Expectation.AfterSteps.WAIT_FOR_SERVER_TO_CLOSE), 2));
        int pings = bounds.floodFragments() / 10;
        cases.add(testCase("20.22", SECTION, "Stop reading, send " + String.format(java.util.Locale.ROOT, "%,d", pings)
                        + " Pings of 125 bytes, then read again (HTTP/2"
                        + " CVE-2019-9512, Undertow CVE-2021-3690): expect the server to stop reading (the suite's writes"
                        + " block), to close (1008), or to answer only the newest Ping (§5.5.3), and to serve others;"
                        + " informational, with the liveness check."
                        + ProbePolicy.PING_RATE.assumed("none: every outcome above is recorded"), "5.5.2, 5.5.3, 10.4",
                steps(new Step.StopReading(), new Step.Repeat(Frame.ping(Payload.of(new byte[125])), Math.max(1, pings)),
                        new Step.ResumeReading()),
                Expectation.informational(Expectation.AfterSteps.CLOSE_NORMALLY), 2));
        Duration idlePatience = patience(limits.idleTimeout(), bounds.idlePatience());
        boolean noIdleTimeout = limits.idleTimeout() instanceof Limit.None;
        cases.add(testCase("20.23", SECTION, "Send a frame header announcing 1,000 bytes and 10 of them, then nothing"
                        + " (the data dribble of HTTP/2 CVE-2019-9511): expect the server to close the connection"
                        + " within " + seconds(idlePatience) + ", by an idle timeout or a keepalive the"
                        + " stalled suite cannot answer." + ProbePolicy.IDLE_TIMEOUT.assumed(timeout(limits.idleTimeout(),
                        idlePatience)), "5.5.2, 10.4",
                steps(raw(concat(header(0x2, 1000), new byte[10]))),
                noIdleTimeout ? Expectation.informational(Expectation.AfterSteps.WAIT_FOR_SERVER_TO_CLOSE)
                        : Expectation.closes(Closer.SERVER, DROPPED), idlePatience.toMillis() / 1000.0));
        cases.add(unmaskedFrame("20.24", SECTION, "Send an unmasked text frame, then a Ping: expect 1002, as a server MUST"
                + " close on an unmasked frame (§5.1), and no Pong, as it MUST NOT go on after failing (§7.1.7)."));
        cases.add(testCase("20.27", SECTION, "Send a frame with the reserved opcode 0x3 announcing a 1 GiB payload and"
                        + " 1 KiB of it (Jetty CVE-2026-19204): expect 1002, decided at the header, nothing buffered.",
                "5.2", steps(raw(concat(header(0x3, 1L << 30), new byte[1024]))), Expectation.closes(Closer.SERVER, 1002), 2));
        byte[] fragment = new byte[64 * 1024];
        java.util.Arrays.fill(fragment, (byte) 'a');
        byte[] bad = fragment.clone();
        bad[1000] = (byte) 0xC0; // can never start valid UTF-8
        cases.add(testCase("20.29", SECTION, "Send a 10 x 64 KiB text message whose 2nd fragment holds an invalid byte,"
                        + " pausing after each fragment: expect 1007 before the 3rd fragment is sent (marker B).", "8.1",
                steps(send(notFinal(Frame.of(Opcode.TEXT, Payload.of(fragment)))), marker("A"),
                        send(Frame.continuation(Payload.of(bad), false)), pause(1), marker("B"),
                        send(Frame.continuation(Payload.of(fragment), true))),
                Expectation.fails(1007, new dev.wslab.conformance.Observed.Marker("A")), 2));
        return cases;
    }

    /**
     * The unmasked frame a server MUST close the connection on (§5.1), then a Ping it MUST NOT answer: probe
     * 20.24, and case 0.18 of the default catalog.
     */
    static ConformanceCase unmaskedFrame(String id, String section, String description) {
        return testCase(id, section, description, "5.1, 7.1.7",
                steps(raw(concat(FrameEncoder.encode(Frame.text("unmasked")), PING))), Expectation.closes(Closer.SERVER, 1002), 2);
    }

    /** How many bytes the message flood sends: the bounds' flood, or 64 KiB more than a stated limit. */
    static int floodBytes(Limit<Long> maxMessage, int assumed) {
        if (!(maxMessage instanceof Limit.AtMost<Long> stated)) {
            return assumed;
        }
        if (stated.value() > 1L << 30) {
            throw new IllegalArgumentException("a stated message limit above 1 GiB cannot be probed: "
                    + size(stated.value()));
        }
        long blocks = stated.value() / 4096 + 16;
        return (int) (blocks * 4096);
    }

    /** Tells whether {@code amount} is over a stated limit. */
    static boolean over(Limit<Long> limit, long amount) {
        return limit instanceof Limit.AtMost<Long> stated && stated.value() < amount;
    }

    static String fragmentLimit(StatedLimits limits, boolean over) {
        if (!(limits.maxFragments() instanceof Limit.AtMost<Long> stated)) {
            return (over ? "unknown, but the stated message limit is crossed, so the server must close"
                    : "unknown, so closing (1008, 1009) and waiting are both safe");
        }
        return "as stated, " + count(stated.value()) + (over ? ", which the probe crosses, so the server must close"
                : ", which the probe does not cross, so waiting is safe");
    }
}
