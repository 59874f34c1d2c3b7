package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Section 20, robustness probes: abuse a server must survive (huge heads, header floods, slowloris and
 * silent sockets, pathological offers, memory bombs in frame headers, fragment and Ping floods, crowds of
 * aborted connections, decompression bombs). Case 20.N is probe RC-N of the project's security research
 * (20.N.M its variants); after each, the {@code ProbeRunner} checks that the server still serves a fresh
 * connection. Probes that use many connections use at most 64 at once, all to the URL under test, and close
 * them before they end. The decompression bombs offer permessage-deflate and need the server to accept it.
 *
 * <p>A probe checks either a MUST of RFC 6455 (a miss is FAILED, with the clause) or a {@link ProbePolicy}
 * the RFC leaves to the server (§10.4): such a probe names the value it assumed in its description, checks
 * the server's own value where the user stated it ({@link StatedLimits}), and a miss is UNSAFE.
 */
public final class RobustnessProbes {

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
            Map.entry("20.36", ProbePolicy.MAX_MESSAGE), Map.entry("20.37.1", ProbePolicy.MAX_MESSAGE),
            Map.entry("20.37.2", ProbePolicy.MAX_MESSAGE),
            Map.entry("20.20", ProbePolicy.MAX_FRAGMENTS), Map.entry("20.21", ProbePolicy.MAX_FRAGMENTS),
            Map.entry("20.22", ProbePolicy.PING_RATE),
            Map.entry("20.23", ProbePolicy.IDLE_TIMEOUT), Map.entry("20.35", ProbePolicy.IDLE_TIMEOUT));

    /**
     * Returns the policy a probe's safe outcome rests on, or empty when it checks MUSTs of RFC 6455 alone; outside
     * the probes, the decompression bombs of section 14 rest on one too.
     */
    public static Optional<ProbePolicy> policy(ConformanceCase probe) {
        return isProbe(probe) ? Optional.ofNullable(POLICIES.get(probe.id())) : CompressionBeyondAutobahn.policy(probe);
    }

    /**
     * Tells whether a probe needs the server to keep the window of the suite's messages (RFC 7692 §7.2.2):
     * the bomb across messages, which does not apply where the server agreed client_no_context_takeover.
     */
    public static boolean needsClientContextTakeover(ConformanceCase probe) {
        return isProbe(probe) && probe.id().equals(CompressionProbes.ACROSS_MESSAGES);
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
        cases.addAll(HandshakeProbes.cases(bounds, limits));
        cases.addAll(FrameProbes.cases(bounds, limits));
        cases.addAll(ConnectionProbes.cases(bounds, limits));
        cases.addAll(CompressionProbes.cases(bounds, limits));
        cases.sort((a, b) -> ConformanceCase.compareIds(a.id(), b.id()));
        return cases;
    }
}
