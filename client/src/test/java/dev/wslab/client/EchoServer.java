package dev.wslab.client;

import io.undertow.Undertow;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.core.protocol.version13.Hybi13Handshake;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An Undertow WebSocket echo server on 127.0.0.1, port 0, over ws:// or wss://. It accepts the
 * subprotocols "chat" and "superchat", echoes text and binary messages, closes with 1000 on the text
 * "bye", and records the request headers of each handshake.
 */
final class EchoServer implements AutoCloseable {

    private final Undertow undertow;
    private final boolean secure;
    final List<Map<String, List<String>>> handshakeHeaders = new CopyOnWriteArrayList<>();
    final Set<WebSocketChannel> channels = ConcurrentHashMap.newKeySet();

    private EchoServer(SSLContext tls) {
        this.secure = tls != null;
        WebSocketConnectionCallback callback = (exchange, channel) -> {
            handshakeHeaders.add(exchange.getRequestHeaders());
            channels.add(channel);
            channel.getReceiveSetter().set(new AbstractReceiveListener() {
                @Override
                protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) {
                    String text = message.getData(); // getData() also clears the message: call it once
                    if (text.equals("bye")) {
                        WebSockets.sendClose(1000, "bye", ch, null);
                    } else {
                        WebSockets.sendText(text, ch, null);
                    }
                }

                @Override
                protected void onFullBinaryMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
                    try (var data = message.getData()) {
                        WebSockets.sendBinary(data.getResource(), ch, null);
                    }
                }
            });
            channel.resumeReceives();
        };
        var handler = new WebSocketProtocolHandshakeHandler(
                List.of(new Hybi13Handshake(Set.of("chat", "superchat"), false)), callback);
        Undertow.Builder builder = Undertow.builder().setIoThreads(1).setWorkerThreads(2).setHandler(handler);
        if (secure) {
            builder.addHttpsListener(0, "127.0.0.1", tls);
        } else {
            builder.addHttpListener(0, "127.0.0.1");
        }
        undertow = builder.build();
        undertow.start();
    }

    static EchoServer plain() {
        return new EchoServer(null);
    }

    static EchoServer secure(SSLContext tls) {
        return new EchoServer(tls);
    }

    int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
    }

    URI uri(String path) {
        return URI.create((secure ? "wss" : "ws") + "://127.0.0.1:" + port() + path);
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
