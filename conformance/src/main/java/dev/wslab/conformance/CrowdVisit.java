package dev.wslab.conformance;

/**
 * CrowdVisit is what each connection of a {@link Step.Crowd} does: the abuse that many clients at once
 * can turn into a denial of service, where one alone could not.
 */
public sealed interface CrowdVisit {

    /**
     * Sends the first line of a handshake request for the target URL and its Host header, then stalls:
     * a slowloris crowd. All are held at once while a fresh connection must still be served, then closed.
     */
    record StalledRequest() implements CrowdVisit {
    }

    /**
     * Completes the handshake, sends the first {@code sentBytes} of the (masked) frames of a fragmented
     * {@code message}, then resets the connection (TCP RST): the server must free what the message held
     * (RFC 6455 §7.2, Tomcat CVE-2024-23672).
     */
    record AbortMidMessage(java.util.List<dev.wslab.protocol.frame.Frame> message, int sentBytes) implements CrowdVisit {
        public AbortMidMessage {
            message = java.util.List.copyOf(message);
        }
    }

    /**
     * Completes the handshake, sends a {@code messageBytes} binary message tagged with the connection's
     * number for echo, then a Close frame and at once a TCP RST, while the echo is in flight: whatever
     * the server was sending must not land on another connection (Tomcat CVE-2022-25762).
     */
    record CloseRacingEcho(int messageBytes) implements CrowdVisit {
    }
}
