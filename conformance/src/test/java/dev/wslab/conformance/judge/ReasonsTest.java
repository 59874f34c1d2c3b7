package dev.wslab.conformance.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wslab.conformance.Verdict;
import dev.wslab.protocol.Rule;
import java.util.EnumSet;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every verdict but OK rests on a clause: a MUST or MUST NOT of RFC 6455 for FAILED, a SHOULD or words that
 * state no requirement (or Autobahn's expectation) for NON-STRICT and WRONG CODE, each quoted exactly.
 */
@DisplayName("Reasons: every verdict the judges give rests on a quoted clause")
class ReasonsTest {

    static Stream<Reason> reasons() {
        return Reasons.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reasons")
    @DisplayName("the quote occurs in the RFC cited (6455 or 7692), in the section cited")
    void quotesTheRfcExactly(Reason reason) {
        Clause clause = reason.clause();
        if (clause.source() != Clause.Source.AUTOBAHN) {
            RfcText rfc = RfcText.of(clause.source());
            String quote = RfcText.normalize(clause.quote());
            assertThat(rfc.normalized()).as(reason.name()).contains(quote);
            assertThat(rfc.section(clause.section())).as(reason.name() + " in " + rfc + " §" + clause.section())
                    .contains(quote);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reasons")
    @DisplayName("the keyword matches the verdict: FAILED if and only if a MUST or MUST NOT")
    void keywordMatchesVerdict(Reason reason) {
        Keyword keyword = reason.clause().keyword();
        boolean must = keyword == Keyword.MUST || keyword == Keyword.MUST_NOT;
        assertThat(reason.verdict() == Verdict.FAILED).as(reason.name()).isEqualTo(must);
        if (reason.clause().source() != Clause.Source.AUTOBAHN && keyword != Keyword.NOT_NORMATIVE
                && keyword != Keyword.LEFT_TO_THE_SERVER) {
            assertThat(RfcText.normalize(reason.clause().quote())).as("the quote holds its keyword").contains(keyword.text());
        }
    }

    @Test
    @DisplayName("RFC 7692's rules rest on RFC 7692, cited by name")
    void compressionRulesCiteRfc7692() {
        Clause clause = Reasons.brokeRule(Rule.COMPRESSED_CONTROL_FRAME).clause();
        assertThat(clause.source()).isEqualTo(Clause.Source.RFC_7692);
        assertThat(clause.citation()).startsWith("RFC 7692 §6.1 (MUST NOT): \"An endpoint MUST NOT set");
        assertThat(Reasons.brokeRule(Rule.COMPRESSED_CONTINUATION_FRAME).clause()).isEqualTo(clause);
        // A message that does not inflate cannot be read: RFC 6455's own parsing MUST, checked like the others.
        assertThat(Reasons.brokeRule(Rule.CORRUPT_COMPRESSED_DATA).clause()).isEqualTo(Reasons.MESSAGES_MISREAD.clause());
    }

    @Test
    @DisplayName("every rule of protocol's vocabulary has its reason")
    void everyRuleHasAReason() {
        EnumSet<Rule> rules = EnumSet.allOf(Rule.class);
        assertThat(rules).allSatisfy(rule -> assertThat(Reasons.all()).contains(Reasons.brokeRule(rule)));
    }

    @Test
    @DisplayName("a FAILED, WRONG CODE or NON-STRICT finding cannot be made without a reason")
    void findingsNeedAReason() {
        for (Verdict verdict : EnumSet.of(Verdict.FAILED, Verdict.WRONG_CODE, Verdict.NON_STRICT)) {
            assertThatThrownBy(() -> new Finding(verdict, "something", Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Reason("a SHOULD as a failure", Verdict.FAILED, Reasons.FAILED_WITHOUT_CODE.clause()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Finding.of(Reasons.TCP_LEFT_OPEN, "TCP open").explanation())
                .contains("§5.5.1 (MUST): \"The server MUST close the underlying TCP connection immediately\"");
    }

    @Test
    @DisplayName("a control frame after a Close rests on §1.4, which is not normative: NON-STRICT")
    void controlFrameAfterCloseIsNotAFailure() {
        assertThat(Reasons.CONTROL_FRAME_AFTER_CLOSE.verdict()).isEqualTo(Verdict.NON_STRICT);
        assertThat(Reasons.CONTROL_FRAME_AFTER_CLOSE.clause().section()).isEqualTo("1.4");
        assertThat(Reasons.brokeRule(Rule.FRAME_AFTER_CLOSE).clause().quote())
                .isEqualTo("The application MUST NOT send any more data frames after sending a Close frame.");
    }

    @ParameterizedTest(name = "code {0}: {1}")
    @org.junit.jupiter.params.provider.CsvSource({
            "1005, FAILED, 7.4.1", "1006, FAILED, 7.4.1", "1015, FAILED, 7.4.1",
            "5000, FAILED, 5.5.1", "65535, FAILED, 5.5.1",
            "0, NON_STRICT, 7.4.2", "999, NON_STRICT, 7.4.2",
            "1004, NON_STRICT, 7.4.2", "1016, NON_STRICT, 7.4.2", "2999, NON_STRICT, 7.4.2"})
    @DisplayName("a server's invalid close code is judged by the code sent: a MUST for 1005/1006/1015 and above 4999,"
            + " §7.4.2's description of the reserved ranges otherwise")
    void invalidCloseCodesAreJudgedByTheCodeSent(int code, Verdict verdict, String section) {
        byte[] body = {(byte) (code >> 8), (byte) code};
        Rule rule = null;
        try {
            dev.wslab.protocol.close.CloseStatus.parse(dev.wslab.protocol.frame.Payload.of(body));
        } catch (dev.wslab.protocol.ProtocolViolationException e) {
            rule = e.violation().rule();
        }
        assertThat(rule).as("code %d is refused", code).isNotNull();
        Reason reason = Reasons.brokeRule(rule);
        assertThat(reason.verdict()).isEqualTo(verdict);
        assertThat(reason.clause().section()).isEqualTo(section);
    }
}
