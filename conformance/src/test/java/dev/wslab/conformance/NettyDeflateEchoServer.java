package dev.wslab.conformance;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * NettyDeflateEchoServer is Netty 4.1's WebSocket echo with permessage-deflate as its examples turn it on:
 * {@link WebSocketServerCompressionHandler} (inflation capped at 16 MiB per frame, its maxAllocation) before
 * {@link WebSocketServerProtocolHandler} with extensions allowed, a frame aggregator of 16 MiB, and a handler that sends each message back.
 */
public final class NettyDeflateEchoServer implements AutoCloseable {

    private static final int MAX_MESSAGE = 16 << 20;

    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup(2);
    private final Channel listener;

    public NettyDeflateEchoServer() throws InterruptedException {
        listener = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketServerCompressionHandler(MAX_MESSAGE),
                                new WebSocketServerProtocolHandler("/", null, true, MAX_MESSAGE),
                                new WebSocketFrameAggregator(MAX_MESSAGE), new Echo());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** Sends every text and binary message back as it came. */
    private static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext context, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                context.writeAndFlush(frame.retain());
            }
        }

        /**
         * Closes the connection, as Netty's own WebSocket examples do: the compression decoder's and the
         * aggregator's errors (a frame or a message too large) reach here unanswered.
         */
        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }

    public String uri() {
        return "ws://127.0.0.1:" + ((InetSocketAddress) listener.localAddress()).getPort() + "/";
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
