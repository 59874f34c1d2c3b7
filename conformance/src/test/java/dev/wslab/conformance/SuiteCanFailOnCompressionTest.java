package dev.wslab.conformance;

import dev.wslab.conformance.FlawedDeflateFront.Flaw;
import dev.wslab.conformance.catalog.AutobahnCatalog;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.run.ConformanceRunner;
import dev.wslab.conformance.wire.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compression cases (section 14) can fail: each flaw of {@link FlawedDeflateFront}, wslab's reference
 * server with one permessage-deflate flaw of real servers switched in, changes the verdicts of exactly the
 * cases for that rule, FAILED for a MUST of RFC 7692 and UNSAFE for the missing limit, the server's policy.
 */
@DisplayName("the suite fails a server that breaks a rule of RFC 7692, in the cases for that rule only")
class SuiteCanFailOnCompressionTest {

    private static final List<ConformanceCase> CASES = AutobahnCatalog.compressionBeyondAutobahn();
    private static Map<String, Verdict> flawless;

    @BeforeAll
    static void runAgainstTheFlawlessFront() throws Exception {
        flawless = verdicts(Optional.empty());
    }

    @Test
    @DisplayName("through the front without a flaw, the reference server is OK but where RFC 7692 leaves the outcome open")
    void flawlessFront() {
        Map<String, Verdict> notOk = new TreeMap<>(flawless);
        notOk.values().removeIf(verdict -> verdict == Verdict.OK);
        assertThat(notOk).isEqualTo(Map.of("14.2.8", Verdict.INFORMATIONAL, "14.5.1", Verdict.INFORMATIONAL,
                "14.5.3", Verdict.INFORMATIONAL));
    }

    @ParameterizedTest
    @EnumSource(Flaw.class)
    void eachFlawChangesExactlyTheCasesOfItsRule(Flaw flaw) throws Exception {
        Map<String, Verdict> changed = new TreeMap<>();
        verdicts(Optional.of(flaw)).forEach((id, verdict) -> {
            if (verdict != flawless.get(id)) {
                changed.put(id, verdict);
            }
        });
        assertThat(changed).as("cases whose verdict changed with " + flaw).isEqualTo(expectedChanges(flaw));
    }

    /** What each flaw must change, written out from the rule it breaks. */
    private static Map<String, Verdict> expectedChanges(Flaw flaw) {
        return switch (flaw) {
            // RFC 7692 §6.1: the receiver MUST fail the connection; the one case that sends RSV1 on a continuation
            case ACCEPTS_COMPRESSED_CONTINUATIONS -> Map.of("14.2.1", Verdict.FAILED);
            // RFC 6455 §10.4: the limit is the server's; a bomb inflated in full is UNSAFE, not FAILED
            case NO_INFLATION_LIMIT -> Map.of("14.3.1", Verdict.UNSAFE, "14.3.2", Verdict.UNSAFE, "14.3.3", Verdict.UNSAFE);
            // RFC 7692 §7.2.1 MUST: seen only in the server's own output
            case KEEPS_CONTEXT_AFTER_AGREEING_NOT_TO -> Map.of("14.5.2", Verdict.FAILED);
            // RFC 7692 §7.2.1 MUST NOT: 14.1.11's answer (=10, as offered) stays valid; the window is seen in 14.5.4
            case IGNORES_AGREED_WINDOW -> Map.of("14.5.4", Verdict.FAILED);
            // RFC 7692 §7 MUST decline: every request with an invalid offer, and only those (not 14.1.10, 14.1.11)
            case REFUSES_INVALID_OFFERS -> ids(Verdict.FAILED, "14.1.1", "14.1.2", "14.1.3", "14.1.4", "14.1.5",
                    "14.1.6", "14.1.7", "14.1.8", "14.1.9");
        };
    }

    private static Map<String, Verdict> ids(Verdict verdict, String... ids) {
        Map<String, Verdict> map = new TreeMap<>();
        for (String id : ids) {
            map.put(id, verdict);
        }
        return map;
    }

    /** The words of the clause each flaw's changed cases must cite in their reason. */
    private static String cited(Flaw flaw) {
        return switch (flaw) {
            case ACCEPTS_COMPRESSED_CONTINUATIONS -> "§7.1.7 (MUST NOT)";
            case NO_INFLATION_LIMIT -> "UNSAFE, not an RFC failure";
            case KEEPS_CONTEXT_AFTER_AGREEING_NOT_TO -> "RFC 7692 §7.2.1 (MUST)";
            case IGNORES_AGREED_WINDOW -> "RFC 7692 §7.2.1 (MUST NOT)";
            case REFUSES_INVALID_OFFERS -> "RFC 7692 §7 (MUST): \"A server MUST decline";
        };
    }

    private static Map<String, Verdict> verdicts(Optional<Flaw> flaw) throws Exception {
        try (FlawedDeflateFront front = new FlawedDeflateFront(flaw)) {
            Target target = Target.of(URI.create(front.uri())).withTimeScale(TestTiming.SCALE);
            // The bombs last: a server without a limit inflates each in full, and on a small machine that
            // must not push the other cases past their deadlines.
            List<CaseResult> results = new ArrayList<>(ConformanceRunner.run(
                    CASES.stream().filter(c -> !c.id().startsWith("14.3.")).toList(), target, 4, result -> { }));
            results.addAll(ConformanceRunner.run(CASES.stream().filter(c -> c.id().startsWith("14.3.")).toList(),
                    target, 1, result -> { }));
            Map<String, Verdict> verdicts = new TreeMap<>();
            results.forEach(result -> verdicts.put(result.testCase().id(), result.verdict()));
            flaw.ifPresent(f -> results.stream().filter(r -> expectedChanges(f).containsKey(r.testCase().id()))
                    .forEach(r -> assertThat(r.reason()).as(r.testCase().id() + " with " + f).contains(cited(f))));
            return verdicts;
        }
    }
}
