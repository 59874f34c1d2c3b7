package dev.wslab.conformance.catalog;

import java.util.Optional;

/**
 * ProbePolicy is a policy RFC 6455 leaves to the server (§10.4: "implementation-specific limits") that a
 * robustness probe's safe outcome rests on. A probe that rests on one says which value it assumed; a server
 * that misses it gets UNSAFE, never an RFC FAILED. The user can state the server's real value with the
 * option of {@link #option()}, and the probe then checks that value instead.
 */
public enum ProbePolicy {
    /** The largest opening-handshake head the server reads (20.1-20.3). */
    MAX_HEADER_SIZE("--expect-max-header-size", "a limit on the size of a handshake request's head"),
    /** How long a client may take to send its whole request, from accept (20.5.1, 20.6). */
    HANDSHAKE_TIMEOUT("--expect-handshake-timeout", "an absolute deadline for the whole handshake request"),
    /** How long a connection whose peer stalls or stops answering stays open (20.23, 20.35). */
    IDLE_TIMEOUT("--expect-idle-timeout", "an idle timeout, or a heartbeat (Ping interval plus Pong timeout),"
            + " that closes a connection whose peer stalls or stops answering"),
    /** The largest message the server reassembles, inflated bytes counted (20.15, 20.19, 20.36, 20.37.x). */
    MAX_MESSAGE("--expect-max-message", "a limit on a message's size, checked as its frames arrive"),
    /** The most fragments one message may have (20.20, 20.21). */
    MAX_FRAGMENTS("--expect-max-fragments", "a limit on the number of fragments of one message"),
    /** Answering in time and serving others while and after a probe abuses the server; nothing to state. */
    RESPONSIVENESS("", "an answer within the connect timeout, and other clients served while and after the abuse"),
    /** How many Pings the server answers (20.22): recorded, as §5.5.3 lets it answer only the newest. */
    PING_RATE("", "how many Pings are answered: recorded, not judged"),
    /** Which origins may connect (20.13.x): recorded, as §10.2 leaves it to the server. */
    ORIGIN("", "which origins may connect: recorded, not judged");

    private final String option;
    private final String policy;

    ProbePolicy(String option, String policy) {
        this.option = option;
        this.policy = policy;
    }

    /** Returns the {@code ./wslab conform} option that states the server's real value, if there is one. */
    public Optional<String> option() {
        return option.isEmpty() ? Optional.empty() : Optional.of(option);
    }

    /** Returns the policy in plain words. */
    public String policy() {
        return policy;
    }

    /**
     * Returns the sentence a probe's description ends with: the policy, the value assumed, and how to state
     * the server's own.
     */
    public String assumed(String value) {
        return " Policy assumed (RFC 6455 §10.4 leaves it to the server, so a miss is UNSAFE, not FAILED): "
                + policy + ", " + value + option().map(o -> "; state the server's own with " + o).orElse("") + ".";
    }
}
