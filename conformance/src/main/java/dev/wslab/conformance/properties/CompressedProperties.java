package dev.wslab.conformance.properties;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.judge.CaseResult;
import dev.wslab.conformance.run.CaseExecutor;
import dev.wslab.conformance.wire.Target;
import dev.wslab.protocol.frame.Payload;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * CompressedProperties turns compressed scenarios into cases, each offering its permessage-deflate offer,
 * and reads their results for {@link Property#ECHOES_COMPRESSED_CONVERSATIONS} and
 * {@link Property#FAILS_BROKEN_COMPRESSED_CONVERSATIONS}. A server may decline an offer (RFC 7692 §5): the
 * case is then UNIMPLEMENTED, and that scenario breaks no property.
 */
final class CompressedProperties {

    private CompressedProperties() {
    }

    /** Returns the case that sends a valid compressed conversation and expects every message echoed. */
    static ConformanceCase caseOf(CompressedConversation conversation, Duration deadline) {
        return new ConformanceCase(Property.ECHOES_COMPRESSED_CONVERSATIONS.caseId(), Property.SECTION,
                "a generated valid compressed conversation (" + conversation.offer().header() + "), echoed",
                List.of("5.4", "5.6"), conversation.steps(0, conversation.messages().size()),
                Expectation.echo(conversation.echoes().toArray(Observed[]::new)), deadline, "", Optional.empty())
                .withOffer(conversation.offer().header());
    }

    /** Returns the case that sends a broken compressed conversation and expects the server to fail it (1002). */
    static ConformanceCase caseOf(BrokenCompressedConversation broken, Duration deadline) {
        return new ConformanceCase(Property.FAILS_BROKEN_COMPRESSED_CONVERSATIONS.caseId(), Property.SECTION,
                "a generated compressed conversation (" + broken.conversation().offer().header() + ") broken by "
                        + broken.describe(), List.of("5.2", "7.1.7"), broken.steps(),
                Expectation.fails(broken.expectedCode()), deadline, "", Optional.empty())
                .withOffer(broken.conversation().offer().header());
    }

    /**
     * Returns why the compressed properties do not apply to the server at {@code target}, or empty when they
     * do: it declines the plainest offer, {@code permessage-deflate} alone, with a short message sent.
     */
    static Optional<String> notApplicable(Target target, Duration deadline) {
        CompressedConversation probe = new CompressedConversation(CompressedConversation.Offer.PLAIN,
                List.of(new CompressedConversation.Message(true, Payload.utf8("compressed?"), 0)));
        CaseResult result;
        try {
            result = CaseExecutor.run(caseOf(probe, deadline), target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return declined(result) ? Optional.of("the server declined " + probe.offer().header()
                + " (RFC 7692 §5 lets it), so there is nothing compressed to check") : Optional.empty();
    }

    /** Tells whether the server declined the case's offer, which RFC 7692 §5 lets it do. */
    static boolean declined(CaseResult result) {
        return result.behavior() == Verdict.UNIMPLEMENTED;
    }

    /** Returns why {@code result} breaks the property for a valid compressed conversation, or empty if it holds. */
    static Optional<String> check(CompressedConversation conversation, CaseResult result) {
        if (declined(result)) {
            return Optional.empty();
        }
        if (result.observation().serverViolation().isPresent()) {
            return Optional.of("the server broke a rule: " + result.observation().serverViolation().get().message());
        }
        List<Observed> messages = Property.messages(result.observation().events());
        if (!messages.equals(conversation.echoes())) {
            return Optional.of("expected the echoes " + conversation.echoes() + "; observed " + messages);
        }
        return Property.closeBreaksTheProperty(result.close()) ? Optional.of(result.closeReason()) : Optional.empty();
    }

    /** Returns why {@code result} breaks the property for a broken compressed conversation, or empty if it holds. */
    static Optional<String> check(BrokenCompressedConversation broken, CaseResult result) {
        if (declined(result)) {
            return Optional.empty();
        }
        if (result.observation().serverViolation().isPresent()) {
            return Optional.of("the server broke a rule: " + result.observation().serverViolation().get().message());
        }
        List<Observed> messages = Property.messages(result.observation().events());
        List<Observed> allowed = broken.echoesBefore();
        if (messages.size() > allowed.size() || !allowed.subList(0, messages.size()).equals(messages)) {
            return Optional.of("expected at most the echoes of the " + allowed.size()
                    + " message(s) before the violation " + allowed + "; observed " + messages);
        }
        return Property.closeBreaksTheProperty(result.close()) ? Optional.of(result.closeReason()) : Optional.empty();
    }
}
