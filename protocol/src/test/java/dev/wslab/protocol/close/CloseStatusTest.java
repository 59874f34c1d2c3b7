package dev.wslab.protocol.close;

import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.frame.Payload;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("§5.5.1 CloseStatus: the body of a Close frame")
class CloseStatusTest {

    private static Rule violatedRule(Payload body) {
        try {
            CloseStatus.parse(body);
        } catch (ProtocolViolationException e) {
            return e.violation().rule();
        }
        throw new AssertionError("no violation for " + body);
    }

    @Nested
    @DisplayName("reading a received body")
    class Parse {

        @Test
        void anEmptyBodyMeansNoStatus1005() {
            assertThat(CloseStatus.parse(Payload.EMPTY)).isEqualTo(CloseStatus.NO_STATUS);
            assertThat(CloseStatus.NO_STATUS.code().value()).isEqualTo(1005);
        }

        @Test
        void aCodeInNetworkByteOrderAndAUtf8Reason() {
            assertThat(CloseStatus.parse(Payload.hex("03e9" + "c3a9"))).isEqualTo(CloseStatus.of(CloseCode.GOING_AWAY, "\u00e9")); // code 1001, reason "é" (c3 a9)
        }

        @Test
        void aOneByteBodyIsAProtocolError() {
            assertThat(violatedRule(Payload.hex("03"))).isEqualTo(Rule.CLOSE_PAYLOAD_ONE_BYTE); // a 1-byte body: half a code
        }

        @Test
        void aCodeThatIsNeverSentIsAProtocolError() {
            assertThat(violatedRule(Payload.hex("03ed"))).isEqualTo(Rule.CLOSE_CODE_NEVER_SENT); // 1005
            assertThat(violatedRule(Payload.hex("03ee"))).isEqualTo(Rule.CLOSE_CODE_NEVER_SENT); // 1006
            assertThat(violatedRule(Payload.hex("03f7"))).isEqualTo(Rule.CLOSE_CODE_NEVER_SENT); // 1015
        }

        @Test
        @DisplayName("each range that may not be sent breaks its own rule, so that a judge can tell them apart")
        void eachInvalidRangeBreaksItsOwnRule() {
            assertThat(violatedRule(Payload.hex("0000"))).isEqualTo(Rule.CLOSE_CODE_NOT_USED); // 0
            assertThat(violatedRule(Payload.hex("03e7"))).isEqualTo(Rule.CLOSE_CODE_NOT_USED); // 999
            assertThat(violatedRule(Payload.hex("03ec"))).isEqualTo(Rule.CLOSE_CODE_RESERVED); // 1004
            assertThat(violatedRule(Payload.hex("03f8"))).isEqualTo(Rule.CLOSE_CODE_RESERVED); // 1016
            assertThat(violatedRule(Payload.hex("0bb7"))).isEqualTo(Rule.CLOSE_CODE_RESERVED); // 2999
            assertThat(violatedRule(Payload.hex("1388"))).isEqualTo(Rule.CLOSE_CODE_UNDEFINED); // 5000
            assertThat(violatedRule(Payload.hex("ffff"))).isEqualTo(Rule.CLOSE_CODE_UNDEFINED); // 65535
        }

        @Test
        @DisplayName("a reason that is not UTF-8 is invalid payload data (1007)")
        void aReasonThatIsNotUtf8() {
            assertThat(violatedRule(Payload.hex("03e8" + "eda080"))).isEqualTo(Rule.INVALID_CLOSE_REASON); // code 1000, reason ed a0 80 (the surrogate U+D800, not UTF-8)
            assertThat(Rule.INVALID_CLOSE_REASON.closeCode()).isEqualTo(CloseCode.INVALID_FRAME_PAYLOAD_DATA);
        }
    }

    @Nested
    @DisplayName("writing a body to send")
    class ToPayload {

        @Test
        void codeThenReason() {
            assertThat(CloseStatus.of(CloseCode.NORMAL_CLOSURE, "bye").toPayload()).isEqualTo(Payload.hex("03e8627965")); // code 1000, reason "bye"
        }

        @Test
        void noStatusIsAnEmptyBody() {
            assertThat(CloseStatus.NO_STATUS.toPayload()).isEqualTo(Payload.EMPTY);
        }

        @Test
        @DisplayName("§5.5: the reason fits in 123 bytes so that the frame fits in 125")
        void theReasonFitsInAControlFrame() {
            assertThat(CloseStatus.of(CloseCode.NORMAL_CLOSURE, "x".repeat(123)).toPayload().length()).isEqualTo(125);
            assertThatThrownBy(() -> CloseStatus.of(CloseCode.NORMAL_CLOSURE, "\u00e9".repeat(62)).toPayload())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("123");
        }

        @Test
        void codesThatMayNotBeSentAreRefused() {
            assertThatThrownBy(() -> CloseStatus.ABNORMAL.toPayload()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CloseStatus.of(CloseCode.of(1004)).toPayload()).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
