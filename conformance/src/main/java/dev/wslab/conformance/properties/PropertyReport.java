package dev.wslab.conformance.properties;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.report.HtmlReport;
import dev.wslab.conformance.report.JsonReport;
import dev.wslab.conformance.report.JunitReport;
import dev.wslab.conformance.wire.Observation;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * PropertyReport writes a property run in the formats of {@code conform}'s reports ({@code index.html},
 * {@code index.json} with one file per case, {@code junit.xml}): each property is one case of section 30,
 * OK when it held, FAILED with its shrunk counterexample's observed events and wire log when it did not,
 * UNIMPLEMENTED when it did not apply (a server that declines compression).
 */
public final class PropertyReport {

    private PropertyReport() {
    }

    /** Writes the reports of {@code results} into {@code directory}. */
    public static void write(Path directory, String agent, String target, List<PropertyResult> results) throws IOException {
        List<CaseResult> cases = caseResults(results);
        JsonReport.write(directory, agent, cases);
        JunitReport.write(directory, agent, cases);
        HtmlReport.write(directory, agent, target, cases);
    }

    /** Returns one case result per property, as the report writers take them. */
    public static List<CaseResult> caseResults(List<PropertyResult> results) {
        return results.stream().map(PropertyReport::caseResult).toList();
    }

    private static CaseResult caseResult(PropertyResult result) {
        Property property = result.property();
        if (result.notApplicable().isPresent()) {
            ConformanceCase testCase = new ConformanceCase(property.caseId(), Property.SECTION,
                    property + ": not applicable", rfcSections(property), List.of(),
                    Expectation.informational(Expectation.AfterSteps.CLOSE_NORMALLY), Duration.ZERO, "", Optional.empty());
            return new CaseResult(testCase, Verdict.UNIMPLEMENTED, result.notApplicable().get(), Verdict.OK,
                    "nothing to close", Observation.nothing(), List.of(), result.elapsed());
        }
        if (result.held()) {
            ConformanceCase testCase = new ConformanceCase(property.caseId(), Property.SECTION,
                    property + ": held for " + result.examples() + " generated examples (seed " + result.seed() + ")",
                    rfcSections(property), List.of(), Expectation.informational(Expectation.AfterSteps.CLOSE_NORMALLY),
                    Duration.ZERO, "", Optional.empty());
            return new CaseResult(testCase, Verdict.OK, "held for " + result.examples() + " examples", Verdict.OK,
                    "every example closed as the property demands", Observation.nothing(), List.of(), result.elapsed());
        }
        PropertyResult.Counterexample failure = result.counterexample().orElseThrow();
        ConformanceCase shrunk = failure.result().testCase();
        ConformanceCase testCase = new ConformanceCase(property.caseId(), Property.SECTION,
                property + ": FAILED (seed " + result.seed() + "); shrunk counterexample, " + shrunk.description()
                        + ", written " + failure.writing() + ":\n" + PropertyResult.frameList(failure.scenario())
                        + failure.savedTo().map(path -> "\nreplay: wslab properties --replay " + path).orElse(""),
                shrunk.rfcSections(), shrunk.steps(), shrunk.expectation(), shrunk.deadline(), "", Optional.empty());
        CaseResult observed = failure.result();
        return new CaseResult(testCase, Verdict.FAILED, failure.reason(), observed.close(), observed.closeReason(),
                observed.observation(), observed.wireLog(), result.elapsed());
    }

    private static List<String> rfcSections(Property property) {
        return switch (property) {
            case ECHOES_VALID_CONVERSATIONS -> List.of("5.4", "5.5.3", "5.6");
            case FAILS_BROKEN_CONVERSATIONS -> List.of("5.1", "5.2", "5.4", "5.5", "7.1.7", "7.4.1", "8.1");
            case ECHOES_COMPRESSED_CONVERSATIONS -> List.of("5.4", "5.6");
            case FAILS_BROKEN_COMPRESSED_CONVERSATIONS -> List.of("5.2", "7.1.7", "7.4.1");
        };
    }
}
