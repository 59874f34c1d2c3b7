package dev.wslab.protocol;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;

import java.util.Objects;

/**
 * Violation is one broken {@link Rule} with the details of this occurrence ("opcode 0x3", "byte 7 of
 * the message"). It is a value: the connection turns it into a Close frame with {@link #closeCode()}.
 *
 * @param rule the rule that was broken
 * @param detail what exactly was seen, for logs and test failures; may be empty
 */
public record Violation(Rule rule, String detail) {

    public Violation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
    }

    /** Returns the code to fail the connection with. */
    public CloseCode closeCode() {
        return rule.closeCode();
    }

    /**
     * Returns the status of the Close frame that fails the connection for this violation: the rule's code, and
     * its description as the reason, cut to the 123 bytes a reason may take (§5.5.1; descriptions are ASCII).
     */
    public CloseStatus closeStatus() {
        String reason = rule.description();
        return CloseStatus.of(closeCode(), reason.length() <= CloseStatus.MAX_REASON_BYTES ? reason
                : reason.substring(0, CloseStatus.MAX_REASON_BYTES));
    }

    // tag::message[]
    /** Returns a one-line explanation: what was wrong, what was seen, and the RFC section. */
    public String message() {
        String seen = detail.isEmpty() ? "" : " (" + detail + ")";
        return rule.description() + seen + " [" + rule.citation() + "]";
    }
    // end::message[]

    @Override
    public String toString() {
        return rule + ": " + message();
    }
}
