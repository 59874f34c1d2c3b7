package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.deflate.ServerOutputCheck;
import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.deflate.MessageDeflater;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Section 14, compression beyond Autobahn: what sections 12 and 13 never check, since they only see echoes
 * round-trip. 14.1 how a server answers invalid permessage-deflate offers, 14.2 compressed frames it must
 * fail the connection on, 14.3 decompression bombs, 14.4 encodings it must accept, 14.5 what it sends. Each
 * case cites RFC 7692 (and RFC 6455) in its description: FAILED only for a MUST or MUST NOT, what RFC 7692
 * leaves open INFORMATIONAL, and a size limit, the server's policy (RFC 6455 §10.4), at worst UNSAFE.
 */
public final class CompressionBeyondAutobahn {

    static final String SECTION = "Compression beyond Autobahn";
    /** The plainest offer, as Firefox makes it (RFC 7692 §7): every parameter left to the server. */
    static final String PLAIN_OFFER = "permessage-deflate";

    /** The cases that check the server's own compressed messages, and what they check. */
    private static final Map<String, ServerOutputCheck> OUTPUT_CHECKS = Map.of(
            "14.5.1", ServerOutputCheck.COMPRESSES, "14.5.2", ServerOutputCheck.NO_CONTEXT_TAKEOVER,
            "14.5.3", ServerOutputCheck.CONTEXT_TAKEOVER, "14.5.4", ServerOutputCheck.WINDOW);

    /** The decompression bombs, which rest on the server's message limit. */
    private static final Set<String> BOMBS = Set.of("14.3.1", "14.3.2", "14.3.3");

    private CompressionBeyondAutobahn() {
    }

    /** Returns the section's cases, in id order, the bombs of 14.3 sized for the limit the probes assume. */
    public static List<ConformanceCase> cases() {
        return cases(StatedLimits.UNSTATED);
    }

    /**
     * Returns the section's cases, in id order, the bombs of 14.3 sized for the server's message limit where
     * {@code limits} state it.
     */
    public static List<ConformanceCase> cases(StatedLimits limits) {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.addAll(DeflateOffers.cases());
        cases.addAll(CompressedFraming.cases());
        cases.addAll(DeflateBombs.cases(limits));
        cases.addAll(CompressedEncodings.cases());
        cases.addAll(CompressedOutput.cases());
        return List.copyOf(cases);
    }

    /** Returns what a case checks in the server's compressed messages, when it is one of 14.5.x. */
    public static Optional<ServerOutputCheck> outputCheck(ConformanceCase testCase) {
        return Optional.ofNullable(OUTPUT_CHECKS.get(testCase.id()));
    }

    /** Returns the policy a case of this section rests on: the bombs of 14.3 rest on the server's message limit. */
    public static Optional<ProbePolicy> policy(ConformanceCase testCase) {
        return BOMBS.contains(testCase.id()) ? Optional.of(ProbePolicy.MAX_MESSAGE) : Optional.empty();
    }

    // ---------------------------------------------------------------- the section's vocabulary

    /** A case on a connection that offers {@code offer} first (empty: none). */
    static ConformanceCase compressedCase(String id, String description, String rfc6455Sections, String offer,
                                          List<Step> steps, Expectation expectation, double seconds) {
        ConformanceCase plain = new ConformanceCase(id, SECTION, description, Arrays.asList(rfc6455Sections.split(",\\s*")),
                steps, expectation, Duration.ofMillis((long) (seconds * 1000)), "", Optional.empty());
        return offer.isEmpty() ? plain : plain.withOffer(offer);
    }

    /** Returns {@code message} compressed as one message on a fresh context (RFC 7692 §7.2.1). */
    static byte[] deflated(byte[] message) {
        try (MessageDeflater deflater = new MessageDeflater(DirectionSettings.DEFAULT, -1)) {
            return deflater.compress(message);
        }
    }

    /** The server must fail the connection, with one of {@code codes}; without a code is NON-STRICT (§7.1.7). */
    static Expectation failsWith(Integer... codes) {
        return new Expectation(List.of(), List.of(), Optional.empty(), Expectation.Judging.JUDGED,
                Expectation.AfterSteps.WAIT_FOR_SERVER_TO_CLOSE, new Expectation.CloseExpectation(Set.of(codes),
                Expectation.WithoutCode.NON_STRICT, Expectation.Ending.CLOSE_OR_DROP, Expectation.Closer.SERVER,
                Expectation.IfServerWaits.CLOSE_FAILS));
    }

    /** The server sends {@code events}, then closes with one of {@code codes} or drops the connection. */
    static Expectation closesAfter(List<Observed> events, Integer... codes) {
        Expectation closes = Expectation.closes(Expectation.Closer.SERVER, codes);
        return new Expectation(events, List.of(), Optional.empty(), closes.judging(), closes.afterSteps(), closes.close());
    }

    static Observed text(String text) {
        return Observed.text(text);
    }
}
