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
 * @param suiteClose whether the suite sent a Close frame
 * @param tcp whether the TCP connection ended (by the server, or after the suite closed it)
 * @param serverViolation a rule of RFC 6455 the server broke in what it sent, if any
 * @param tcpAfterHandshake whether, after the closing handshake, the server did not close TCP in time
 * @param controlFrameAfterClose the first Close, Ping or Pong the server sent after its own Close, if any:
 *     odd, but only data frames are forbidden there (§5.5.1), so it is not a {@code serverViolation}
 */
public record Observation(List<Observed> events, Optional<CloseStatus> closeReceived, SuiteClose suiteClose,
                          Tcp tcp, Optional<Violation> serverViolation, TcpAfterHandshake tcpAfterHandshake,
                          Optional<String> controlFrameAfterClose) {

    /** Whether the suite sent a Close frame. */
    public enum SuiteClose { NOT_SENT, SENT }

    /** Whether the TCP connection has ended. */
    public enum Tcp { OPEN, CLOSED }

    /** Whether the server left TCP open after the closing handshake (§7.1.1: the server closes it first). */
    public enum TcpAfterHandshake { NOT_LEFT_OPEN, LEFT_OPEN_BY_SERVER }

    /** What was observed of a server that sent nothing after its Close. */
    public Observation(List<Observed> events, Optional<CloseStatus> closeReceived, SuiteClose suiteClose,
                       Tcp tcp, Optional<Violation> serverViolation, TcpAfterHandshake tcpAfterHandshake) {
        this(events, closeReceived, suiteClose, tcp, serverViolation, tcpAfterHandshake, Optional.empty());
    }

    /** Returns what was observed when no connection could be made. */
    public static Observation nothing() {
        return new Observation(List.of(), Optional.empty(), SuiteClose.NOT_SENT, Tcp.CLOSED, Optional.empty(),
                TcpAfterHandshake.NOT_LEFT_OPEN);
    }

    /** Whether the suite sent a Close frame. */
    public boolean closeSent() {
        return suiteClose == SuiteClose.SENT;
    }

    /** Whether the TCP connection has ended. */
    public boolean tcpClosed() {
        return tcp == Tcp.CLOSED;
    }

    /** Whether, after the closing handshake, the server did not close TCP in time. */
    public boolean serverLeftTcpOpen() {
        return tcpAfterHandshake == TcpAfterHandshake.LEFT_OPEN_BY_SERVER;
    }
}
