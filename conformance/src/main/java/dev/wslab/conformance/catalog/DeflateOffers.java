package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.HandshakeCheck;
import dev.wslab.conformance.HandshakeCheck.Answer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * 14.1, permessage-deflate offers a server must decline (RFC 7692 §7: "A server MUST decline an extension
 * negotiation offer for this extension if any of the following conditions are met", among them an unknown
 * parameter, an invalid value and a duplicated name), and answers it must not give (§7.1.2.1, §7.1.2.2).
 * Declining leaves the offer out of the 101 (§5); the handshake itself is valid (RFC 6455 §9.1), so a server
 * that refuses it with 400 or 500 has not declined the offer but turned the client away: FAILED.
 */
final class DeflateOffers {

    private DeflateOffers() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(offer("14.1.1", "offers permessage-deflate with x_wslab_unknown, a parameter RFC 7692 does not define"
                + " for offers", "permessage-deflate; x_wslab_unknown"));
        cases.add(offer("14.1.2", "offers permessage-deflate with server_no_context_takeover twice (\"multiple"
                + " extension parameters with the same name\")", "permessage-deflate; server_no_context_takeover;"
                + " server_no_context_takeover"));
        cases.add(offer("14.1.3", "offers server_max_window_bits=7, below the range 8 to 15 (§7.1.2.1)",
                "permessage-deflate; server_max_window_bits=7"));
        cases.add(offer("14.1.4", "offers server_max_window_bits=16, above the range 8 to 15 (§7.1.2.1)",
                "permessage-deflate; server_max_window_bits=16"));
        cases.add(offer("14.1.5", "offers server_max_window_bits=08, a leading zero the value may not have (§7.1.2.1)",
                "permessage-deflate; server_max_window_bits=08"));
        cases.add(offer("14.1.6", "offers server_no_context_takeover=1, a value on a parameter that has none"
                + " (§7.1.1.1)", "permessage-deflate; server_no_context_takeover=1"));
        cases.add(offer("14.1.7", "offers client_no_context_takeover=1, a value on a parameter that has none"
                + " (§7.1.1.2)", "permessage-deflate; client_no_context_takeover=1"));
        cases.add(offer("14.1.8", "offers an invalid permessage-deflate (server_max_window_bits=16), then a plain one:"
                + " only the second may be accepted (§5: offers in the client's order of preference)",
                "permessage-deflate; server_max_window_bits=16, permessage-deflate"));
        cases.add(check("14.1.9", "splits its offers over two Sec-WebSocket-Extensions lines, an invalid one"
                        + " (x_wslab_unknown) on the first, a plain one on the second (RFC 6455 §9.1: the lines form"
                        + " one list)", head -> withLine(withLine(head, "permessage-deflate; x_wslab_unknown"),
                "permessage-deflate")));
        cases.add(offer("14.1.10", "offers a plain permessage-deflate: the response must not carry"
                + " client_max_window_bits, which was not offered (§7.1.2.2 MUST NOT)", CompressionBeyondAutobahn.PLAIN_OFFER));
        cases.add(offer("14.1.11", "offers server_max_window_bits=10: a response may carry it with 10 or less, never"
                + " more and never without it (§7.1.2.1), or decline", "permessage-deflate; server_max_window_bits=10"));
        return cases;
    }

    private static ConformanceCase offer(String id, String change, String offers) {
        return check(id, change, head -> withLine(head, offers));
    }

    private static ConformanceCase check(String id, String change, UnaryOperator<String> edit) {
        return new ConformanceCase(id, CompressionBeyondAutobahn.SECTION, "Send a handshake request that " + change
                + "; expect 101 without permessage-deflate, or with an element that validly accepts a valid offer"
                + " (RFC 7692 §7: the server MUST decline an invalid offer, and the handshake goes on; a 4xx or 5xx"
                + " fails).", List.of("4.2.2", "9.1"), List.of(), Expectation.echo(), Duration.ofSeconds(2), "",
                Optional.of(new HandshakeCheck(change, edit, new byte[0], Answer.DECLINE_INVALID_OFFERS)));
    }

    private static String withLine(String head, String offers) {
        return OpeningHandshake.addHeader("Sec-WebSocket-Extensions: " + offers).apply(head);
    }
}
