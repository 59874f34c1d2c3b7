/**
 * A WebSocket server (RFC 6455) on blocking sockets and virtual threads, built on the sans-I/O
 * {@code dev.wslab.protocol} and the sessions of {@code dev.wslab.transport}.
 *
 * <p>Start with {@link dev.wslab.server.WebSocketServer#builder()} and a
 * {@link dev.wslab.server.WebSocketHandler}. What a client meets, in order:
 * <ol>
 *   <li>the TLS handshake, when the server has a keystore ({@code wss://});</li>
 *   <li>the request head, which must arrive whole within the handshake timeout (else 408 and close);</li>
 *   <li>plain HTTP without {@code Upgrade}: the health path (200 "ok"), the metrics path (Prometheus
 *       text format), static files, or else 426 Upgrade Required with an explanation;</li>
 *   <li>the per-IP handshake rate limit (429 + Retry-After);</li>
 *   <li>the handshake's own checks (§4.2.1: 400, 405, 426), then the endpoint (404), the
 *       {@code Origin} allow-list (403), the {@link dev.wslab.server.Authenticator} (401/403), and the
 *       connection limit (503 + Retry-After);</li>
 *   <li>101 Switching Protocols, and the endpoint's handler on its own virtual thread.</li>
 * </ol>
 *
 * <h2>A slow reader</h2>
 * A client that stops reading fills the socket's buffers, then the session's outbound queue; past
 * {@link dev.wslab.transport.SessionOptions#maxQueuedBytes()} the session fails the connection with 1008
 * rather than let the server's memory grow, and the handler's next send throws
 * {@link java.lang.IllegalStateException}. If the client still reads nothing, so that not even the Close
 * frame can be written, the socket is closed after {@link dev.wslab.transport.SessionOptions#closeTimeout()}.
 * A client that sends faster than the handler takes messages is slowed down by TCP: the session stops
 * reading when its inbound queue is full. A connection on which nothing arrives for
 * {@link dev.wslab.transport.SessionOptions#idleTimeout()} (off by default) is closed with 1001; a peer
 * that vanished is noticed by the heartbeat (no Pong within the ping timeout: dropped, logged as 1006).
 *
 * <h2>A self-signed certificate for wss://</h2>
 * <pre>
 * keytool -genkeypair -alias wslab -keyalg EC -groupname secp256r1 -dname CN=localhost \
 *     -ext san=dns:localhost,ip:127.0.0.1 -validity 365 -storetype PKCS12 \
 *     -keystore wslab.p12 -storepass changeit
 * </pre>
 * then {@code builder().tls(Path.of("wslab.p12"), "changeit")}. Browsers and clients will not trust it
 * until told to: import it into the client's trust store, or open {@code https://localhost:PORT/healthz}
 * once in the browser and accept the warning.
 *
 * <h2>Logs and metrics</h2>
 * Every state transition (CONNECTING, OPEN, CLOSING, CLOSED) is logged through {@link System.Logger}
 * (logger {@code dev.wslab.server.WebSocketServer}, level INFO) with its time, the peer's address and the
 * close codes and reasons; the metrics are listed on {@link dev.wslab.server.ServerMetrics}.
 */
package dev.wslab.server;
