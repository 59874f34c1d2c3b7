package dev.wslab.tutorials.handshake;

import dev.wslab.protocol.http.HttpField;
import dev.wslab.protocol.http.HttpHeaders;
import dev.wslab.protocol.http.HttpRequest;
import dev.wslab.tutorials.relay.TcpRelay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * UpgradeStrippingProxy makes the labs' {@link TcpRelay} a small HTTP/1.1 proxy in front of a WebSocket
 * server, the way a corporate proxy, a firewall or a misconfigured load balancer is: the relay reads the
 * client's request head, rewrites it as below, sends it on, and then relays the bytes both ways.
 *
 * <p>In {@link Mode#STRIPS_HOP_BY_HOP} it treats the request as plain HTTP: {@code Connection} and
 * {@code Upgrade} are hop-by-hop header fields (RFC 9110 §7.6.1), meant for the next hop only, so a proxy
 * that does not understand WebSocket drops them. The server then never learns that a WebSocket was asked
 * for, and the opening handshake fails. In {@link Mode#FORWARDS_UPGRADE} it passes the upgrade on, as
 * nginx does with {@code proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade";}.
 */
public final class UpgradeStrippingProxy {

    /** What the proxy does with the upgrade request. */
    public enum Mode {
        /** Drops {@code Upgrade} and {@code Connection}, like a proxy that only knows plain HTTP: the failure. */
        STRIPS_HOP_BY_HOP,
        /** Forwards the request unchanged, like a proxy configured for WebSocket: the fix. */
        FORWARDS_UPGRADE
    }

    private UpgradeStrippingProxy() {
    }

    /**
     * Starts a relay on 127.0.0.1 and a free port that forwards every connection to {@code target}, with
     * each request head rewritten in {@code mode}; its {@link TcpRelay#forwardedRequests()} are the heads
     * the server received.
     */
    public static TcpRelay start(InetSocketAddress target, Mode mode) throws IOException {
        Objects.requireNonNull(mode);
        return TcpRelay.to(target).rewritingRequestHeads(request -> rewrite(request, mode)).start();
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
}
