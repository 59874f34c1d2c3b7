package dev.wslab.tutorials.heartbeat;

import dev.wslab.transport.Closeables;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * FaultProxy is a TCP proxy on 127.0.0.1 that stands for the middleboxes between a client and a server
 * (a load balancer, a NAT, a corporate proxy) and fails the way they do.
 *
 * <ul>
 *   <li><b>Blackhole on idle.</b> When no byte crossed a connection, in either direction, for the idle
 *       timeout, the proxy forgets it: from then on it reads and discards whatever either side sends and
 *       forwards nothing, and it closes neither socket. No FIN, no RST: both ends still believe they are
 *       connected, their writes succeed, and nothing ever arrives. A half-open "zombie" connection.</li>
 *   <li><b>Blackhole now</b> ({@link #blackholeAll()}): the path dies this instant (a NAT reboot, a
 *       cable, a Wi-Fi handover), with the same silence.</li>
 *   <li><b>Cut</b> ({@link #cutAll()}): both sockets closed at once, the case a peer does notice.</li>
 * </ul>
 *
 * Each new connection goes to the next upstream in turn (round robin), as a load balancer does.
 */
public final class FaultProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final List<InetSocketAddress> upstreams;
    private final Duration idleTimeout;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger blackholed = new AtomicInteger();
    private final AtomicLong swallowedBytes = new AtomicLong();

    private FaultProxy(ServerSocket listener, List<InetSocketAddress> upstreams, Duration idleTimeout) {
        this.listener = listener;
        this.upstreams = upstreams;
        this.idleTimeout = idleTimeout;
    }

    /**
     * Starts a proxy on 127.0.0.1 and a free port in front of {@code upstreams}.
     *
     * @param idleTimeout how long a connection may stay silent before the proxy blackholes it;
     *     {@link Duration#ZERO} for never
     */
    public static FaultProxy start(Duration idleTimeout, List<InetSocketAddress> upstreams) throws IOException {
        if (upstreams.isEmpty() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("need at least one upstream and an idle timeout >= 0");
        }
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FaultProxy proxy = new FaultProxy(listener, List.copyOf(upstreams), idleTimeout);
        Thread.ofVirtual().name("fault-proxy-accept").start(proxy::acceptLoop);
        return proxy;
    }

    /** Starts a proxy in front of one server listening on 127.0.0.1:{@code port}. */
    public static FaultProxy start(Duration idleTimeout, int upstreamPort) throws IOException {
        return start(idleTimeout, List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort)));
    }

    /** Returns the port clients connect to, on 127.0.0.1. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Returns the ws:// URI of {@code path} through the proxy. */
    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + path);
    }

    /** The path dies now: every current connection is blackholed, silently, as if idle for too long. */
    public void blackholeAll() {
        links.forEach(Link::blackhole);
    }

    /** Closes both sockets of every current connection: each side sees its TCP connection end. */
    public void cutAll() {
        links.forEach(Link::close);
    }

    /** Returns how many connections the proxy accepted. */
    public int accepted() {
        return accepted.get();
    }

    /** Returns how many connections the proxy has blackholed (idle, or told to). */
    public int blackholed() {
        return blackholed.get();
    }

    /** Returns how many bytes the proxy read from blackholed connections and threw away. */
    public long swallowedBytes() {
        return swallowedBytes.get();
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() throws IOException {
        listener.close();
        cutAll();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                InetSocketAddress upstream = upstreams.get(accepted.getAndIncrement() % upstreams.size());
                Socket server = new Socket();
                try {
                    server.connect(upstream, 5000);
                } catch (IOException e) {
                    client.close();
                    server.close();
                    continue;
                }
                Link link = new Link(client, server);
                links.add(link);
                link.start();
            } catch (IOException e) {
                // the listener was closed
            }
        }
    }

    /** Link is one proxied connection: the client's socket, the server's, and whether it went dark. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private volatile long lastActivity = System.nanoTime();
        private volatile boolean dark;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() {
            Thread.ofVirtual().name("fault-proxy-up").start(() -> pump(client, server));
            Thread.ofVirtual().name("fault-proxy-down").start(() -> pump(server, client));
            if (!idleTimeout.isZero()) {
                Thread.ofVirtual().name("fault-proxy-idle").start(this::watchIdle);
            }
        }

        // tag::blackhole[]
        /** Copies bytes from one socket to the other, until the link goes dark: then reads and drops them. */
        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[8192];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int count;
                while ((count = in.read(buffer)) >= 0) {
                    if (dark) {
                        swallowedBytes.addAndGet(count); // the sender's write "succeeded"
                        continue;
                    }
                    lastActivity = System.nanoTime();
                    out.write(buffer, 0, count);
                    out.flush();
                }
                if (!dark) {
                    to.shutdownOutput(); // a FIN is forwarded while the link is alive...
                }
                // ...but a blackholed link forwards nothing, not even the FIN.
            } catch (IOException e) {
                if (!dark) {
                    close();
                }
            } finally {
                if (from.isClosed() && to.isClosed()) {
                    links.remove(this);
                }
            }
        }

        private void watchIdle() {
            long checkEvery = Math.max(1, idleTimeout.toMillis() / 20);
            try {
                while (!dark && !client.isClosed()) {
                    Thread.sleep(checkEvery);
                    if (System.nanoTime() - lastActivity >= idleTimeout.toNanos()) {
                        blackhole();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized void blackhole() {
            if (!dark) {
                dark = true;
                blackholed.incrementAndGet();
            }
        }
        // end::blackhole[]

        void close() {
            Closeables.closeQuietly(client);
            Closeables.closeQuietly(server);
            links.remove(this);
        }
    }
}
