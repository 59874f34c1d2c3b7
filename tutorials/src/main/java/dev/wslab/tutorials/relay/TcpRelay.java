package dev.wslab.tutorials.relay;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.http.HttpHeadException;
import dev.wslab.protocol.http.HttpHeadParser;
import dev.wslab.protocol.http.HttpRequest;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * TcpRelay is a TCP relay on 127.0.0.1 that stands for the boxes between a client and a server (a load
 * balancer, a NAT, a corporate proxy) and misbehaves the way they do. The labs configure it:
 *
 * <ul>
 *   <li><b>Round robin.</b> Each new connection goes to the next upstream in turn, as a load balancer does.</li>
 *   <li><b>Blackhole on idle</b> ({@link Builder#blackholeWhenIdleFor}). When no byte crossed a connection,
 *       in either direction, for the idle timeout, the relay forgets it: from then on it reads and discards
 *       whatever either side sends and forwards nothing, and it closes neither socket. No FIN, no RST: both
 *       ends still believe they are connected, their writes succeed, and nothing ever arrives. A half-open
 *       "zombie" connection.</li>
 *   <li><b>Blackhole now</b> ({@link #blackholeAll()}): the path dies this instant (a NAT reboot, a
 *       cable, a Wi-Fi handover), with the same silence.</li>
 *   <li><b>Cut</b> ({@link #cutAll()}): both sockets closed at once, the case a peer does notice.</li>
 *   <li><b>Rewrite the request head</b> ({@link Builder#rewritingRequestHeads}): the relay parses the
 *       client's HTTP request head with the protocol's own {@code HttpHeadParser}, sends the rewritten head
 *       on, then relays the bytes that follow, as an HTTP proxy does.</li>
 * </ul>
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final List<InetSocketAddress> upstreams;
    private final Duration idleTimeout;
    private final Optional<UnaryOperator<HttpRequest>> requestHeadRewrite;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final List<HttpRequest> forwardedRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger blackholed = new AtomicInteger();
    private final AtomicLong swallowedBytes = new AtomicLong();

    private TcpRelay(ServerSocket listener, Builder builder) {
        this.listener = listener;
        this.upstreams = builder.upstreams;
        this.idleTimeout = builder.idleTimeout;
        this.requestHeadRewrite = builder.requestHeadRewrite;
    }

    /** Starts to describe a relay in front of {@code upstreams}, taken in turn (round robin). */
    public static Builder to(List<InetSocketAddress> upstreams) {
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("a relay needs at least one upstream");
        }
        return new Builder(List.copyOf(upstreams));
    }

    /** Starts to describe a relay in front of one server at {@code upstream}. */
    public static Builder to(InetSocketAddress upstream) {
        return to(List.of(upstream));
    }

    /** Starts to describe a relay in front of one server listening on 127.0.0.1:{@code port}. */
    public static Builder to(int port) {
        return to(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** Builder says how a relay misbehaves; by default it relays every byte faithfully. */
    public static final class Builder {
        private final List<InetSocketAddress> upstreams;
        private Duration idleTimeout = Duration.ZERO;
        private Optional<UnaryOperator<HttpRequest>> requestHeadRewrite = Optional.empty();

        private Builder(List<InetSocketAddress> upstreams) {
            this.upstreams = upstreams;
        }

        /** Blackholes a connection once it has been silent, both ways, for {@code idleTimeout}. */
        public Builder blackholeWhenIdleFor(Duration idleTimeout) {
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("the idle timeout must be positive: " + idleTimeout);
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** Reads each client's HTTP request head and sends {@code rewrite}'s result on in its place. */
        public Builder rewritingRequestHeads(UnaryOperator<HttpRequest> rewrite) {
            this.requestHeadRewrite = Optional.of(Objects.requireNonNull(rewrite));
            return this;
        }

        /** Starts the relay on 127.0.0.1 and a free port. */
        public TcpRelay start() throws IOException {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TcpRelay relay = new TcpRelay(listener, this);
            Thread.ofVirtual().name("relay-accept").start(relay::acceptLoop);
            return relay;
        }
    }

    /** Returns the port clients connect to, on 127.0.0.1. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Returns the ws:// URI of {@code path} through the relay. */
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

    /** Returns how many connections the relay accepted. */
    public int accepted() {
        return accepted.get();
    }

    /** Returns how many connections the relay has blackholed (idle, or told to). */
    public int blackholed() {
        return blackholed.get();
    }

    /** Returns how many bytes the relay read from blackholed connections and threw away. */
    public long swallowedBytes() {
        return swallowedBytes.get();
    }

    /** Returns the request heads as the relay sent them on, oldest first (only when it rewrites them). */
    public List<HttpRequest> forwardedRequests() {
        return List.copyOf(forwardedRequests);
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

    /** Link is one relayed connection: the client's socket, the server's, and whether it went dark. */
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
            Thread.ofVirtual().name("relay-up").start(this::relayUp);
            Thread.ofVirtual().name("relay-down").start(() -> pump(server, client));
            if (!idleTimeout.isZero()) {
                Thread.ofVirtual().name("relay-idle").start(this::watchIdle);
            }
        }

        private void relayUp() {
            if (requestHeadRewrite.isPresent()) {
                try {
                    forwardRequestHead(requestHeadRewrite.get());
                } catch (IOException | HttpHeadException e) {
                    close(); // a side went away, or the client did not send HTTP: drop the connection
                    return;
                }
            }
            pump(client, server);
        }

        /** Reads the client's request head, sends the rewritten head on, then the bytes that followed it. */
        private void forwardRequestHead(UnaryOperator<HttpRequest> rewrite) throws IOException, HttpHeadException {
            InputStream in = client.getInputStream();
            HttpHeadParser<HttpRequest> parser = HttpHeadParser.forRequest(Limits.DEFAULTS);
            byte[] buffer = new byte[4096];
            while (true) {
                int count = in.read(buffer);
                if (count < 0) {
                    throw new IOException("the client closed before its request head ended");
                }
                HttpHeadParser.Progress<HttpRequest> progress = parser.feed(buffer, 0, count);
                if (progress.head().isPresent()) {
                    HttpRequest outgoing = rewrite.apply(progress.head().get());
                    forwardedRequests.add(outgoing);
                    OutputStream out = server.getOutputStream();
                    out.write(outgoing.toBytes());
                    out.write(buffer, progress.consumed(), count - progress.consumed());
                    out.flush();
                    lastActivity = System.nanoTime();
                    return;
                }
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
