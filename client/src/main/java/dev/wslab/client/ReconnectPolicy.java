package dev.wslab.client;

import dev.wslab.protocol.close.CloseCode;

import java.util.Objects;
import java.util.Set;

/**
 * ReconnectPolicy says when a {@link ReconnectingClient} tries again and when it stops.
 *
 * <p>It never reconnects after a deliberate close: a Close with 1000 (Normal Closure) from either side.
 * It also stops on the close codes the application marks final, e.g. a 4001 "banned" of its own protocol
 * or 1008 (Policy Violation), and on a bad URL, which no retry can fix.
 *
 * @param backoff the delays between attempts
 * @param finalCloseCodes close codes received from the server after which reconnecting is pointless
 * @param maxConsecutiveFailures how many attempts in a row may fail before giving up; 0 for never
 */
public record ReconnectPolicy(Backoff backoff, Set<CloseCode> finalCloseCodes, int maxConsecutiveFailures) {

    /** {@link Backoff#DEFAULT}, no final codes besides 1000, never gives up. */
    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(Backoff.DEFAULT, Set.of(), 0);

    public ReconnectPolicy {
        Objects.requireNonNull(backoff, "backoff");
        finalCloseCodes = Set.copyOf(finalCloseCodes);
        if (maxConsecutiveFailures < 0) {
            throw new IllegalArgumentException("maxConsecutiveFailures must be >= 0, got " + maxConsecutiveFailures);
        }
    }

    /** Returns a copy with other delays. */
    public ReconnectPolicy withBackoff(Backoff backoff) {
        return new ReconnectPolicy(backoff, finalCloseCodes, maxConsecutiveFailures);
    }

    /** Returns a copy that stops after receiving any of {@code codes}. */
    public ReconnectPolicy withFinalCloseCodes(CloseCode... codes) {
        return new ReconnectPolicy(backoff, Set.of(codes), maxConsecutiveFailures);
    }

    /** Returns a copy that gives up after {@code failures} failed attempts in a row. */
    public ReconnectPolicy withMaxConsecutiveFailures(int failures) {
        return new ReconnectPolicy(backoff, finalCloseCodes, failures);
    }
}
