package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.CrowdVisit;
import dev.wslab.conformance.HandshakeCheck;
import dev.wslab.conformance.HandshakeCheck.Answer;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.RequestDelivery;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.catalog.StatedLimits.Limit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static dev.wslab.conformance.catalog.Cases.*;
import static dev.wslab.conformance.catalog.ProbeCommon.*;

/** Part A of the robustness probes (section 20): the opening handshake and the HTTP layer. */
final class HandshakeProbes {

    private HandshakeProbes() {
    }

    /** Part A of the catalog: the opening handshake and the HTTP layer. */
    static List<ConformanceCase> cases(ProbeBounds bounds, StatedLimits limits) {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(oversizedHead("20.1", "has a request line with a 64 KiB path (an 8 KiB line limit is common)",
                "GET /".length() + 64 * 1024, head -> head.replaceFirst("^GET /", "GET /" + "a".repeat(64 * 1024)), limits));
        String pad = "X-Pad: " + "p".repeat(1 << 20);
        cases.add(oversizedHead("20.2", "carries one 1 MiB header value (CVE-2023-43669: minutes of CPU per request)",
                pad.length(), OpeningHandshake.addHeader(pad), limits));
        String headers = manyHeaders(10_000);
        cases.add(oversizedHead("20.3", "carries 10,000 distinct short headers (CVE-2024-37890: silent truncation)",
                headers.length(), OpeningHandshake.addHeader(headers), limits));
        cases.add(handshake("20.4", "Send a 12 KiB handshake request (six 2,000-byte X-Pad headers) one byte per write,"
                        + " with TCP_NODELAY (tungstenite CVE-2023-43669: a parser that re-reads the head on every read"
                        + " does quadratic work); expect an answer, 101 or an error, within the connect timeout."
                        + ProbePolicy.RESPONSIVENESS.assumed("an answer within the connect timeout"),
                "4.2.1, 10.4", Duration.ofSeconds(2), new HandshakeCheck("is written one byte per write",
                        OpeningHandshake.addHeader(padding(6, 2000)), new byte[0], Answer.ANY_ANSWER,
                        new RequestDelivery.Chopped(1))));
        Duration handshakePatience = patience(limits.handshakeTimeout(), bounds.handshakePatience());
        Answer closesInTime = limits.handshakeTimeout() instanceof Limit.None ? Answer.RECORDED : Answer.SERVER_CLOSES;
        cases.add(handshake("20.5.1", "Send the request line, then one header line every "
                        + seconds(bounds.trickleInterval()) + ", never the empty line that ends the head (slowloris):"
                        + " expect the server to close the connection, with an error such as 408 or without one, within "
                        + seconds(handshakePatience) + ". Only an absolute handshake deadline does that: an"
                        + " inactivity timer restarts with every line (python-websockets and Netty: 10 s from accept)."
                        + ProbePolicy.HANDSHAKE_TIMEOUT.assumed(timeout(limits.handshakeTimeout(), handshakePatience)),
                "10.4", handshakePatience, new HandshakeCheck("never ends", UnaryOperator.identity(), new byte[0],
                        closesInTime, new RequestDelivery.Trickled(bounds.trickleInterval()))));
        cases.add(testCase("20.5.2", SECTION, "Open " + CROWD + " connections to the URL that each send the first two"
                        + " lines of a handshake request and stall (a slowloris crowd); expect a fresh connection to"
                        + " complete its handshake and echo a message while all of them are held. Then they are closed."
                        + ProbePolicy.RESPONSIVENESS.assumed("a 65th client served while 64 handshakes stall"),
                "10.4", steps(new Step.Crowd(CROWD, CROWD, new CrowdVisit.StalledRequest())),
                Expectation.echo(new Observed.Marker(Step.Crowd.SERVED)), 2));
        cases.add(handshake("20.6", "Open a connection and send nothing: expect the server to close it within "
                        + seconds(handshakePatience) + " (an idle socket before the request is a code path"
                        + " of its own in many servers)."
                        + ProbePolicy.HANDSHAKE_TIMEOUT.assumed(timeout(limits.handshakeTimeout(), handshakePatience)),
                "10.4", handshakePatience, new HandshakeCheck("is never sent", UnaryOperator.identity(), new byte[0],
                        closesInTime, new RequestDelivery.Silent())));
        cases.add(answersInTime(OpeningHandshake.check("20.7", "offers Sec-WebSocket-Protocol: b, 50,000 spaces, x"
                        + " (CVE-2021-32640: a regex that backtracks)", "4.2.1, 10.4",
                OpeningHandshake.addHeader("Sec-WebSocket-Protocol: b" + " ".repeat(50_000) + "x"), Answer.ANY_ANSWER)));
        cases.add(answersInTime(OpeningHandshake.check("20.8", "offers Sec-WebSocket-Extensions: permessage-deflate; a=\" and 50,000 \\c"
                        + " pairs, never closing the quote (CVE-2020-7662/7663: an exponential regex in"
                        + " websocket-extensions)", "9.1, 10.4",
                OpeningHandshake.addHeader("Sec-WebSocket-Extensions: permessage-deflate; a=\"" + "\\c".repeat(50_000)),
                Answer.REJECT_OR_VALID_ACCEPT)));
        cases.add(extensions("20.9.1", "offers 5,000 unknown extensions in one header", offers(5000)));
        cases.add(extensions("20.9.2", "offers one unknown extension with 1,000 parameters", parameters(1000)));
        cases.add(extensions("20.9.3", "offers extensions and parameters named constructor, __proto__ and class (ws"
                + " NSP 550: such names crashed a parser built on a plain object)",
                "constructor, __proto__; constructor=1; class, toString; __proto__=x"));
        cases.add(extensions("20.9.4", "offers permessage-deflate with duplicated parameters, which RFC 7692 §7 says"
                + " a server must decline", "permessage-deflate; server_no_context_takeover; server_no_context_takeover;"
                + " server_max_window_bits=10; server_max_window_bits=11"));
        cases.add(origin("20.13.1", "comes from a foreign page, Origin: https://attacker.invalid, with a Cookie"
                + " (cross-site WebSocket hijacking; Spring CVE-2026-59390)", "https://attacker.invalid"));
        cases.add(origin("20.13.2", "carries Origin: null (a sandboxed frame or a file: page), with a Cookie", "null"));
        cases.add(origin("20.13.3", "comes from the server's own origin, http://<Host>, with a Cookie: the control"
                + " that tells a same-origin policy from refusing every browser", null));
        return cases;
    }

    /**
     * A request whose head is {@code addedBytes} larger than usual: over the server's head limit, the server
     * must refuse it (or close); within a stated limit, any timely answer will do.
     */
    static ConformanceCase oversizedHead(String id, String change, int addedBytes, UnaryOperator<String> edit,
                                                 StatedLimits limits) {
        boolean within = switch (limits.maxHeaderSize()) {
            case Limit.Unstated<Long> unstated -> false;
            case Limit.None<Long> none -> true;
            case Limit.AtMost<Long> stated -> stated.value() >= addedBytes;
        };
        String assumption = switch (limits.maxHeaderSize()) {
            case Limit.Unstated<Long> unstated -> "below this request's " + size(addedBytes) + " of extra head";
            case Limit.None<Long> none -> "none, as stated, so any timely answer will do";
            case Limit.AtMost<Long> stated -> "as stated, " + size(stated.value()) + (within
                    ? ", which this request's " + size(addedBytes) + " of extra head may fit, so any timely answer will do"
                    : ", below this request's " + size(addedBytes) + " of extra head");
        };
        ConformanceCase check = OpeningHandshake.check(id, change, "4.2.1, 10.4", edit,
                within ? Answer.ANY_ANSWER : Answer.REJECT_OR_CLOSE);
        return withDescription(check, check.description() + ProbePolicy.MAX_HEADER_SIZE.assumed(assumption));
    }

    /** A handshake probe whose RFC check comes with a time limit: a miss of the time is UNSAFE, not FAILED. */
    static ConformanceCase answersInTime(ConformanceCase check) {
        return withDescription(check, check.description()
                + ProbePolicy.RESPONSIVENESS.assumed("an answer within the connect timeout"));
    }

    static ConformanceCase handshake(String id, String description, String rfc, Duration deadline,
                                             HandshakeCheck check) {
        return new ConformanceCase(id, SECTION, description, List.of(rfc.split(",\\s*")), List.of(), Expectation.echo(),
                deadline, "", Optional.of(check));
    }

    static ConformanceCase extensions(String id, String change, String value) {
        return answersInTime(OpeningHandshake.check(id, change + " (RFC 6455 §9.1: the server picks from the offer, or"
                + " nothing)", "4.2.2, 9.1", OpeningHandshake.addHeader("Sec-WebSocket-Extensions: " + value),
                Answer.REJECT_OR_VALID_ACCEPT));
    }

    /** A case recording the answer to a request from {@code origin}; null for the target's own origin. */
    static ConformanceCase origin(String id, String change, String origin) {
        UnaryOperator<String> edit = head -> {
            String withoutOrigin = head.replaceAll("(?im)^Origin:[^\r]*\r\n", "");
            String value = origin != null ? origin : "http://" + hostOf(head);
            return OpeningHandshake.addHeader("Origin: " + value + "\r\nCookie: session=wslab-probe").apply(withoutOrigin);
        };
        return OpeningHandshake.check(id, change + "; RFC 6455 §10.2 leaves the policy to the server, so the answer is"
                + " recorded: 403 protects browser users' cookies, 101 suits non-browser clients", "4.2.2, 10.2", edit,
                Answer.RECORDED);
    }

    static String hostOf(String head) {
        java.util.regex.Matcher host = java.util.regex.Pattern.compile("(?im)^Host:\\s*([^\r]*)\r\n").matcher(head);
        return host.find() ? host.group(1).strip() : "localhost";
    }

    static String padding(int headers, int bytes) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < headers; i++) {
            lines.append(i == 0 ? "" : "\r\n").append("X-Pad-").append(i).append(": ").append("p".repeat(bytes));
        }
        return lines.toString();
    }

    static String offers(int count) {
        StringBuilder offers = new StringBuilder();
        for (int i = 0; i < count; i++) {
            offers.append(i == 0 ? "" : ", ").append("x-wslab-").append(i);
        }
        return offers.toString();
    }

    static String parameters(int count) {
        StringBuilder offer = new StringBuilder("x-wslab");
        for (int i = 0; i < count; i++) {
            offer.append("; p").append(i).append('=').append(i);
        }
        return offer.toString();
    }

    static String manyHeaders(int count) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append(i == 0 ? "" : "\r\n").append("X-H").append(i).append(": ").append(i);
        }
        return lines.toString();
    }
}
