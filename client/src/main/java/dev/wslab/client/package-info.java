/**
 * The WebSocket client: {@link dev.wslab.client.WebSocketClient#connect} opens TCP (and TLS for wss),
 * performs the opening handshake of RFC 6455 §4.1 and returns a running
 * {@link dev.wslab.transport.WebSocketSession}; {@link dev.wslab.client.ReconnectingClient} keeps one
 * connected with backoff; {@link dev.wslab.client.MessageWatchdog} notices silence.
 */
package dev.wslab.client;
