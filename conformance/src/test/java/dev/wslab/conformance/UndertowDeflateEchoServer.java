package dev.wslab.conformance;

import io.undertow.Undertow;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.extensions.PerMessageDeflateHandshake;

import java.net.InetSocketAddress;

/**
 * UndertowDeflateEchoServer is Undertow's WebSocket echo with its permessage-deflate turned on
 * ({@code PerMessageDeflateHandshake}, server side, level 6), otherwise Undertow's defaults, on a free
 * loopback port.
 */
public final class UndertowDeflateEchoServer implements AutoCloseable {

    private final Undertow undertow;

    public UndertowDeflateEchoServer() {
        WebSocketConnectionCallback echo = (exchange, channel) -> {
            channel.getReceiveSetter().set(new AbstractReceiveListener() {
                @Override
                protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) {
                    WebSockets.sendText(message.getData(), ch, null);
                }

                @Override
                protected void onFullBinaryMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
                    WebSockets.sendBinary(message.getData().getResource(), ch, null);
                }
            });
            channel.resumeReceives();
        };
        undertow = Undertow.builder().setIoThreads(1).setWorkerThreads(2).addHttpListener(0, "127.0.0.1")
                .setHandler(new WebSocketProtocolHandshakeHandler(echo)
                        .addExtension(new PerMessageDeflateHandshake(false, 6))) // false: the server side
                .build();
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
