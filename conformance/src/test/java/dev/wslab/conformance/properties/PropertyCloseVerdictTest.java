package dev.wslab.conformance.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.catalog.AutobahnCatalog;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.wire.Observation;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Payload;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The properties hold the server to the MUSTs: a close verdict that rests on a SHOULD is no property failure. */
@DisplayName("Property: only a FAILED or WRONG CODE close breaks the property")
class PropertyCloseVerdictTest {

    private static final ConformanceCase ANY_CASE = AutobahnCatalog.everything().get(0);
    private static final Conversation SILENT = new Conversation(List.of(), Step.Writing.WHOLE);
    private static final Conversation.Message HELLO = new Conversation.Message(true, Payload.utf8("hello"),
            List.of(new Conversation.Part.Data(5)));
    private static final BrokenConversation RESERVED_BIT = new BrokenConversation(
            new Conversation(List.of(HELLO), Step.Writing.WHOLE), 0, 0,
            new Violation(Rule.RESERVED_BITS_SET, List.of(Violation.withReservedBit(Frame.binary(Payload.EMPTY), 1))));

    @ParameterizedTest(name = "a {0} close breaks the property: {1}")
    @CsvSource({"OK, false", "INFORMATIONAL, false", "NON_STRICT, false", "WRONG_CODE, true", "FAILED, true"})
    void closeVerdicts(Verdict close, boolean breaks) {
        CaseResult result = new CaseResult(ANY_CASE, Verdict.OK, "as expected", close, "closed: " + close,
                new Observation(List.of(), Optional.empty(), Observation.SuiteClose.SENT, Observation.Tcp.CLOSED, Optional.empty(), Observation.TcpAfterHandshake.NOT_LEFT_OPEN), List.of(), Duration.ZERO);
        assertThat(Property.check(SILENT, result).isPresent()).as("valid conversation").isEqualTo(breaks);
        assertThat(Property.check(RESERVED_BIT, result).isPresent()).as("broken conversation").isEqualTo(breaks);
    }
}
