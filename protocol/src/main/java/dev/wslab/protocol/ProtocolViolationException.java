package dev.wslab.protocol;

/**
 * ProtocolViolationException is how the decoder and the connection report that the peer broke a rule
 * of RFC 6455. It carries the {@link Violation}, and so the close code to fail the connection with.
 *
 * <p>It is the only exception that bytes from the network can cause in this module: anything else
 * thrown while decoding is a bug in wslab.
 */
public final class ProtocolViolationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Violation violation;

    public ProtocolViolationException(Violation violation) {
        super(violation.message(), null, false, false);
        this.violation = violation;
    }

    public ProtocolViolationException(Rule rule, String detail) {
        this(new Violation(rule, detail));
    }

    /** Returns the violation that was detected. */
    public Violation violation() {
        return violation;
    }
}
