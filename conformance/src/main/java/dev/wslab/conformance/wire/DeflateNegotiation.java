package dev.wslab.conformance.wire;

import dev.wslab.protocol.deflate.DeflateAgreement;
import dev.wslab.protocol.deflate.PerMessageDeflate;
import dev.wslab.protocol.extension.Extension;
import dev.wslab.protocol.extension.ExtensionHeaderParser;
import dev.wslab.protocol.extension.ParsedExtensions;
import dev.wslab.protocol.handshake.WebSocketHeaders;
import dev.wslab.protocol.http.HttpResponse;

import java.util.List;
import java.util.Optional;

/**
 * DeflateNegotiation reads what a server answered to the suite's permessage-deflate offer (RFC 7692 §5), with
 * the protocol core's types: the header by the RFC 6455 §9.1 grammar ({@link ExtensionHeaderParser}), the
 * element by RFC 7692 §7 ({@link PerMessageDeflate#check}).
 *
 * <p>A case makes its own offer, e.g. Autobahn 13.3's {@code permessage-deflate; client_max_window_bits=9};
 * wslab's client offers only what a browser does, so the suite reads the answer here rather than through
 * the client's handshake driver.
 */
public final class DeflateNegotiation {

    /** What the server made of the offer. */
    public sealed interface Answer {
        /** The server named permessage-deflate in its 101: compression is on, with these settings. */
        record Agreed(DeflateAgreement agreement, Extension response) implements Answer { }

        /** The server's 101 named no extension: it declined the offer (RFC 7692 §5), the handshake stands. */
        record Declined() implements Answer { }

        /** The server's answer is one a client must fail the connection on (RFC 7692 §7); {@code problem} says why. */
        record Refused(String problem) implements Answer { }
    }

    private DeflateNegotiation() {
    }

    /**
     * Returns the server's answer, in {@code response}, to {@code offers} (one or more, in the order of the
     * client's preference, RFC 7692 §5): the element it names must be valid for one of them.
     */
    public static Answer read(HttpResponse response, List<Extension> offers) {
        if (offers.isEmpty()) {
            throw new IllegalArgumentException("no offer was made");
        }
        List<String> lines = response.headers().all(WebSocketHeaders.SEC_WEBSOCKET_EXTENSIONS);
        if (lines.isEmpty()) {
            return new Answer.Declined();
        }
        List<Extension> elements;
        switch (ExtensionHeaderParser.parse(lines)) {
            case ParsedExtensions.Malformed malformed -> {
                return new Answer.Refused("the Sec-WebSocket-Extensions header is malformed: " + malformed.problem());
            }
            case ParsedExtensions.Parsed parsed -> elements = parsed.extensions();
        }
        if (elements.isEmpty()) {
            return new Answer.Declined();
        }
        if (elements.size() > 1) {
            return new Answer.Refused("the response names " + elements.size() + " extensions, one offer was made: "
                    + Extension.toHeaderValue(elements));
        }
        Optional<String> firstProblem = Optional.empty();
        for (Extension offer : offers) {
            switch (PerMessageDeflate.check(elements.get(0), offer)) {
                case PerMessageDeflate.ClientCheck.Agreed agreed -> {
                    return new Answer.Agreed(agreed.agreement(), elements.get(0));
                }
                case PerMessageDeflate.ClientCheck.Refused refused -> {
                    if (firstProblem.isEmpty()) {
                        firstProblem = Optional.of(refused.problem());
                    }
                }
            }
        }
        return new Answer.Refused(firstProblem.orElseThrow()
                + (offers.size() > 1 ? " (and it fits none of the other " + (offers.size() - 1) + " offers)" : ""));
    }

    /**
     * Returns the offers in a {@code Sec-WebSocket-Extensions} value, parsed by the §9.1 grammar, e.g.
     * {@code permessage-deflate; client_max_window_bits=9} or two offers separated by a comma.
     */
    public static List<Extension> offers(String headerValue) {
        return switch (ExtensionHeaderParser.parse(headerValue)) {
            case ParsedExtensions.Malformed malformed ->
                    throw new IllegalArgumentException("not an extension offer: " + malformed.problem());
            case ParsedExtensions.Parsed parsed when parsed.extensions().isEmpty() ->
                    throw new IllegalArgumentException("no offer in \"" + headerValue + "\"");
            case ParsedExtensions.Parsed parsed -> parsed.extensions();
        };
    }
}
