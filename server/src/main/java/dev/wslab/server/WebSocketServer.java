package dev.wslab.server;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.transport.Closeables;
import dev.wslab.transport.WebSocketSession;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * WebSocketServer accepts TCP (or TLS) connections, answers each one's opening handshake (RFC 6455
 * §4.2) and runs the endpoint's {@link WebSocketHandler} on an open {@link WebSocketSession}.
 *
 * <p>Threads: one virtual thread accepts; each connection gets one virtual thread that reads the
 * handshake, then runs the handler (the session adds its reader, writer and heartbeat threads). Plain
 * HTTP on the same port answers the health check, the metrics and static files; anything else without
 * {@code Upgrade} gets 426.
 *
 * <pre>{@code
 * try (WebSocketServer server = WebSocketServer.builder().port(8080).endpoint("/echo", Endpoints.echo()).start()) {
 *     ...
 * }
 * }</pre>
 */
public final class WebSocketServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebSocketServer.class.getName());

    private final ServerConfig config;
    private final ServerSocket listener;
    private final ServerMetrics metrics = new ServerMetrics();
    private final Semaphore connectionSlots;
    private final Set<Socket> handshaking = ConcurrentHashMap.newKeySet();
    private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile CloseStatus shutdownStatus;

    private WebSocketServer(ServerConfig config, ServerSocket listener) {
        this.config = config;
        this.listener = listener;
        this.connectionSlots = new Semaphore(config.maxConnections());
        this.acceptor = Thread.ofVirtual().name("wslab-accept-" + listener.getLocalPort()).unstarted(this::acceptLoop);
    }

    /** Returns a builder with the defaults: 127.0.0.1, an ephemeral port, no endpoint. */
    public static WebSocketServerBuilder builder() {
        return new WebSocketServerBuilder();
    }

    static WebSocketServer start(ServerConfig config) throws IOException {
        ServerSocket listener = config.tls().isPresent()
                ? config.tls().get().sslContext().getServerSocketFactory().createServerSocket()
                : new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(config.bindAddress(), config.port()), 128);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        WebSocketServer server = new WebSocketServer(config, listener);
        server.acceptor.start();
        LOG.log(System.Logger.Level.INFO, "listening on {0}", server.uri("/"));
        return server;
    }

    /** Returns the port listened on; the one picked when the builder asked for 0. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Returns the URI of {@code path} on this server, e.g. {@code ws://127.0.0.1:8080/echo}. */
    public String uri(String path) {
        String host = config.bindAddress().getHostAddress();
        host = host.contains(":") ? "[" + host + "]" : host;
        return (config.tls().isPresent() ? "wss://" : "ws://") + host + ":" + port() + path;
    }

    /** Returns the server's metrics. */
    public ServerMetrics metrics() {
        return metrics;
    }

    /** Returns the number of open sessions. */
    public int openSessions() {
        return sessions.size();
    }

    // ---------------------------------------------------------------- accepting

    private static void pauseAfterFailedAccept(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        AcceptBackoff backoff = new AcceptBackoff();
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
                backoff.succeeded();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    Duration pause = backoff.failed();
                    LOG.log(System.Logger.Level.WARNING, "accept failed: {0}; next try in {1} ms", e.toString(),
                            pause.toMillis());
                    pauseAfterFailedAccept(pause);
                }
                continue;
            }
            try {
                socket.setTcpNoDelay(true);
            } catch (SocketException ignored) {
                // only a latency hint
            }
            handshaking.add(socket);
            Thread worker = Thread.ofVirtual().name("wslab-conn-" + socket.getRemoteSocketAddress()).unstarted(() -> {
                try {
                    new ConnectionWorker(this, socket).run();
                } finally {
                    workers.remove(Thread.currentThread());
                }
            });
            workers.add(worker);
            worker.start();
        }
    }

    // ---------------------------------------------------------------- for the connection workers

    ServerConfig config() {
        return config;
    }

    Semaphore connectionSlots() {
        return connectionSlots;
    }

    /** The handshake of {@code socket} is over (one way or the other): it no longer needs closing on shutdown. */
    void handshakeDone(Socket socket) {
        handshaking.remove(socket);
    }

    /** Registers an open session; once shutdown has begun it is closed at once with the shutdown's status. */
    void sessionStarted(WebSocketSession session) {
        sessions.add(session);
        CloseStatus status = shutdownStatus;
        if (status != null) {
            session.close(status);
        }
    }

    void sessionEnded(WebSocketSession session) {
        sessions.remove(session);
    }

    // ---------------------------------------------------------------- shutting down

    /**
     * Shuts the server down gracefully: stops accepting, drops connections still in their handshake,
     * sends a Close frame with {@code status} to every open session (1001 Going Away when the server goes
     * for good, 1012 Service Restart when it comes back, so clients know to reconnect), waits up to
     * {@code grace} for their Close replies, then aborts the sessions left. Returns when every
     * connection's thread has ended or a few seconds more have passed.
     */
    public void shutdown(CloseStatus status, Duration grace) {
        synchronized (this) {
            if (shutdownStatus != null) {
                return;
            }
            shutdownStatus = status;
        }
        LOG.log(System.Logger.Level.INFO, "shutting down with {0}, grace {1}", status, grace);
        Closeables.closeQuietly(listener);
        handshaking.forEach(Closeables::closeQuietly);
        List<WebSocketSession> open = List.copyOf(sessions);
        for (WebSocketSession session : open) {
            session.close(status);
        }
        CompletableFuture<?>[] ends = open.stream().map(WebSocketSession::closed).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(ends).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            open.stream().filter(session -> !session.closed().isDone())
                    .forEach(session -> session.abort("the shutdown grace period is over"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        joinThreads(grace.plusSeconds(5));
    }

    private void joinThreads(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            acceptor.join(Duration.ofSeconds(1));
            for (Thread worker : List.copyOf(workers)) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    worker.join(Duration.ofNanos(left));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Shuts down with 1001 Going Away and a grace period of 2 s. */
    @Override
    public void close() {
        shutdown(CloseStatus.of(CloseCode.GOING_AWAY, "server shutting down"),
                Duration.ofSeconds(2));
    }
}
