package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.HandshakeCheck;
import dev.wslab.conformance.HandshakeCheck.Answer;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Section 0, the opening handshake (§4.2), which Autobahn does not test: how a server answers requests
 * that break a rule, and requests that are unusual but valid.
 */
final class OpeningHandshake {

    private static final String SECTION = "Opening Handshake";

    private OpeningHandshake() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        reject(cases, "0.1", "leaves out the Upgrade header", "4.2.1", remove("Upgrade"));
        reject(cases, "0.2", "asks to upgrade to h2c instead of websocket", "4.2.1", replace("Upgrade: websocket", "Upgrade: h2c"));
        reject(cases, "0.3", "leaves out the Connection header", "4.2.1", remove("Connection"));
        reject(cases, "0.4", "sends Connection: keep-alive, without the Upgrade token", "4.2.1",
                replace("Connection: Upgrade", "Connection: keep-alive"));
        reject(cases, "0.5", "leaves out Sec-WebSocket-Key", "4.2.1", remove("Sec-WebSocket-Key"));
        reject(cases, "0.6", "sends a Sec-WebSocket-Key that is not 16 bytes in base64", "4.2.1",
                head -> head.replaceAll("Sec-WebSocket-Key: [^\r]*", "Sec-WebSocket-Key: c2hvcnQ="));
        cases.add(check("0.7", "asks for version 8", "4.2.1, 4.4", replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8"),
                Answer.REJECT_WITH_VERSIONS));
        // A missing version is an invalid request (§4.2.1), not an unknown version (§4.4): any 4xx will do.
        reject(cases, "0.8", "leaves out Sec-WebSocket-Version", "4.2.1", remove("Sec-WebSocket-Version"));
        reject(cases, "0.9", "uses the POST method", "4.2.1", head -> head.replaceFirst("^GET ", "POST "));
        reject(cases, "0.10", "uses HTTP/1.0", "4.2.1", head -> head.replaceFirst(" HTTP/1.1\r\n", " HTTP/1.0\r\n"));
        reject(cases, "0.11", "leaves out the Host header", "4.2.1", remove("Host"));
        accept(cases, "0.12", "writes every header name in lower case", "4.2.1", OpeningHandshake::lowerCaseNames);
        accept(cases, "0.13", "sends Connection: keep-alive, Upgrade (a token list)", "4.2.1",
                replace("Connection: Upgrade", "Connection: keep-alive, Upgrade"));
        accept(cases, "0.14", "writes the Upgrade value as WebSocket (values are case-insensitive)", "4.2.1",
                replace("Upgrade: websocket", "Upgrade: WebSocket"));
        accept(cases, "0.15", "offers the subprotocol x-wslab-unknown, which the server cannot know: it must answer"
                + " without one, or with one that was offered", "4.2.2",
                addHeader("Sec-WebSocket-Protocol: x-wslab-unknown"));
        accept(cases, "0.16", "offers the extension x-wslab-unknown: the server must not answer with an extension"
                + " it was not offered", "4.2.2, 9.1", addHeader("Sec-WebSocket-Extensions: x-wslab-unknown"));
        byte[] early = FrameEncoder.encode(Frame.text("right after the handshake").maskedWith(0x01020304));
        cases.add(new ConformanceCase("0.17", SECTION, "Send a valid request and, in the same write, a text frame;"
                + " expect 101, then the message echoed: the bytes after the head are frames.", List.of("4.2.2", "5.2"),
                List.of(), Expectation.echo(Observed.text("right after the handshake")), Duration.ofSeconds(2), "",
                Optional.of(new HandshakeCheck("sends a frame right after the request head", UnaryOperator.identity(),
                        early, Answer.ACCEPT))));
        return cases;
    }

    private static void reject(List<ConformanceCase> cases, String id, String change, String rfc, UnaryOperator<String> edit) {
        cases.add(check(id, change, rfc, edit, Answer.REJECT));
    }

    private static void accept(List<ConformanceCase> cases, String id, String change, String rfc, UnaryOperator<String> edit) {
        cases.add(check(id, change, rfc, edit, Answer.ACCEPT));
    }

    static ConformanceCase check(String id, String change, String rfc, UnaryOperator<String> edit, Answer answer) {
        String expectation = switch (answer) {
            case ACCEPT -> "expect 101 Switching Protocols with a valid handshake";
            case REJECT -> "expect an HTTP error status (4xx), not 101";
            case REJECT_WITH_VERSIONS -> "expect an HTTP error status (such as 426) with Sec-WebSocket-Version: 13";
            case REJECT_OR_CLOSE -> "expect an HTTP error status (such as 431) or the connection closed, not 101";
            case ANY_ANSWER -> "expect an answer, 101 or an error, within the connect timeout";
            case REJECT_OR_VALID_ACCEPT -> "expect an error status (such as 400), the connection closed, or a valid 101"
                    + " that selects no extension or subprotocol, within the connect timeout";
            case SERVER_CLOSES -> "expect the server to close the connection (with an error status such as 408, or"
                    + " without one) by its own handshake deadline, never 101";
            case RECORDED -> "expect any answer: it is the server's policy, recorded, not judged";
            case DECLINE_INVALID_OFFERS -> "expect 101 without permessage-deflate, or with an element valid for one of"
                    + " the valid offers (RFC 7692 §7: a server MUST decline an invalid offer, not refuse the handshake)";
        };
        List<Step> noSteps = List.of();
        return new ConformanceCase(id, id.startsWith("20.") ? "Robustness" : SECTION, "Send a handshake request that " + change + "; " + expectation + ".",
                List.of(rfc.split(",\\s*")), noSteps, Expectation.echo(), Duration.ofSeconds(2), "",
                Optional.of(new HandshakeCheck(change, edit, new byte[0], answer)));
    }

    private static UnaryOperator<String> remove(String header) {
        return head -> head.replaceAll("(?im)^" + header + ":[^\r]*\r\n", "");
    }

    private static UnaryOperator<String> replace(String from, String to) {
        return head -> {
            if (!head.contains(from)) {
                throw new IllegalStateException("the request has no '" + from + "'");
            }
            return head.replace(from, to);
        };
    }

    static UnaryOperator<String> addHeader(String line) {
        return head -> head.substring(0, head.length() - 2) + line + "\r\n\r\n";
    }

    private static String lowerCaseNames(String head) {
        StringBuilder out = new StringBuilder();
        String[] lines = head.split("\r\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            out.append(i > 0 && colon > 0 ? line.substring(0, colon).toLowerCase() + line.substring(colon) : line);
            if (i < lines.length - 1) {
                out.append("\r\n");
            }
        }
        return out.toString();
    }
}
