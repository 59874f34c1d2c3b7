package dev.wslab.server;

import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.deflate.DeflateTotals;
import dev.wslab.protocol.frame.FrameDecoder;
import dev.wslab.protocol.frame.FrameHeader;
import dev.wslab.protocol.frame.FramePart;
import dev.wslab.transport.Direction;
import dev.wslab.transport.SessionObserver;
import dev.wslab.transport.WebSocketSession;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * ConnectionObserver watches one session for the server: it logs every state transition and feeds the
 * metrics. Outgoing messages are counted by decoding the frame headers the session writes (a server's
 * frames are never masked, and this server sends every message in one frame). With permessage-deflate
 * agreed, what the connection compressed and inflated is counted as it happens: after each message
 * received, and before each write.
 */
final class ConnectionObserver implements SessionObserver {

    private final SocketAddress remote;
    private final ServerMetrics metrics;
    private final Consumer<Transition> log;
    /** Reads the outgoing byte stream back into frames; only the writer thread touches it. */
    private final FrameDecoder outgoingFrames = new FrameDecoder();
    private boolean outgoingBroken;
    /** Whether permessage-deflate was agreed in the handshake. */
    private volatile boolean deflateAgreed;
    /** Guards {@link #counted}: the reader and the writer both count. Not synchronized: no pinning. */
    private final ReentrantLock compressionLock = new ReentrantLock();
    /** The connection's compression totals as last counted. */
    private DeflateTotals counted = DeflateTotals.NONE;

    ConnectionObserver(SocketAddress remote, ServerMetrics metrics, Consumer<Transition> log) {
        this.remote = remote;
        this.metrics = metrics;
        this.log = log;
    }

    // tag::transitions[]
    /** Logs a transition the server itself drives (CONNECTING, OPEN). */
    void transition(ConnectionState state, String detail) {
        log.accept(new Transition(Instant.now(), remote, state, detail));
    }

    /** The handshake agreed on permessage-deflate; called before the session starts. */
    void deflateAgreed() {
        deflateAgreed = true;
        metrics.deflateConnectionOpened();
    }

    /** Adds what the connection compressed and inflated since the last count to the metrics. */
    private void countCompression(WebSocketSession session) {
        if (!deflateAgreed) {
            return;
        }
        compressionLock.lock();
        try {
            DeflateTotals now = session.deflateTotals();
            metrics.compression(now.minus(counted));
            counted = now;
        } finally {
            compressionLock.unlock();
        }
    }

    @Override
    public void stateChanged(WebSocketSession session, ConnectionState state, String detail) {
        // CLOSED is logged from the Closed event, which carries the codes; an abort adds its reason here.
        if (state != ConnectionState.CLOSED || !detail.isEmpty()) {
            transition(state, detail);
        }
    }

    @Override
    public void event(WebSocketSession session, Event event) {
        switch (event) {
            case Event.TextMessage text -> {
                metrics.messageIn();
                countCompression(session);
            }
            case Event.BinaryMessage binary -> {
                metrics.messageIn();
                countCompression(session);
            }
            case Event.Failed failed -> transition(ConnectionState.CLOSING, "failed: " + failed.violation());
            case Event.Closed closed -> {
                countCompression(session);
                metrics.connectionClosed(closed);
                if (deflateAgreed) {
                    metrics.deflateConnectionClosed();
                }
                transition(ConnectionState.CLOSED, "code=" + ServerMetrics.closeCode(closed)
                        + " received=" + describe(closed.received()) + " sent=" + describe(closed.sent())
                        + (closed.cleanly() ? " cleanly" : " not cleanly"));
            }
            default -> {
            }
        }
    }
    // end::transitions[]

    /** Returns a status as logged; 1006 in a Closed event means that no Close frame went that way. */
    private static String describe(CloseStatus status) {
        return status.equals(CloseStatus.ABNORMAL) ? "none" : status.toString();
    }

    @Override
    public void bytes(WebSocketSession session, Direction direction, byte[] bytes, int offset, int length) {
        metrics.bytes(direction, length);
        if (direction == Direction.OUTBOUND) {
            countCompression(session); // the message being written was compressed when it was queued
        }
        if (direction == Direction.OUTBOUND && !outgoingBroken) {
            countOutgoingMessages(ByteBuffer.wrap(bytes, offset, length));
        }
    }

    private void countOutgoingMessages(ByteBuffer written) {
        try {
            FramePart part;
            while ((part = outgoingFrames.next(written)) != null) {
                if (part instanceof FrameHeader header && header.fin() && !header.isControl()) {
                    metrics.messageOut();
                }
            }
        } catch (RuntimeException e) {
            outgoingBroken = true; // cannot happen with our own encoder; stop counting rather than fail the write
        }
    }

    @Override
    public void pongReceived(WebSocketSession session, Duration roundTrip) {
        metrics.pingRoundTrip(roundTrip);
    }
}
