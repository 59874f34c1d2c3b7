package dev.wslab.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * SessionOptions are the timing and memory knobs of a {@link WebSocketSession}; every one has a safe
 * default, explained here.
 *
 * @param pingInterval how often to send a Ping while the connection is open; {@link Duration#ZERO} for
 *     never. Default 20 s: well under the 60 s idle timeout that proxies such as nginx apply by default,
 *     so the connection never looks idle to them; a dead peer is noticed within interval + timeout (40 s).
 * @param pingTimeout how long to wait for the Pong before the peer is taken for dead and the connection
 *     is dropped without a closing handshake (reported as 1006). Default 20 s.
 * @param closeTimeout how long to wait for the peer's Close frame (after sending ours), or for a server
 *     to close TCP (after a client's closing handshake), before closing the socket anyway. Default 10 s.
 * @param idleTimeout how long a read may wait for any byte before the connection is closed with 1001;
 *     {@link Duration#ZERO} for never. Default 0: heartbeats are the better tool (they keep proxies from
 *     timing out, which an idle timeout cannot).
 * @param maxQueuedBytes how many bytes of outgoing frames may wait for a slow peer to read them. When a
 *     send would exceed it while earlier bytes are still waiting, the connection is failed with 1008 rather
 *     than let memory grow; a message sent when nothing is waiting always goes, whatever its size.
 *     Default 1 MiB.
 * @param inboundQueueCapacity how many received messages may wait for the application to take them;
 *     when full, the session stops reading the socket, and TCP slows the peer down. Default 16.
 */
public record SessionOptions(Duration pingInterval, Duration pingTimeout, Duration closeTimeout,
                             Duration idleTimeout, long maxQueuedBytes, int inboundQueueCapacity) {

    /** The defaults described above. */
    public static final SessionOptions DEFAULTS = new SessionOptions(Duration.ofSeconds(20), Duration.ofSeconds(20),
            Duration.ofSeconds(10), Duration.ZERO, 1 << 20, 16);

    public SessionOptions {
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(pingTimeout, "pingTimeout");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (pingInterval.isNegative() || pingTimeout.isNegative() || closeTimeout.isNegative() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (maxQueuedBytes <= 0 || inboundQueueCapacity <= 0) {
            throw new IllegalArgumentException("maxQueuedBytes and inboundQueueCapacity must be positive");
        }
    }

    /** Returns a copy with another heartbeat: a Ping every {@code interval}, dead after {@code timeout} without Pong. */
    public SessionOptions withHeartbeat(Duration interval, Duration timeout) {
        return new SessionOptions(interval, timeout, closeTimeout, idleTimeout, maxQueuedBytes, inboundQueueCapacity);
    }

    /** Returns a copy with another close timeout. */
    public SessionOptions withCloseTimeout(Duration timeout) {
        return new SessionOptions(pingInterval, pingTimeout, timeout, idleTimeout, maxQueuedBytes, inboundQueueCapacity);
    }

    /** Returns a copy with another idle timeout. */
    public SessionOptions withIdleTimeout(Duration timeout) {
        return new SessionOptions(pingInterval, pingTimeout, closeTimeout, timeout, maxQueuedBytes, inboundQueueCapacity);
    }

    /** Returns a copy with another outgoing queue bound. */
    public SessionOptions withMaxQueuedBytes(long bytes) {
        return new SessionOptions(pingInterval, pingTimeout, closeTimeout, idleTimeout, bytes, inboundQueueCapacity);
    }

    /** Returns a copy with another inbound queue capacity. */
    public SessionOptions withInboundQueueCapacity(int messages) {
        return new SessionOptions(pingInterval, pingTimeout, closeTimeout, idleTimeout, maxQueuedBytes, messages);
    }
}
