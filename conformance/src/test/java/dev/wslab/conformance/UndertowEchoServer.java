package dev.wslab.conformance;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;

import java.net.InetSocketAddress;

/** UndertowEchoServer is Undertow's WebSocket echo, with Undertow's defaults, on a free loopback port. */
final class UndertowEchoServer implements AutoCloseable {

    private final Undertow undertow;

    UndertowEchoServer() {
        undertow = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.websocket((exchange, channel) -> {
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
                })).build();
        undertow.start();
    }

    String uri() {
        int port = ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
        return "ws://127.0.0.1:" + port + "/";
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
