package dev.wslab.conformance.judge;

import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.deflate.DeflateStreamReader;
import dev.wslab.conformance.deflate.DeflateStreamReader.ContextUse;
import dev.wslab.conformance.deflate.DeflateStreamReader.MessageFacts;
import dev.wslab.conformance.deflate.ServerMessages;
import dev.wslab.conformance.deflate.ServerOutputCheck;
import dev.wslab.conformance.wire.DeflateNegotiation;
import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.DeflateAgreement;
import dev.wslab.protocol.deflate.DirectionSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * ServerOutputJudge judges the compressed messages a server sent in a case of 14.5, read back from the wire
 * log: the agreement from its 101, then each compressed message through one {@link DeflateStreamReader}, in
 * order, as the suite's inflater saw them. Its finding joins the case's own: a broken RFC 7692 rule makes
 * the behaviour FAILED; what RFC 7692 leaves open makes an otherwise OK case INFORMATIONAL.
 */
public final class ServerOutputJudge {

    private ServerOutputJudge() {
    }

    /** Returns {@code result} with what {@code check} finds in the server's compressed messages. */
    public static CaseResult judge(CaseResult result, ServerOutputCheck check) {
        if (result.behavior() == Verdict.UNIMPLEMENTED || result.testCase().offer().isEmpty()) {
            return result; // declined, as RFC 7692 §5 allows: nothing was compressed
        }
        ServerMessages sent = ServerMessages.read(result.wireLog());
        Optional<DeflateAgreement> agreement = sent.response().flatMap(response -> switch (DeflateNegotiation.read(
                response, DeflateNegotiation.offers(result.testCase().offer().get()))) {
            case DeflateNegotiation.Answer.Agreed agreed -> Optional.of(agreed.agreement());
            default -> Optional.empty();
        });
        if (agreement.isEmpty()) {
            return result;
        }
        DeflateStreamReader reader = new DeflateStreamReader();
        List<MessageFacts> facts = new ArrayList<>();
        long wireBytes = 0;
        for (ServerMessages.Message message : sent.messages()) {
            if (message.compressed()) {
                if (!(reader.readMessage(message.payload()) instanceof DeflateStreamReader.Reading.Read read)) {
                    return result; // not DEFLATE: the suite's inflater failed it already
                }
                facts.add(read.facts());
                wireBytes += message.payload().length;
            }
        }
        String counted = facts.size() + " of the server's " + sent.messages().size() + " messages compressed";
        return join(result, finding(check, agreement.get().serverToClient(), facts, wireBytes, counted));
    }

    private static Finding finding(ServerOutputCheck check, DirectionSettings agreed, List<MessageFacts> facts,
                                   long wireBytes, String counted) {
        long inflated = facts.stream().mapToLong(MessageFacts::inflatedLength).sum();
        int longest = facts.stream().mapToInt(MessageFacts::longestDistance).max().orElse(0);
        boolean refersBack = facts.stream().anyMatch(f -> f.contextUse() == ContextUse.REFERS_TO_EARLIER_MESSAGES);
        return switch (check) {
            case COMPRESSES -> Finding.informational(facts.isEmpty() ? "the server sent its messages uncompressed ("
                    + counted + ")" : counted + ": " + inflated + " bytes sent as " + wireBytes + String.format(Locale.ROOT,
                    " (ratio %.3f)", (double) wireBytes / Math.max(1, inflated)));
            case CONTEXT_TAKEOVER -> Finding.informational(facts.isEmpty() ? "the server sent nothing compressed ("
                    + counted + ")" : counted + "; they " + (refersBack ? "refer to earlier messages: the server takes"
                    + " its context over" : "never refer to earlier messages: the server resets its context"));
            case NO_CONTEXT_TAKEOVER -> {
                if (agreed.context() != ContextTakeover.RESET) {
                    yield Finding.informational("the server accepted without server_no_context_takeover, so it may take"
                            + " its context over: nothing to check");
                }
                if (refersBack) {
                    yield Finding.of(CompressionReasons.CONTEXT_KEPT, counted + "; after agreeing"
                            + " server_no_context_takeover, one refers to an earlier message");
                }
                yield facts.isEmpty() ? Finding.informational("nothing compressed to check (" + counted + ")")
                        : Finding.ok(counted + ", each starting from an empty window");
            }
            case WINDOW -> {
                int bits = agreed.maxWindowBits();
                if (longest > 1 << bits) {
                    yield Finding.of(CompressionReasons.WINDOW_EXCEEDED, counted + "; server_max_window_bits=" + bits
                            + " agreed (" + (1 << bits) + " bytes), yet a back-reference reaches " + longest + " bytes back");
                }
                yield facts.isEmpty() ? Finding.informational("nothing compressed to check (" + counted + ")")
                        : Finding.ok(counted + "; " + (longest == 0 ? "no back-reference at all" : "the farthest"
                        + " back-reference, " + longest + " bytes,") + " within the agreed window of " + (1 << bits)
                        + " bytes");
            }
        };
    }

    /** The case's behaviour verdict with the finding joined: the worse of the two, both explained. */
    private static CaseResult join(CaseResult result, Finding finding) {
        if (finding.verdict().worst(result.behavior()) == result.behavior() && finding.verdict() != result.behavior()) {
            return new CaseResult(result.testCase(), result.behavior(), result.behaviorReason() + "; "
                    + finding.explanation(), result.close(), result.closeReason(), result.observation(), result.wireLog(),
                    result.duration());
        }
        // A broken rule of RFC 7692 comes first: it is the precise reason, whatever else the echoes show.
        String reason = finding.verdict() == Verdict.OK ? result.behaviorReason() + "; " + finding.explanation()
                : finding.explanation() + "; the echoes: " + result.behaviorReason();
        return new CaseResult(result.testCase(), finding.verdict().worst(result.behavior()), reason, result.close(),
                result.closeReason(), result.observation(), result.wireLog(), result.duration());
    }
}
