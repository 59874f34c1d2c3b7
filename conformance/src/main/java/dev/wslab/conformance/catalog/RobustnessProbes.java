package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Expectation.Closer;
import dev.wslab.conformance.CrowdVisit;
import dev.wslab.conformance.HandshakeCheck;
import dev.wslab.conformance.HandshakeCheck.Answer;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.RequestDelivery;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.catalog.StatedLimits.Limit;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.FrameHeader;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static dev.wslab.conformance.catalog.Cases.*;

/**
 * Section 20, robustness probes: abuse a server must survive (huge heads, header floods, slowloris and
 * silent sockets, pathological offers, memory bombs in frame headers, fragment and Ping floods, crowds of
 * aborted connections). Case 20.N is probe RC-N of the project's security research (20.N.M its variants);
 * after each, the {@code ProbeRunner} checks that the server still serves a fresh connection. Probes that
 * use many connections use at most 64 at once, all to the URL under test, and close them before they end.
 *
 * <p>A probe checks either a MUST of RFC 6455 (a miss is FAILED, with the clause) or a {@link ProbePolicy}
 * the RFC leaves to the server (§10.4): such a probe names the value it assumed in its description, checks
 * the server's own value where the user stated it ({@link StatedLimits}), and a miss is UNSAFE.
 */
public final class RobustnessProbes {

    private static final String SECTION = "Robustness";
    private static final int KEY = 0x1b2c3d4e;
    /** The most connections a probe holds at once: enough to exhaust a thread-per-connection pool of 64. */
    private static final int CROWD = 64;
    /** A masked Ping, "desync". */
    private static final byte[] PING = FrameEncoder.encode(Frame.ping(Payload.utf8("desync")).maskedWith(KEY));

    private RobustnessProbes() {
    }

    /** Tells whether a case is one of these probes (section 20), which {@code ProbeRunner} runs one at a time. */
    public static boolean isProbe(ConformanceCase testCase) {
        return testCase.sectionNumber() == 20;
    }

    /** The policy each probe's safe outcome rests on; the probes not listed check MUSTs of RFC 6455 alone. */
    private static final Map<String, ProbePolicy> POLICIES = Map.ofEntries(
            Map.entry("20.1", ProbePolicy.MAX_HEADER_SIZE), Map.entry("20.2", ProbePolicy.MAX_HEADER_SIZE),
            Map.entry("20.3", ProbePolicy.MAX_HEADER_SIZE),
            Map.entry("20.4", ProbePolicy.RESPONSIVENESS), Map.entry("20.5.2", ProbePolicy.RESPONSIVENESS),
            Map.entry("20.7", ProbePolicy.RESPONSIVENESS), Map.entry("20.8", ProbePolicy.RESPONSIVENESS),
            Map.entry("20.9.1", ProbePolicy.RESPONSIVENESS), Map.entry("20.9.2", ProbePolicy.RESPONSIVENESS),
            Map.entry("20.9.3", ProbePolicy.RESPONSIVENESS), Map.entry("20.9.4", ProbePolicy.RESPONSIVENESS),
            Map.entry("20.33", ProbePolicy.RESPONSIVENESS), Map.entry("20.34", ProbePolicy.RESPONSIVENESS),
            Map.entry("20.5.1", ProbePolicy.HANDSHAKE_TIMEOUT), Map.entry("20.6", ProbePolicy.HANDSHAKE_TIMEOUT),
            Map.entry("20.13.1", ProbePolicy.ORIGIN), Map.entry("20.13.2", ProbePolicy.ORIGIN),
            Map.entry("20.13.3", ProbePolicy.ORIGIN),
            Map.entry("20.15", ProbePolicy.MAX_MESSAGE), Map.entry("20.19", ProbePolicy.MAX_MESSAGE),
            Map.entry("20.20", ProbePolicy.MAX_FRAGMENTS), Map.entry("20.21", ProbePolicy.MAX_FRAGMENTS),
            Map.entry("20.22", ProbePolicy.PING_RATE),
            Map.entry("20.23", ProbePolicy.IDLE_TIMEOUT), Map.entry("20.35", ProbePolicy.IDLE_TIMEOUT));

    /** The close codes that tell a stalled or silent peer it was dropped: any that ends a connection. */
    private static final Integer[] DROPPED = {1000, 1001, 1002, 1008, 1009, 1011};

    /** Returns the policy a probe's safe outcome rests on, or empty when it checks MUSTs of RFC 6455 alone. */
    public static Optional<ProbePolicy> policy(ConformanceCase probe) {
        return isProbe(probe) ? Optional.ofNullable(POLICIES.get(probe.id())) : Optional.empty();
    }

    /** Returns the probes, in order, with the default {@link ProbeBounds}. */
    public static List<ConformanceCase> cases() {
        return cases(ProbeBounds.DEFAULTS);
    }

    /** Returns the probes, in order, waiting for the server's own timeouts as {@code bounds} say. */
    public static List<ConformanceCase> cases(ProbeBounds bounds) {
        return cases(bounds, StatedLimits.UNSTATED);
    }

    /**
     * Returns the probes, in order, waiting as {@code bounds} say, and checking the server's limits as
     * {@code limits} state them where they are stated.
     */
    public static List<ConformanceCase> cases(ProbeBounds bounds, StatedLimits limits) {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.addAll(handshakeAbuse(bounds, limits));
        cases.addAll(frameAbuse(bounds, limits));
        cases.addAll(connectionAbuse(bounds, limits));
        cases.sort((a, b) -> ConformanceCase.compareIds(a.id(), b.id()));
        return cases;
    }

    /** Part A of the catalog: the opening handshake and the HTTP layer. */
    private static List<ConformanceCase> handshakeAbuse(ProbeBounds bounds, StatedLimits limits) {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(oversizedHead("20.1", "has a request line with a 64 KiB path (an 8 KiB line limit is common)",
                "GET /".length() + 64 * 1024, head -> head.replaceFirst("^GET /", "GET /" + "a".repeat(64 * 1024)), limits));
        String pad = "X-Pad: " + "p".repeat(1 << 20);
        cases.add(oversizedHead("20.2", "carries one 1 MiB header value (CVE-2023-43669: minutes of CPU per request)",
                pad.length(), OpeningHandshake.addHeader(pad), limits));
        String headers = manyHeaders(10_000);
        cases.add(oversizedHead("20.3", "carries 10,000 distinct short headers (CVE-2024-37890: silent truncation)",
                headers.length(), OpeningHandshake.addHeader(headers), limits));
        cases.add(handshake("20.4", "Send a 12 KiB handshake request (six 2,000-byte X-Pad headers) one byte per write,"
                        + " with TCP_NODELAY (tungstenite CVE-2023-43669: a parser that re-reads the head on every read"
                        + " does quadratic work); expect an answer, 101 or an error, within the connect timeout."
                        + ProbePolicy.RESPONSIVENESS.assumed("an answer within the connect timeout"),
                "4.2.1, 10.4", Duration.ofSeconds(2), new HandshakeCheck("is written one byte per write",
                        OpeningHandshake.addHeader(padding(6, 2000)), new byte[0], Answer.ANY_ANSWER,
                        new RequestDelivery.Chopped(1))));
        Duration handshakePatience = patience(limits.handshakeTimeout(), bounds.handshakePatience());
        Answer closesInTime = limits.handshakeTimeout() instanceof Limit.None ? Answer.RECORDED : Answer.SERVER_CLOSES;
        cases.add(handshake("20.5.1", "Send the request line, then one header line every "
                        + seconds(bounds.trickleInterval()) + ", never the empty line that ends the head (slowloris):"
                        + " expect the server to close the connection, with an error such as 408 or without one, within "
                        + seconds(handshakePatience) + ". Only an absolute handshake deadline does that: an"
                        + " inactivity timer restarts with every line (python-websockets and Netty: 10 s from accept)."
                        + ProbePolicy.HANDSHAKE_TIMEOUT.assumed(timeout(limits.handshakeTimeout(), handshakePatience)),
                "10.4", handshakePatience, new HandshakeCheck("never ends", UnaryOperator.identity(), new byte[0],
                        closesInTime, new RequestDelivery.Trickled(bounds.trickleInterval()))));
        cases.add(testCase("20.5.2", SECTION, "Open " + CROWD + " connections to the URL that each send the first two"
                        + " lines of a handshake request and stall (a slowloris crowd); expect a fresh connection to"
                        + " complete its handshake and echo a message while all of them are held. Then they are closed."
                        + ProbePolicy.RESPONSIVENESS.assumed("a 65th client served while 64 handshakes stall"),
                "10.4", steps(new Step.Crowd(CROWD, CROWD, new CrowdVisit.StalledRequest())),
                Expectation.echo(new Observed.Marker(Step.Crowd.SERVED)), 2));
        cases.add(handshake("20.6", "Open a connection and send nothing: expect the server to close it within "
                        + seconds(handshakePatience) + " (an idle socket before the request is a code path"
                        + " of its own in many servers)."
                        + ProbePolicy.HANDSHAKE_TIMEOUT.assumed(timeout(limits.handshakeTimeout(), handshakePatience)),
                "10.4", handshakePatience, new HandshakeCheck("is never sent", UnaryOperator.identity(), new byte[0],
                        closesInTime, new RequestDelivery.Silent())));
        cases.add(answersInTime(OpeningHandshake.check("20.7", "offers Sec-WebSocket-Protocol: b, 50,000 spaces, x"
                        + " (CVE-2021-32640: a regex that backtracks)", "4.2.1, 10.4",
                OpeningHandshake.addHeader("Sec-WebSocket-Protocol: b" + " ".repeat(50_000) + "x"), Answer.ANY_ANSWER)));
        cases.add(answersInTime(OpeningHandshake.check("20.8", "offers Sec-WebSocket-Extensions: permessage-deflate; a=\" and 50,000 \\c"
                        + " pairs, never closing the quote (CVE-2020-7662/7663: an exponential regex in"
                        + " websocket-extensions)", "9.1, 10.4",
                OpeningHandshake.addHeader("Sec-WebSocket-Extensions: permessage-deflate; a=\"" + "\\c".repeat(50_000)),
                Answer.REJECT_OR_VALID_ACCEPT)));
        cases.add(extensions("20.9.1", "offers 5,000 unknown extensions in one header", offers(5000)));
        cases.add(extensions("20.9.2", "offers one unknown extension with 1,000 parameters", parameters(1000)));
        cases.add(extensions("20.9.3", "offers extensions and parameters named constructor, __proto__ and class (ws"
                + " NSP 550: such names crashed a parser built on a plain object)",
                "constructor, __proto__; constructor=1; class, toString; __proto__=x"));
        cases.add(extensions("20.9.4", "offers permessage-deflate with duplicated parameters, which RFC 7692 §7 says"
                + " a server must decline", "permessage-deflate; server_no_context_takeover; server_no_context_takeover;"
                + " server_max_window_bits=10; server_max_window_bits=11"));
        cases.add(origin("20.13.1", "comes from a foreign page, Origin: https://attacker.invalid, with a Cookie"
                + " (cross-site WebSocket hijacking; Spring CVE-2026-59390)", "https://attacker.invalid"));
        cases.add(origin("20.13.2", "carries Origin: null (a sandboxed frame or a file: page), with a Cookie", "null"));
        cases.add(origin("20.13.3", "comes from the server's own origin, http://<Host>, with a Cookie: the control"
                + " that tells a same-origin policy from refusing every browser", null));
        return cases;
    }

    /** Parts B and C: frame-level memory bombs, floods, and frames a server must refuse. */
    private static List<ConformanceCase> frameAbuse(ProbeBounds bounds, StatedLimits limits) {
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

    /** Part D: the connection's lifecycle, alone and in crowds. */
    private static List<ConformanceCase> connectionAbuse(ProbeBounds bounds, StatedLimits limits) {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(testCase("20.33", SECTION, "Open " + CROWD + " connections, " + CROWD / 4 + " at a time, each sending"
                        + " 90% of a 64 KiB fragmented message and then a TCP reset (§7.2; Tomcat CVE-2024-23672): expect"
                        + " a fresh connection to be served after them, and this one to still echo."
                        + ProbePolicy.RESPONSIVENESS.assumed("clients served after 64 aborted ones"), "7.2, 10.4",
                steps(new Step.Crowd(CROWD, CROWD / 4, new CrowdVisit.AbortMidMessage(
                        fragments(Opcode.TEXT, "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII), 4096), 59_000)),
                        send(text("still served after the aborts"))),
                Expectation.echo(new Observed.Marker(Step.Crowd.SERVED), Observed.text("still served after the aborts")), 2));
        cases.add(testCase("20.34", SECTION, "Open " + CROWD + " connections at once, each sending a 512 KiB message"
                        + " tagged with its own number for echo, then a Close and at once a TCP reset (Tomcat"
                        + " CVE-2022-25762: a buffer released twice sent one connection's data on another): expect a"
                        + " fresh connection to be served after them, and this one to receive its own tag only."
                        + ProbePolicy.RESPONSIVENESS.assumed("clients served, each with its own data only, after 64 closes"
                        + " raced with echoes"), "7.2, 10.4",
                steps(new Step.Crowd(CROWD, CROWD, new CrowdVisit.CloseRacingEcho(512 * 1024)),
                        send(text("[tag of the survivor]"))),
                Expectation.echo(new Observed.Marker(Step.Crowd.SERVED), Observed.text("[tag of the survivor]")), 2));
        boolean idleTimeoutStated = limits.idleTimeout() instanceof Limit.AtMost;
        Duration idlePatience = patience(limits.idleTimeout(), bounds.idlePatience());
        cases.add(testCase("20.35", SECTION, "Stop answering Pings and Close frames while TCP stays up (a dead peer"
                        + " behind a NAT): expect the server to notice and close, within " + seconds(idlePatience)
                        + " (python-websockets: a Ping every 20 s, dead 20 s later); " + (idleTimeoutStated
                        ? "judged, as an idle timeout is stated." : "informational, as §5.5.2 makes the Ping a keepalive"
                        + " but requires none.") + ProbePolicy.IDLE_TIMEOUT.assumed(idleTimeoutStated
                        ? timeout(limits.idleTimeout(), idlePatience) : "none: what the server does is recorded"), "5.5.2",
                steps(new Step.Mute()), idleTimeoutStated ? Expectation.closes(Closer.SERVER, DROPPED)
                        : Expectation.informational(Expectation.AfterSteps.WAIT_FOR_SERVER_TO_CLOSE),
                idlePatience.toMillis() / 1000.0));
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

    /**
     * A request whose head is {@code addedBytes} larger than usual: over the server's head limit, the server
     * must refuse it (or close); within a stated limit, any timely answer will do.
     */
    private static ConformanceCase oversizedHead(String id, String change, int addedBytes, UnaryOperator<String> edit,
                                                 StatedLimits limits) {
        boolean within = switch (limits.maxHeaderSize()) {
            case Limit.Unstated<Long> unstated -> false;
            case Limit.None<Long> none -> true;
            case Limit.AtMost<Long> stated -> stated.value() >= addedBytes;
        };
        String assumption = switch (limits.maxHeaderSize()) {
            case Limit.Unstated<Long> unstated -> "below this request's " + size(addedBytes) + " of extra head";
            case Limit.None<Long> none -> "none, as stated, so any timely answer will do";
            case Limit.AtMost<Long> stated -> "as stated, " + size(stated.value()) + (within
                    ? ", which this request's " + size(addedBytes) + " of extra head may fit, so any timely answer will do"
                    : ", below this request's " + size(addedBytes) + " of extra head");
        };
        ConformanceCase check = OpeningHandshake.check(id, change, "4.2.1, 10.4", edit,
                within ? Answer.ANY_ANSWER : Answer.REJECT_OR_CLOSE);
        return withDescription(check, check.description() + ProbePolicy.MAX_HEADER_SIZE.assumed(assumption));
    }

    /** A handshake probe whose RFC check comes with a time limit: a miss of the time is UNSAFE, not FAILED. */
    private static ConformanceCase answersInTime(ConformanceCase check) {
        return withDescription(check, check.description()
                + ProbePolicy.RESPONSIVENESS.assumed("an answer within the connect timeout"));
    }

    private static ConformanceCase withDescription(ConformanceCase c, String description) {
        return new ConformanceCase(c.id(), c.section(), description, c.rfcSections(), c.steps(), c.expectation(),
                c.deadline(), c.deviation(), c.handshake());
    }

    /** How long a probe waits for a server's timeout: the assumed one, or the stated one and half as long again. */
    private static Duration patience(Limit<Duration> stated, Duration assumed) {
        return switch (stated) {
            case Limit.Unstated<Duration> unstated -> assumed;
            // Nothing to wait for: the probe records that the connection stays open.
            case Limit.None<Duration> none -> Duration.ofSeconds(2);
            case Limit.AtMost<Duration> timeout -> timeout.value().plus(
                    max(timeout.value().dividedBy(2), Duration.ofSeconds(1)));
        };
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String timeout(Limit<Duration> stated, Duration patience) {
        return switch (stated) {
            case Limit.Unstated<Duration> unstated -> "at most " + seconds(patience);
            case Limit.None<Duration> none -> "none, as stated: the probe records that the connection stays open";
            case Limit.AtMost<Duration> timeout -> "as stated, " + seconds(timeout.value()) + " (the probe waits "
                    + seconds(patience) + ")";
        };
    }

    /** How many bytes the message flood sends: the bounds' flood, or 64 KiB more than a stated limit. */
    private static int floodBytes(Limit<Long> maxMessage, int assumed) {
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
    private static boolean over(Limit<Long> limit, long amount) {
        return limit instanceof Limit.AtMost<Long> stated && stated.value() < amount;
    }

    private static String fragmentLimit(StatedLimits limits, boolean over) {
        if (!(limits.maxFragments() instanceof Limit.AtMost<Long> stated)) {
            return (over ? "unknown, but the stated message limit is crossed, so the server must close"
                    : "unknown, so closing (1008, 1009) and waiting are both safe");
        }
        return "as stated, " + count(stated.value()) + (over ? ", which the probe crosses, so the server must close"
                : ", which the probe does not cross, so waiting is safe");
    }

    private static ConformanceCase handshake(String id, String description, String rfc, Duration deadline,
                                             HandshakeCheck check) {
        return new ConformanceCase(id, SECTION, description, List.of(rfc.split(",\\s*")), List.of(), Expectation.echo(),
                deadline, "", Optional.of(check));
    }

    private static ConformanceCase extensions(String id, String change, String value) {
        return answersInTime(OpeningHandshake.check(id, change + " (RFC 6455 §9.1: the server picks from the offer, or"
                + " nothing)", "4.2.2, 9.1", OpeningHandshake.addHeader("Sec-WebSocket-Extensions: " + value),
                Answer.REJECT_OR_VALID_ACCEPT));
    }

    /** A case recording the answer to a request from {@code origin}; null for the target's own origin. */
    private static ConformanceCase origin(String id, String change, String origin) {
        UnaryOperator<String> edit = head -> {
            String withoutOrigin = head.replaceAll("(?im)^Origin:[^\r]*\r\n", "");
            String value = origin != null ? origin : "http://" + hostOf(head);
            return OpeningHandshake.addHeader("Origin: " + value + "\r\nCookie: session=wslab-probe").apply(withoutOrigin);
        };
        return OpeningHandshake.check(id, change + "; RFC 6455 §10.2 leaves the policy to the server, so the answer is"
                + " recorded: 403 protects browser users' cookies, 101 suits non-browser clients", "4.2.2, 10.2", edit,
                Answer.RECORDED);
    }

    private static String hostOf(String head) {
        java.util.regex.Matcher host = java.util.regex.Pattern.compile("(?im)^Host:\\s*([^\r]*)\r\n").matcher(head);
        return host.find() ? host.group(1).strip() : "localhost";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** A size in words: 16 MiB, 64 KiB, or 1,234 bytes. */
    private static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? (bytes >> 10) + " KiB" : count(bytes) + " bytes";
    }

    private static String count(long amount) {
        return String.format(java.util.Locale.ROOT, "%,d", amount);
    }

    private static String padding(int headers, int bytes) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < headers; i++) {
            lines.append(i == 0 ? "" : "\r\n").append("X-Pad-").append(i).append(": ").append("p".repeat(bytes));
        }
        return lines.toString();
    }

    private static String offers(int count) {
        StringBuilder offers = new StringBuilder();
        for (int i = 0; i < count; i++) {
            offers.append(i == 0 ? "" : ", ").append("x-wslab-").append(i);
        }
        return offers.toString();
    }

    private static String parameters(int count) {
        StringBuilder offer = new StringBuilder("x-wslab");
        for (int i = 0; i < count; i++) {
            offer.append("; p").append(i).append('=').append(i);
        }
        return offer.toString();
    }

    private static Step raw(byte[] bytes) {
        return new Step.SendRaw(Payload.of(bytes), Step.Writing.WHOLE);
    }

    /** A masked frame header announcing {@code length} payload bytes. */
    private static byte[] header(int opcode, long length) {
        return FrameEncoder.encodeHeader(new FrameHeader(true, false, false, false, opcode, true, KEY, length));
    }

    private static byte[] headerWithMsb() {
        return concat(new byte[] {(byte) 0x82, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 0}, key());
    }

    private static byte[] key() {
        return new byte[] {(byte) (KEY >>> 24), (byte) (KEY >>> 16), (byte) (KEY >>> 8), (byte) KEY};
    }

    /** {@code text} masked with {@link #KEY} as the payload starting at {@code offset} of a frame. */
    private static byte[] maskedText(String text, long offset) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        dev.wslab.protocol.frame.Masking.apply(bytes, 0, bytes.length, KEY, offset);
        return bytes;
    }

    private static String manyHeaders(int count) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append(i == 0 ? "" : "\r\n").append("X-H").append(i).append(": ").append(i);
        }
        return lines.toString();
    }
}
