package dev.wslab.conformance;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.extensions.PerMessageDeflateHandshake;

import java.net.InetSocketAddress;
import java.util.OptionalInt;

/**
 * UndertowEchoServer is Undertow's WebSocket echo, with Undertow's defaults, on a free loopback port; or,
 * made by {@link #deflating(int)}, with Undertow's permessage-deflate (RFC 7692) turned on.
 */
public final class UndertowEchoServer implements AutoCloseable {

    private final Undertow undertow;

    UndertowEchoServer() {
        this(OptionalInt.empty());
    }

    /** Undertow's echo with its {@link PerMessageDeflateHandshake} added, compressing at zlib's {@code level}. */
    public static UndertowEchoServer deflating(int level) {
        return new UndertowEchoServer(OptionalInt.of(level));
    }

    private UndertowEchoServer(OptionalInt deflateLevel) {
        WebSocketProtocolHandshakeHandler websocket = Handlers.websocket((exchange, channel) -> {
                    channel.getReceiveSetter().set(new AbstractReceiveListener() {
                        @Override
                        protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
                            WebSockets.sendText(message.getData(), channel, null);
                        }

                        @Override
                        protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
                            WebSockets.sendBinary(message.getData().getResource(), channel, null);
                        }
                    });
                    channel.resumeReceives();
                });
        // false: the handshake's extensions are not to be overridden by the application's
        deflateLevel.ifPresent(level -> websocket.addExtension(new PerMessageDeflateHandshake(false, level)));
        undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(websocket).build();
        undertow.start();
    }

    public String uri() {
        int port = ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
        return "ws://127.0.0.1:" + port + "/";
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
