package dev.wslab.client;

/**
 * ReconnectStats counts what a {@link ReconnectingClient} did, for logs, dashboards and tests.
 *
 * @param attempts connection attempts started
 * @param opened attempts that opened a session
 * @param failed attempts that failed (refused, timed out, handshake refused, ...)
 * @param dropped open sessions that ended in a way that called for a reconnect (1006, 1001, 1011, ...)
 */
public record ReconnectStats(long attempts, long opened, long failed, long dropped) {
}
