package dev.wslab.conformance.properties;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.Payload;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Property is a rule every server must keep for every generated scenario. Each scenario becomes a
 * {@link ConformanceCase}, run by the suite's own executor, so its verdict and wire log come from the same
 * machinery as the catalog's; the property then reads the observed events with the RFC's leeway.
 */
public enum Property {

    /**
     * For any valid conversation, the server echoes exactly the messages, in order, answers the Pings,
     * and completes the closing handshake with 1000.
     *
     * <p>Pings: §5.5.3 lets an endpoint that has not yet answered earlier Pings answer only the latest, so
     * the Pongs must be the Pings' payloads in order, possibly with some left out, but the last Ping is
     * always answered.
     */
    ECHOES_VALID_CONVERSATIONS("30.1"),

    /**
     * For any valid conversation with one rule broken between two messages or inside a fragmented one, the
     * server fails the connection with the rule's code (1002, or 1007 for invalid UTF-8) and echoes nothing
     * sent from the violation on (the interrupted message included); the messages completed before it may
     * be echoed or not (§7.1.7 allows dropping them), and so may the Pings sent before it be answered.
     */
    FAILS_BROKEN_CONVERSATIONS("30.2"),

    /**
     * For any valid conversation over permessage-deflate (any offer with or without
     * {@code client_no_context_takeover} and {@code server_no_context_takeover}; messages of 0 to 64 KiB, text
     * or binary, their compressed bytes in one frame or many), a server that accepts the offer echoes exactly
     * the messages, in order (RFC 7692 §6, §7.2.2), and completes the closing handshake with 1000. A server
     * that declines the offer breaks nothing (§5); one that declines every offer leaves the property not
     * applicable.
     */
    ECHOES_COMPRESSED_CONVERSATIONS("30.3"),

    /**
     * For any compressed conversation with RSV1 set on a continuation frame, a Ping or a Pong (between
     * messages or inside a compressed one), the server fails the connection with 1002 (RFC 7692 §6.1: "An
     * endpoint receiving such a frame MUST _Fail the WebSocket Connection_") and echoes nothing sent from the
     * violation on.
     */
    FAILS_BROKEN_COMPRESSED_CONVERSATIONS("30.4");

    /** The section of the reports the properties appear in, after the catalog's 1-10 and the probes' 20. */
    public static final String SECTION = "Properties";

    private final String caseId;

    Property(String caseId) {
        this.caseId = caseId;
    }

    /** Returns the property's id in the reports, e.g. {@code 30.1}. */
    public String caseId() {
        return caseId;
    }

    /** Returns the case that sends a valid conversation and expects its echo, every Pong included. */
    static ConformanceCase caseOf(Conversation conversation, Duration deadline) {
        List<Observed> expected = new ArrayList<>();
        conversation.messages().forEach(m -> expected.addAll(m.expectedEvents()));
        return new ConformanceCase(ECHOES_VALID_CONVERSATIONS.caseId, SECTION, "a generated valid conversation, echoed", List.of("5.4", "5.5.3", "5.6"),
                List.of(new Step.Send(conversation.frames(), conversation.writing())),
                Expectation.echo(expected.toArray(Observed[]::new)), deadline, "", Optional.empty());
    }

    /** Returns the case that sends a broken conversation and expects the server to fail the connection. */
    static ConformanceCase caseOf(BrokenConversation broken, Duration deadline) {
        Violation violation = broken.violation();
        return new ConformanceCase(FAILS_BROKEN_CONVERSATIONS.caseId, SECTION, "a generated conversation broken by "
                + violation.describe() + (broken.insideMessage() ? " inside a fragmented message" : ""),
                List.of(violation.rule().rfcSection(), "7.1.7"), steps(broken),
                Expectation.fails(violation.expectedCode()), deadline, "", Optional.empty());
    }

    /**
     * Returns the steps that send a broken conversation: its frames, written as the conversation says. The
     * suite masks every frame it sends (§5.3), so an unmasked frame goes as raw bytes between the rest.
     */
    private static List<Step> steps(BrokenConversation broken) {
        Step.Writing writing = broken.conversation().writing();
        if (broken.violation().rule() != Rule.UNMASKED_CLIENT_FRAME) {
            return List.of(new Step.Send(broken.frames(), writing));
        }
        ByteArrayOutputStream unmasked = new ByteArrayOutputStream();
        broken.violation().frames().forEach(frame -> unmasked.writeBytes(FrameEncoder.encode(frame.unmasked())));
        List<Step> steps = new ArrayList<>();
        if (!broken.framesBefore().isEmpty()) {
            steps.add(new Step.Send(broken.framesBefore(), writing));
        }
        steps.add(new Step.SendRaw(Payload.of(unmasked.toByteArray()),
                writing instanceof Step.Writing.Chops ? writing : Step.Writing.WHOLE));
        if (!broken.framesAfter().isEmpty()) {
            steps.add(new Step.Send(broken.framesAfter(), writing));
        }
        return steps;
    }

    /** Returns why {@code result} breaks the property for a valid conversation, or empty if it holds. */
    static Optional<String> check(Conversation conversation, CaseResult result) {
        List<Observed> events = result.observation().events();
        if (result.observation().serverViolation().isPresent()) {
            return Optional.of("the server broke a rule: " + result.observation().serverViolation().get().message());
        }
        List<Observed> messages = messages(events);
        if (!messages.equals(conversation.echoes())) {
            return Optional.of("expected the echoes " + conversation.echoes() + "; observed " + messages);
        }
        Optional<String> pongs = pongsAnswer(conversation.pings(), pongs(events), true);
        if (pongs.isPresent()) {
            return pongs;
        }
        if (closeBreaksTheProperty(result.close())) {
            return Optional.of(result.closeReason());
        }
        return Optional.empty();
    }

    /** Returns why {@code result} breaks the property for a broken conversation, or empty if it holds. */
    static Optional<String> check(BrokenConversation broken, CaseResult result) {
        List<Observed> events = result.observation().events();
        if (result.observation().serverViolation().isPresent()) {
            return Optional.of("the server broke a rule: " + result.observation().serverViolation().get().message());
        }
        List<Observed> messages = messages(events);
        List<Observed> allowed = broken.echoesBefore();
        if (messages.size() > allowed.size() || !allowed.subList(0, messages.size()).equals(messages)) {
            return Optional.of("expected at most the echoes of the " + allowed.size()
                    + " message(s) before the violation " + allowed + "; observed " + messages);
        }
        Optional<String> pongs = pongsAnswer(broken.pingsBefore(), pongs(events), false);
        if (pongs.isPresent()) {
            return pongs;
        }
        if (closeBreaksTheProperty(result.close())) {
            return Optional.of(result.closeReason());
        }
        return Optional.empty();
    }

    /**
     * A close FAILED or WRONG CODE breaks the property; a NON-STRICT close (e.g. a failure without a status code,
     * a §7.1.7 SHOULD) or an INFORMATIONAL one breaks no MUST, so it does not.
     */
    static boolean closeBreaksTheProperty(Verdict close) {
        return close == Verdict.FAILED || close == Verdict.WRONG_CODE;
    }

    /** Returns the messages among {@code events}, in order. */
    static List<Observed> messages(List<Observed> events) {
        return events.stream().filter(e -> e instanceof Observed.Text || e instanceof Observed.Binary).toList();
    }

    private static List<Payload> pongs(List<Observed> events) {
        return events.stream().filter(Observed.Pong.class::isInstance).map(e -> ((Observed.Pong) e).payload()).toList();
    }

    /**
     * Checks that {@code pongs} answer {@code pings}: in order, each Pong carrying the payload of a Ping not
     * answered yet (§5.5.3: earlier ones may be skipped); with {@code lastRequired}, the last Ping answered.
     */
    private static Optional<String> pongsAnswer(List<Payload> pings, List<Payload> pongs, boolean lastRequired) {
        int next = 0;
        for (Payload pong : pongs) {
            while (next < pings.size() && !pings.get(next).equals(pong)) {
                next++;
            }
            if (next == pings.size()) {
                return Optional.of("the Pong " + pong + " answers no Ping not answered yet (§5.5.3); Pings sent: " + pings
                        + "; Pongs observed: " + pongs);
            }
            next++;
        }
        if (lastRequired && !pings.isEmpty() && next != pings.size()) {
            return Optional.of("the last Ping " + pings.getLast() + " was not answered (§5.5.2); Pings sent: " + pings.size()
                    + ", Pongs observed: " + pongs.size());
        }
        return Optional.empty();
    }
}
