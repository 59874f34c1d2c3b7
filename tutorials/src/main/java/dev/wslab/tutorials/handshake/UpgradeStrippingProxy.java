package dev.wslab.tutorials.handshake;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.http.HttpField;
import dev.wslab.protocol.http.HttpHeadException;
import dev.wslab.protocol.http.HttpHeadParser;
import dev.wslab.protocol.http.HttpHeaders;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * UpgradeStrippingProxy is a small HTTP/1.1 proxy on 127.0.0.1 that sits in front of a WebSocket server,
 * the way a corporate proxy, a firewall or a misconfigured load balancer does. It reads the client's
 * request head, rewrites it, sends it on, and then relays the bytes both ways until either side closes.
 *
 * <p>In {@link Mode#STRIPS_HOP_BY_HOP} it treats the request as plain HTTP: {@code Connection} and
 * {@code Upgrade} are hop-by-hop header fields (RFC 9110 §7.6.1), meant for the next hop only, so a proxy
 * that does not understand WebSocket drops them. The server then never learns that a WebSocket was asked
 * for, and the opening handshake fails. In {@link Mode#FORWARDS_UPGRADE} it passes the upgrade on, as
 * nginx does with {@code proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade";}.
 */
public final class UpgradeStrippingProxy implements AutoCloseable {

    /** What the proxy does with the upgrade request. */
    public enum Mode {
        /** Drops {@code Upgrade} and {@code Connection}, like a proxy that only knows plain HTTP: the failure. */
        STRIPS_HOP_BY_HOP,
        /** Forwards the request unchanged, like a proxy configured for WebSocket: the fix. */
        FORWARDS_UPGRADE
    }

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Mode mode;
    private final List<HttpRequest> forwarded = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private UpgradeStrippingProxy(ServerSocket listener, InetSocketAddress target, Mode mode) {
        this.listener = listener;
        this.target = target;
        this.mode = mode;
    }

    /** Starts a proxy on 127.0.0.1 and a free port that forwards every connection to {@code target}. */
    public static UpgradeStrippingProxy start(InetSocketAddress target, Mode mode) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        UpgradeStrippingProxy proxy = new UpgradeStrippingProxy(listener, Objects.requireNonNull(target),
                Objects.requireNonNull(mode));
        Thread.ofVirtual().name("proxy-accept").start(proxy::acceptLoop);
        return proxy;
    }

    /** Returns {@code ws://127.0.0.1:<port><path>}: the same service as the target's, reached through the proxy. */
    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + path);
    }

    /** Returns the request heads as the proxy sent them on to the server, oldest first. */
    public List<HttpRequest> forwardedRequests() {
        return List.copyOf(forwarded);
    }

    // tag::rewrite[]
    /** Returns the request head to send on to the server. */
    static HttpRequest rewrite(HttpRequest request, Mode mode) {
        if (mode == Mode.FORWARDS_UPGRADE) {
            return request;
        }
        // RFC 9110 §7.6.1: Connection and Upgrade apply to one hop only; an intermediary that does not
        // implement the upgrade removes them. What reaches the server is a plain GET.
        List<HttpField> kept = request.headers().fields().stream()
                .filter(field -> !field.hasName("Connection") && !field.hasName("Upgrade"))
                .toList();
        return new HttpRequest(request.method(), request.target(), request.version(), new HttpHeaders(kept));
    }
    // end::rewrite[]

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                Thread.ofVirtual().name("proxy-conn").start(() -> proxy(client));
            } catch (IOException e) {
                return; // the listener was closed
            }
        }
    }

    /** Reads the request head, forwards the rewritten head, then relays bytes both ways. */
    private void proxy(Socket client) {
        try (client; Socket server = new Socket()) {
            sockets.add(server);
            InputStream fromClient = client.getInputStream();
            HttpHeadParser<HttpRequest> parser = HttpHeadParser.forRequest(Limits.DEFAULTS);
            byte[] buffer = new byte[4096];
            Optional<HttpRequest> head = Optional.empty();
            int count = 0;
            int consumed = 0;
            while (head.isEmpty()) {
                count = fromClient.read(buffer);
                if (count < 0) {
                    return;
                }
                HttpHeadParser.Progress<HttpRequest> progress = parser.feed(buffer, 0, count);
                consumed = progress.consumed();
                head = progress.head();
            }
            HttpRequest outgoing = rewrite(head.get(), mode);
            forwarded.add(outgoing);
            server.connect(target, 10_000);
            OutputStream toServer = server.getOutputStream();
            toServer.write(outgoing.toBytes());
            toServer.write(buffer, consumed, count - consumed); // the bytes that followed the head, if any
            toServer.flush();
            Thread upstream = Thread.ofVirtual().name("proxy-up").start(() -> relay(fromClient, server));
            relay(server.getInputStream(), client);
            upstream.join(10_000);
        } catch (IOException | HttpHeadException e) {
            // the client or the server went away, or the client did not send HTTP: drop the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Copies bytes from {@code in} to {@code to} until {@code in} ends, then half-closes {@code to}. */
    private static void relay(InputStream in, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            OutputStream out = to.getOutputStream();
            int count;
            while ((count = in.read(buffer)) >= 0) {
                out.write(buffer, 0, count);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            Closeables.closeQuietly(to); // reset or closed: the other direction ends too
        }
    }

    /** Stops accepting and closes every connection still relayed. */
    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(Closeables::closeQuietly);
    }
}
