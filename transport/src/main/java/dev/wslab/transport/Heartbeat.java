package dev.wslab.transport;

import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.frame.Payload;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Heartbeat sends a session a Ping every {@code interval} and takes the peer for dead when its Pong has
 * not come {@code timeout} after the Ping: a dead path is noticed within interval + timeout, the only way
 * to notice a peer that vanished without closing TCP. While a Ping is unanswered no other is sent; a Pong
 * answers the latest Ping only (§5.5.3), so one at a time keeps the round-trip measurement honest.
 */
final class Heartbeat {

    private final WebSocketSession session;
    private final Duration interval;
    private final Duration timeout;
    private final SessionObserver observer;
    private final ReentrantLock lock = new ReentrantLock();

    /** The payload of the Ping awaiting its Pong, and when it was sent (System.nanoTime). */
    private Payload pendingPing;
    private long pendingPingSentAt;

    Heartbeat(WebSocketSession session, Duration interval, Duration timeout, SessionObserver observer) {
        this.session = session;
        this.interval = interval;
        this.timeout = timeout;
        this.observer = observer;
    }

    /** Runs until the connection is no longer open or the peer is taken for dead; on its own thread. */
    void run() {
        long sequence = 0;
        long nextPingAt = System.nanoTime() + interval.toNanos();
        while (session.state() == ConnectionState.OPEN) {
            Payload ping = null;
            boolean zombie;
            long wakeAt;
            lock.lock();
            try {
                long now = System.nanoTime();
                zombie = pendingPing != null && now - pendingPingSentAt >= timeout.toNanos();
                if (!zombie && now - nextPingAt >= 0) {
                    if (pendingPing == null) {
                        pendingPing = Payload.utf8("wslab-" + sequence++);
                        pendingPingSentAt = now;
                        ping = pendingPing;
                    }
                    nextPingAt = now + interval.toNanos();
                }
                wakeAt = pendingPing == null ? nextPingAt : Math.min(nextPingAt, pendingPingSentAt + timeout.toNanos());
            } finally {
                lock.unlock();
            }
            if (zombie) {
                session.abort("no Pong within " + timeout.toMillis() + " ms");
                return;
            }
            if (ping != null) {
                try {
                    session.sendPing(ping);
                } catch (IllegalStateException closing) {
                    return;
                }
            }
            try {
                Thread.sleep(Duration.ofNanos(Math.max(0, wakeAt - System.nanoTime())));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Takes a Pong: when it answers the pending Ping, the round trip is reported. */
    void pongReceived(Payload payload) {
        Duration roundTrip = null;
        lock.lock();
        try {
            if (payload.equals(pendingPing)) {
                roundTrip = Duration.ofNanos(System.nanoTime() - pendingPingSentAt);
                pendingPing = null;
            }
        } finally {
            lock.unlock();
        }
        if (roundTrip != null) {
            observer.pongReceived(session, roundTrip);
        }
    }
}
