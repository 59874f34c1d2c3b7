package dev.wslab.protocol;

import dev.wslab.protocol.close.CloseStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Rule")
class RuleTest {

    @ParameterizedTest
    @EnumSource(Rule.class)
    @DisplayName("every rule's description fits in a Close frame's reason, and its code may be sent")
    void descriptionFitsInACloseReason(Rule rule) {
        assertThat(rule.description().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(CloseStatus.MAX_REASON_BYTES);
        assertThat(rule.closeCode().isValidOnTheWire()).isTrue();
        assertThat(rule.rfcSection()).matches("\\d+(\\.\\d+)*");
    }

    @Test
    void aViolationMessageNamesTheRuleTheDetailAndTheSection() {
        Violation violation = new Violation(Rule.RESERVED_OPCODE, "opcode 0x3");
        assertThat(violation.message()).isEqualTo("the frame uses a reserved opcode (opcode 0x3) [RFC 6455 §5.2]");
        assertThat(violation.closeCode().value()).isEqualTo(1002);
    }
}
