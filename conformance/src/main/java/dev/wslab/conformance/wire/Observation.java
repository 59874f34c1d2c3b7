package dev.wslab.conformance.wire;

import dev.wslab.conformance.Observed;
import dev.wslab.protocol.Violation;
import dev.wslab.protocol.close.CloseStatus;

import java.util.List;
import java.util.Optional;

/**
 * Observation is what the suite saw of the server in a case.
 *
 * @param events the messages, Pings, Pongs and markers, in order
 * @param closeReceived the server's Close frame, if one arrived
 * @param closeSent whether the suite sent a Close frame
 * @param tcpClosed whether the TCP connection ended (by the server, or after the suite closed it)
 * @param serverViolation a rule of RFC 6455 the server broke in what it sent, if any
 * @param serverLeftTcpOpen whether, after the closing handshake, the server did not close TCP in time
 * @param controlFrameAfterClose the first Close, Ping or Pong the server sent after its own Close, if any:
 *     odd, but only data frames are forbidden there (§5.5.1), so it is not a {@code serverViolation}
 */
public record Observation(List<Observed> events, Optional<CloseStatus> closeReceived, boolean closeSent,
                          boolean tcpClosed, Optional<Violation> serverViolation, boolean serverLeftTcpOpen,
                          Optional<String> controlFrameAfterClose) {

    /** What was observed of a server that sent nothing after its Close. */
    public Observation(List<Observed> events, Optional<CloseStatus> closeReceived, boolean closeSent,
                       boolean tcpClosed, Optional<Violation> serverViolation, boolean serverLeftTcpOpen) {
        this(events, closeReceived, closeSent, tcpClosed, serverViolation, serverLeftTcpOpen, Optional.empty());
    }

    /** Returns what was observed when no connection could be made. */
    public static Observation nothing() {
        return new Observation(List.of(), Optional.empty(), false, true, Optional.empty(), false);
    }
}
