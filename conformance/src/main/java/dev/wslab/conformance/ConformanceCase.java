package dev.wslab.conformance;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * ConformanceCase is one test of a server: what the suite sends, what it expects, the RFC sections it
 * checks, and how long the server has. Cases are data: reports and docs render them as they are.
 *
 * @param id the case's id, the same as Autobahn's for the cases taken from its catalog (e.g. {@code 5.19})
 * @param section the section title, e.g. {@code Fragmentation}
 * @param description what the case sends and why, in plain words
 * @param rfcSections the RFC 6455 sections the case checks, e.g. {@code 5.4}
 * @param steps what the suite does, in order
 * @param expectation what the server must do
 * @param deadline how long after the last step the server has to produce the expected events or close
 * @param deviation how this case differs from Autobahn's, or empty when it does not
 * @param handshake for a case about the opening handshake, the request to send and the answer to expect
 * @param offer the {@code Sec-WebSocket-Extensions} value the suite's handshake offers (RFC 7692 §5), one or
 *              more offers in order of preference; empty: none. A case with an offer needs the server to
 *              accept it: when the server declines, the case is {@link Verdict#UNIMPLEMENTED}.
 */
public record ConformanceCase(String id, String section, String description, List<String> rfcSections,
                              List<Step> steps, Expectation expectation, Duration deadline, String deviation,
                              Optional<HandshakeCheck> handshake, Optional<String> offer) {

    public ConformanceCase {
        Objects.requireNonNull(id, "id");
        steps = List.copyOf(steps);
        rfcSections = List.copyOf(rfcSections);
        Objects.requireNonNull(handshake, "handshake");
        Objects.requireNonNull(offer, "offer");
    }

    /** A case that offers no extension. */
    public ConformanceCase(String id, String section, String description, List<String> rfcSections,
                           List<Step> steps, Expectation expectation, Duration deadline, String deviation,
                           Optional<HandshakeCheck> handshake) {
        this(id, section, description, rfcSections, steps, expectation, deadline, deviation, handshake,
                Optional.empty());
    }

    /** Orders case ids numerically part by part: 6.4.3 before 6.10.1, 20.5.2 before 20.6. */
    public static int compareIds(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int order = Integer.compare(Integer.parseInt(left[i]), Integer.parseInt(right[i]));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    /** Returns the case's section number, the first part of its id (e.g. 6 for 6.4.3). */
    public int sectionNumber() {
        return Integer.parseInt(id.substring(0, id.indexOf('.') < 0 ? id.length() : id.indexOf('.')));
    }

    /**
     * Returns a copy whose deadline and pauses are {@code factor} times as long, for a slow server or a
     * busy machine. A server that answers at once is not slowed down: the suite moves on as soon as the
     * expected events have arrived.
     */
    public ConformanceCase scaledInTime(double factor) {
        if (factor == 1.0) {
            return this;
        }
        List<Step> scaled = steps.stream().map(step -> step instanceof Step.Pause pause
                ? new Step.Pause(scale(pause.duration(), factor)) : step).toList();
        return new ConformanceCase(id, section, description, rfcSections, scaled, expectation, scale(deadline, factor),
                deviation, handshake, offer);
    }

    private static Duration scale(Duration duration, double factor) {
        return Duration.ofNanos((long) (duration.toNanos() * factor));
    }

    /** Returns a copy with a note on how this case deviates from Autobahn's. */
    public ConformanceCase withDeviation(String note) {
        return new ConformanceCase(id, section, description, rfcSections, steps, expectation, deadline, note, handshake,
                offer);
    }

    /**
     * Returns a copy whose handshake offers {@code extensions}, a {@code Sec-WebSocket-Extensions} value such
     * as {@code permessage-deflate; client_max_window_bits}.
     */
    public ConformanceCase withOffer(String extensions) {
        return new ConformanceCase(id, section, description, rfcSections, steps, expectation, deadline, deviation,
                handshake, Optional.of(extensions));
    }

    /** Returns a copy that expects {@code other} instead. */
    public ConformanceCase withExpectation(Expectation other) {
        return new ConformanceCase(id, section, description, rfcSections, steps, other, deadline, deviation,
                handshake, offer);
    }
}
