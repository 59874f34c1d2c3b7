package dev.wslab.protocol.deflate;

import dev.wslab.protocol.deflate.ParameterList.Reading;
import dev.wslab.protocol.deflate.ParameterList.Side;
import dev.wslab.protocol.extension.Extension;
import dev.wslab.protocol.extension.ExtensionParameter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The negotiation of permessage-deflate (RFC 7692 §7.1) for both roles: what a client offers, what a
 * server answers to a list of offers, and whether a client accepts the server's answer.
 *
 * <p>This endpoint can honour every window size it may be asked to keep to, 8 to 15 bits, though the JDK's
 * {@link java.util.zip.Deflater} always uses a 15-bit window: below 15 bits, {@link MessageDeflater} writes
 * Huffman codes only, without back-references, which no window size forbids. And its
 * {@link java.util.zip.Inflater} reads any window, so it never needs to limit the peer's.
 */
public final class PerMessageDeflate {

    /** The extension's name in {@code Sec-WebSocket-Extensions} (RFC 7692 §7). */
    public static final String NAME = "permessage-deflate";

    private PerMessageDeflate() {
    }

    // ---------------------------------------------------------------- the server

    /** An offer the server could not accept, and why; it is left out of the response, not refused (RFC 7692 §7). */
    public record DeclinedOffer(Extension offer, String reason) {
    }

    /**
     * The server's answer to the client's offers.
     *
     * @param agreement the agreement, from the first offer the server accepted; empty when it accepted none
     *                  and the connection goes on uncompressed
     * @param declined  the permessage-deflate offers before it that were declined, with the reason, for the log
     */
    public record ServerAnswer(Optional<DeflateAgreement> agreement, List<DeclinedOffer> declined) {
        public ServerAnswer {
            declined = List.copyOf(declined);
        }

        /** Returns the element for the response's {@code Sec-WebSocket-Extensions}, when one was accepted. */
        public Optional<Extension> responseElement() {
            return agreement.map(DeflateAgreement::toResponse);
        }
    }

    /**
     * Answers the client's offers, in the client's order of preference (RFC 7692 §5): the first valid
     * permessage-deflate offer is accepted; an invalid one is declined and the next one tried. Offers of
     * other extensions are not this method's business and are skipped.
     */
    public static ServerAnswer answer(List<Extension> offers, DeflateOptions options) {
        List<DeclinedOffer> declined = new ArrayList<>();
        for (Extension offer : offers) {
            if (!offer.name().equals(NAME)) {
                continue;
            }
            switch (ParameterList.read(offer, Side.OFFER)) {
                case Reading.Invalid invalid -> declined.add(new DeclinedOffer(offer, invalid.problem()));
                case Reading.Read read -> {
                    return new ServerAnswer(Optional.of(accept(read.parameters(), options)), declined);
                }
            }
        }
        return new ServerAnswer(Optional.empty(), declined);
    }

    // tag::accept[]
    private static DeflateAgreement accept(ParameterList offer, DeflateOptions options) {
        // §7.1.1.1: a server accepts server_no_context_takeover by echoing it, and may add it unasked.
        ContextTakeover serverContext = options.ownContext() == ContextTakeover.RESET ? ContextTakeover.RESET
                : offer.context(DeflateParameter.SERVER_NO_CONTEXT_TAKEOVER);
        // §7.1.1.2: client_no_context_takeover in an offer says the client will not use its context anyway;
        // echoing it lets this server forget its inflater's window between messages.
        ContextTakeover clientContext = options.ownContext() == ContextTakeover.RESET ? ContextTakeover.RESET
                : offer.context(DeflateParameter.CLIENT_NO_CONTEXT_TAKEOVER);
        // §7.1.2.1: accepted "with the same or smaller value as the offer"; the same, honoured by MessageDeflater.
        int serverWindow = offer.value(DeflateParameter.SERVER_MAX_WINDOW_BITS).orElse(DirectionSettings.MAX_WINDOW_BITS);
        // §7.1.2.2: client_max_window_bits is never sent back; the inflater takes any window up to 32 KiB.
        return new DeflateAgreement(new DirectionSettings(serverContext, serverWindow),
                new DirectionSettings(clientContext, DirectionSettings.MAX_WINDOW_BITS));
    }
    // end::accept[]

    // ---------------------------------------------------------------- the client

    /**
     * Returns the client's offer, as browsers make it: {@code permessage-deflate; client_max_window_bits}
     * (the second part says the client understands a server that limits its window, §7.1.2.2), plus both
     * {@code no_context_takeover} parameters when the options ask for no context.
     */
    public static Extension offer(DeflateOptions options) {
        List<ExtensionParameter> parameters = new ArrayList<>();
        if (options.ownContext() == ContextTakeover.RESET) {
            parameters.add(ExtensionParameter.flag(DeflateParameter.SERVER_NO_CONTEXT_TAKEOVER.headerName()));
            parameters.add(ExtensionParameter.flag(DeflateParameter.CLIENT_NO_CONTEXT_TAKEOVER.headerName()));
        }
        parameters.add(ExtensionParameter.flag(DeflateParameter.CLIENT_MAX_WINDOW_BITS.headerName()));
        return new Extension(NAME, parameters);
    }

    /** What a client makes of the server's answer. */
    public sealed interface ClientCheck {
        /** The answer is valid: compression is on, with these settings. */
        record Agreed(DeflateAgreement agreement) implements ClientCheck { }

        /** RFC 7692 §7: the client MUST fail the connection; {@code problem} names the parameter and the clause. */
        record Refused(String problem) implements ClientCheck { }
    }

    /** Checks the server's accepted element against the client's own {@code offer} (RFC 7692 §7, §7.1). */
    public static ClientCheck check(Extension response, Extension offer) {
        if (!response.name().equals(NAME)) {
            return new ClientCheck.Refused("the server accepted " + response.name() + ", which was not offered (RFC 6455 §9.1)");
        }
        ParameterList offered = switch (ParameterList.read(offer, Side.OFFER)) {
            case Reading.Read read -> read.parameters();
            case Reading.Invalid invalid -> throw new IllegalArgumentException("not a valid offer: " + invalid.problem());
        };
        ParameterList answered;
        switch (ParameterList.read(response, Side.RESPONSE)) {
            case Reading.Invalid invalid -> {
                return new ClientCheck.Refused(invalid.problem());
            }
            case Reading.Read read -> answered = read.parameters();
        }
        if (answered.has(DeflateParameter.CLIENT_MAX_WINDOW_BITS) && !offered.has(DeflateParameter.CLIENT_MAX_WINDOW_BITS)) {
            return new ClientCheck.Refused("client_max_window_bits in the response, but it was not offered; the server"
                    + " MUST NOT include it then (RFC 7692 §7.1.2.2)");
        }
        Optional<Integer> offeredServerWindow = offered.value(DeflateParameter.SERVER_MAX_WINDOW_BITS);
        Optional<Integer> answeredServerWindow = answered.value(DeflateParameter.SERVER_MAX_WINDOW_BITS);
        if (offeredServerWindow.isPresent()
                && answeredServerWindow.orElse(DirectionSettings.MAX_WINDOW_BITS) > offeredServerWindow.get()) {
            return new ClientCheck.Refused("server_max_window_bits=" + offeredServerWindow.get() + " was offered and the"
                    + " response says " + answeredServerWindow.map(String::valueOf).orElse("nothing (15)")
                    + "; it must be the same or smaller (RFC 7692 §7.1.2.1)");
        }
        ContextTakeover clientContext = offered.has(DeflateParameter.CLIENT_NO_CONTEXT_TAKEOVER)
                ? ContextTakeover.RESET : answered.context(DeflateParameter.CLIENT_NO_CONTEXT_TAKEOVER);
        return new ClientCheck.Agreed(new DeflateAgreement(
                new DirectionSettings(answered.context(DeflateParameter.SERVER_NO_CONTEXT_TAKEOVER),
                        answeredServerWindow.orElse(DirectionSettings.MAX_WINDOW_BITS)),
                new DirectionSettings(clientContext,
                        answered.value(DeflateParameter.CLIENT_MAX_WINDOW_BITS).orElse(DirectionSettings.MAX_WINDOW_BITS))));
    }
}
