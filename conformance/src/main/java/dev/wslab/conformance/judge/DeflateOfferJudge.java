package dev.wslab.conformance.judge;

import dev.wslab.conformance.HandshakeCheck;
import dev.wslab.conformance.wire.HandshakeProbe;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.deflate.PerMessageDeflate;
import dev.wslab.protocol.extension.Extension;
import dev.wslab.protocol.extension.ExtensionHeaderParser;
import dev.wslab.protocol.extension.ExtensionParameter;
import dev.wslab.protocol.extension.ParsedExtensions;
import dev.wslab.protocol.handshake.ClientHandshakeResult;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.handshake.WebSocketHeaders;
import dev.wslab.protocol.http.HttpResponse;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * DeflateOfferJudge judges a server's answer to a request carrying permessage-deflate offers, some of them
 * invalid (RFC 7692 §7): the server must go on with a 101, leave every invalid offer out of it, and accept,
 * if anything, one valid offer with a valid response (§7.1.2.1, §7.1.2.2).
 *
 * <p>The offers are read back from the request the check writes: its edit applied to a bare request head.
 */
final class DeflateOfferJudge {

    private static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";
    private static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";

    private DeflateOfferJudge() {
    }

    static Finding judge(HandshakeCheck check, HandshakeProbe probe) {
        List<Extension> offers = offersIn(check).stream().filter(o -> o.name().equals(PerMessageDeflate.NAME)).toList();
        List<Extension> valid = offers.stream().filter(DeflateOfferJudge::isValid).toList();
        boolean someInvalid = valid.size() < offers.size();
        if (probe.response().isEmpty()) {
            return Finding.of(Reasons.VALID_REQUEST_NOT_ACCEPTED, "a request that " + check.change() + " is valid"
                    + " (RFC 6455 §9.1), but the server closed the connection without an HTTP response");
        }
        HttpResponse response = probe.response().get();
        if (response.status() != 101) {
            String seen = "the server answered " + response.status() + " " + response.reason() + " to a request that "
                    + check.change();
            return someInvalid && response.status() >= 400
                    ? Finding.of(CompressionReasons.INVALID_OFFER_REFUSED, seen + ", instead of declining the offer")
                    : Finding.of(Reasons.VALID_REQUEST_NOT_ACCEPTED, seen);
        }
        return switch (probe.result()) {
            case ClientHandshakeResult.Accepted accepted -> Finding.ok("the server answered 101 without"
                    + " permessage-deflate: it declined " + (offers.size() == 1 ? "the offer" : "every offer"));
            case HandshakeFailure failure when failure.kind() == HandshakeFailure.Kind.UNEXPECTED_EXTENSION ->
                    element(response, valid, someInvalid);
            case HandshakeFailure failure -> Finding.of(Reasons.VALID_REQUEST_NOT_ACCEPTED, "a request that "
                    + check.change() + " is valid, but the 101 is not: " + failure.message());
        };
    }

    /** Judges the extension element of a 101 against the valid offers. */
    private static Finding element(HttpResponse response, List<Extension> valid, boolean someInvalid) {
        List<String> lines = response.headers().all(WebSocketHeaders.SEC_WEBSOCKET_EXTENSIONS);
        List<Extension> elements = switch (ExtensionHeaderParser.parse(lines)) {
            case ParsedExtensions.Malformed malformed -> List.of();
            case ParsedExtensions.Parsed parsed -> parsed.extensions();
        };
        if (elements.size() != 1 || !elements.get(0).name().equals(PerMessageDeflate.NAME)) {
            return Finding.of(Reasons.VALID_REQUEST_NOT_ACCEPTED, "the 101 names " + String.join(", ", lines)
                    + ": not one permessage-deflate element (RFC 6455 §9.1: the server picks from the offers)");
        }
        Extension answer = elements.get(0);
        String named = "the server accepted " + answer.toHeaderValue();
        if (valid.isEmpty()) {
            return Finding.of(CompressionReasons.INVALID_OFFER_ACCEPTED, named + ", though no offer was valid");
        }
        for (Extension offer : valid) {
            if (PerMessageDeflate.check(answer, offer) instanceof PerMessageDeflate.ClientCheck.Agreed) {
                return Finding.ok(named + ", a valid answer to the valid offer " + offer.toHeaderValue());
            }
        }
        if (value(answer, CLIENT_MAX_WINDOW_BITS).isPresent() && valid.stream().allMatch(o -> value(o, CLIENT_MAX_WINDOW_BITS).isEmpty())) {
            return Finding.of(CompressionReasons.CLIENT_WINDOW_NOT_OFFERED, named + ", with client_max_window_bits,"
                    + " which no valid offer had");
        }
        Optional<Optional<String>> offeredWindow = value(valid.get(0), SERVER_MAX_WINDOW_BITS);
        if (valid.size() == 1 && offeredWindow.flatMap(v -> v).isPresent()) {
            return Finding.of(CompressionReasons.INVALID_OFFER_ACCEPTED, named + " to the offer "
                    + valid.get(0).toHeaderValue() + ": §7.1.2.1 accepts a server_max_window_bits offer only \"with the"
                    + " same or smaller value as the offer\", so the server does not support the offered window");
        }
        String problem = ((PerMessageDeflate.ClientCheck.Refused) PerMessageDeflate.check(answer, valid.get(0))).problem();
        return someInvalid
                ? Finding.of(CompressionReasons.INVALID_OFFER_ACCEPTED, named + ", which answers none of the valid"
                + " offers: " + problem)
                : Finding.of(Reasons.VALID_REQUEST_NOT_ACCEPTED, named + ", which a client must refuse: " + problem);
    }

    /** Whether an offer is one a server may accept (RFC 7692 §7: no unknown, duplicated or invalid parameter). */
    private static boolean isValid(Extension offer) {
        return PerMessageDeflate.answer(List.of(offer), DeflateOptions.DEFAULTS).agreement().isPresent();
    }

    /** The value of a parameter: empty when absent, an empty Optional inside when present without a value. */
    private static Optional<Optional<String>> value(Extension extension, String name) {
        return extension.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .map(ExtensionParameter::value);
    }

    /** The extension offers of the check's request, in order, over all its header lines. */
    static List<Extension> offersIn(HandshakeCheck check) {
        String head = check.editRequest().apply("GET / HTTP/1.1\r\nHost: wslab.invalid\r\n\r\n");
        List<String> lines = Arrays.stream(head.split("\r\n"))
                .filter(line -> line.regionMatches(true, 0, WebSocketHeaders.SEC_WEBSOCKET_EXTENSIONS + ":", 0,
                        WebSocketHeaders.SEC_WEBSOCKET_EXTENSIONS.length() + 1))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).toList();
        return switch (ExtensionHeaderParser.parse(lines)) {
            case ParsedExtensions.Malformed malformed -> List.of();
            case ParsedExtensions.Parsed parsed -> parsed.extensions();
        };
    }
}
