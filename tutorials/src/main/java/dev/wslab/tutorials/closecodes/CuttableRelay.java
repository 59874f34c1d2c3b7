package dev.wslab.tutorials.closecodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CuttableRelay stands for whatever sits between a client and a server in production (a proxy, a load
 * balancer, a NAT, a firewall): it copies bytes both ways, and {@link #cutAll()} drops every connection
 * the way such a box does when its idle timeout fires or it restarts. No Close frame is sent by anyone:
 * both the client and the server just see their TCP connection end, which they report as 1006.
 */
public final class CuttableRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    /** Starts a relay on 127.0.0.1 (an ephemeral port) to {@code upstreamPort} on 127.0.0.1. */
    public CuttableRelay(int upstreamPort) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
        Thread.ofVirtual().name("relay-accept").start(this::acceptLoop);
    }

    /** Returns the port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(upstream.getAddress(), upstream.getPort());
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().start(() -> pipe(client, server));
                Thread.ofVirtual().start(() -> pipe(server, client));
            } catch (IOException e) {
                // the listener was closed, or the upstream refused: nothing to relay
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int count;
            while ((count = in.read(buffer)) >= 0) {
                out.write(buffer, 0, count);
                out.flush();
            }
        } catch (IOException e) {
            // one side is gone: closing both (try-with-resources) passes the news on
        }
    }

    /** Drops every relayed connection at once, without a word to either side. */
    public void cutAll() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        sockets.clear();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cutAll();
    }
}
