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
 * NettyEchoServer is Netty 4.1's WebSocket echo as its examples build it, on a free loopback port: an HTTP
 * codec, {@link WebSocketServerProtocolHandler} (the handshake, Pings, Close frames and UTF-8 checks, all
 * with Netty's defaults), a frame aggregator, and a handler that sends each message back. Frames and
 * messages may be as large as 16 MiB (Netty's default frame limit, 64 KiB, is a policy, not under test).
 *
 * <p>With {@link Compression#PERMESSAGE_DEFLATE}, permessage-deflate is on as Netty's examples turn it on:
 * {@link WebSocketServerCompressionHandler} (inflation capped at 16 MiB per frame, its maxAllocation) before
 * the protocol handler, with extensions allowed.
 */
public final class NettyEchoServer implements AutoCloseable {

    /** Whether the server negotiates permessage-deflate (RFC 7692). */
    public enum Compression { OFF, PERMESSAGE_DEFLATE }

    private static final int MAX_MESSAGE = 16 << 20;

    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup(2);
    private final Channel listener;

    /** Netty's echo without compression. */
    NettyEchoServer() throws InterruptedException {
        this(Compression.OFF);
    }

    public NettyEchoServer(Compression compression) throws InterruptedException {
        boolean deflate = compression == Compression.PERMESSAGE_DEFLATE;
        listener = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024));
                        if (deflate) {
                            channel.pipeline().addLast(new WebSocketServerCompressionHandler(MAX_MESSAGE));
                        }
                        channel.pipeline().addLast(new WebSocketServerProtocolHandler("/", null, deflate, MAX_MESSAGE),
                                new WebSocketFrameAggregator(MAX_MESSAGE), new Echo(compression));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** Sends every text and binary message back as it came. */
    private static final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final Compression compression;

        Echo(Compression compression) {
            this.compression = compression;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                context.writeAndFlush(frame.retain());
            }
        }

        /**
         * A protocol error reaches here after Netty's handlers have answered it (a Close with its code) and
         * closed the channel; the pipeline's tail would only log its stack trace, once per failing case. The
         * compression decoder's and the aggregator's errors (a frame or a message too large) reach here
         * unanswered: with compression on, the connection is closed, as Netty's own examples do.
         */
        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            if (compression == Compression.PERMESSAGE_DEFLATE) {
                context.close();
            }
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
