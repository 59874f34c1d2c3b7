package dev.wslab.protocol;

import dev.wslab.protocol.close.CloseCode;

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

    // tag::message[]
    /** Returns a one-line explanation: what was wrong, what was seen, and the RFC section. */
    public String message() {
        String seen = detail.isEmpty() ? "" : " (" + detail + ")";
        return rule.description() + seen + " [RFC 6455 §" + rule.rfcSection() + "]";
    }
    // end::message[]

    @Override
    public String toString() {
        return rule + ": " + message();
    }
}
