package dev.wslab.protocol.handshake;

/**
 * WebSocketHeaders names the header fields and fixed values of the opening handshake (RFC 6455 §4,
 * §11.3), so that no spelling is typed twice. Names are matched case-insensitively wherever they are read.
 */
public final class WebSocketHeaders {

    /** The server's authority; required in a request (§4.1 item 4). */
    public static final String HOST = "Host";
    /** Names the protocol to switch to; carries {@link #WEBSOCKET} in both directions. */
    public static final String UPGRADE = "Upgrade";
    /** Carries the {@code Upgrade} token in both directions. */
    public static final String CONNECTION = "Connection";
    /** The client's nonce (§4.1 item 7). */
    public static final String SEC_WEBSOCKET_KEY = "Sec-WebSocket-Key";
    /** The server's proof that it read the nonce (§4.2.2). */
    public static final String SEC_WEBSOCKET_ACCEPT = "Sec-WebSocket-Accept";
    /** The protocol version; the client sends {@link #VERSION}, a refusing server lists what it speaks (§4.4). */
    public static final String SEC_WEBSOCKET_VERSION = "Sec-WebSocket-Version";
    /** The subprotocols the client offers, or the one the server picked. */
    public static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";
    /** The extensions offered or accepted (§9.1). */
    public static final String SEC_WEBSOCKET_EXTENSIONS = "Sec-WebSocket-Extensions";
    /** The origin of the script that opens the connection, sent by browsers (§4.1 item 8, §10.2). */
    public static final String ORIGIN = "Origin";

    /** The {@code Upgrade} value of the WebSocket protocol, compared ASCII case-insensitively. */
    public static final String WEBSOCKET = "websocket";
    /** The {@code Connection} token that asks for the upgrade, compared ASCII case-insensitively. */
    public static final String UPGRADE_TOKEN = "Upgrade";
    /** The only version RFC 6455 defines. */
    public static final String VERSION = "13";

    private WebSocketHeaders() {
    }
}
