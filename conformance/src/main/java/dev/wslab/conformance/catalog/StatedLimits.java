package dev.wslab.conformance.catalog;

import java.time.Duration;
import java.util.Objects;

/**
 * StatedLimits are the server's own limits as its user states them ({@code ./wslab conform --expect-*}):
 * the robustness probes that rest on a {@link ProbePolicy} check the stated value instead of assuming one.
 * Each is unstated (the probe assumes a common value), none (the server has no such limit: the probe
 * records what happens), or a value.
 *
 * @param handshakeTimeout the deadline for a whole handshake request
 * @param idleTimeout how long a connection whose peer stalls or stops answering stays open
 * @param maxMessage the largest message, in bytes
 * @param maxHeaderSize the largest handshake request head, in bytes
 * @param maxFragments the most fragments of one message
 */
public record StatedLimits(Limit<Duration> handshakeTimeout, Limit<Duration> idleTimeout, Limit<Long> maxMessage,
                           Limit<Long> maxHeaderSize, Limit<Long> maxFragments) {

    /** Nothing stated: every probe assumes its common value. */
    public static final StatedLimits UNSTATED = new StatedLimits(new Limit.Unstated<>(), new Limit.Unstated<>(),
            new Limit.Unstated<>(), new Limit.Unstated<>(), new Limit.Unstated<>());

    public StatedLimits {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(maxMessage, "maxMessage");
        Objects.requireNonNull(maxHeaderSize, "maxHeaderSize");
        Objects.requireNonNull(maxFragments, "maxFragments");
    }

    /** One stated limit. */
    public sealed interface Limit<T> {
        /** Not stated: the probe assumes a common value. */
        record Unstated<T>() implements Limit<T> {
        }

        /** The server has no such limit, as stated: the probe records what happens, it does not judge. */
        record None<T>() implements Limit<T> {
        }

        /** The server's limit, as stated. */
        record AtMost<T>(T value) implements Limit<T> {
            public AtMost {
                Objects.requireNonNull(value, "value");
            }
        }
    }
}
