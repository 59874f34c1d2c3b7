package dev.wslab.client;

import dev.wslab.client.ConnectFailedException.Kind;
import dev.wslab.protocol.connection.ClientOpening;
import dev.wslab.protocol.connection.Connection;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.handshake.ClientHandshake;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.handshake.WebSocketUri;
import dev.wslab.transport.Closeables;
import dev.wslab.transport.Deadline;
import dev.wslab.transport.Direction;
import dev.wslab.transport.HandshakeDriver;
import dev.wslab.transport.WebSocketSession;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;

/**
 * WebSocketClient opens WebSocket connections: TCP, then TLS for wss://, then the opening handshake of
 * RFC 6455 §4.1, and hands the open connection to a running {@link WebSocketSession}.
 *
 * <p>Every way this can fail is a {@link ConnectFailedException} with a {@link Kind} and one line that
 * says what happened, e.g. {@code ws://127.0.0.1:8080/chat refused the WebSocket handshake: the server did
 * not switch protocols (404 "Not Found": there is no WebSocket endpoint at this path) [RFC 6455 §4.1]}.
 */
public final class WebSocketClient {

    private WebSocketClient() {
    }

    /**
     * Connects to {@code uri} and returns the open session; the caller closes it.
     *
     * @throws ConnectFailedException when the URI is bad, TCP or TLS fail, the server does not answer in
     *     time, or its answer to the handshake is refused
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public static WebSocketSession connect(URI uri, ClientOptions options)
            throws ConnectFailedException, InterruptedException {
        ClientHandshake handshake;
        try {
            handshake = ClientHandshake.create(uri, options.handshake(), new SecureRandom());
        } catch (IllegalArgumentException e) {
            throw new ConnectFailedException(Kind.BAD_URL, e.getMessage(), e);
        }
        WebSocketUri target = handshake.uri();
        options.observer().connecting(target.toString());
        Socket socket = openTcp(target, options);
        try {
            Deadline deadline = Deadline.after(options.handshakeTimeout());
            if (target.secure()) {
                socket = startTls(socket, target, options, deadline);
            }
            WebSocketSession session = handshake(socket, handshake, options, deadline);
            socket = null; // the session owns it now
            return session;
        } finally {
            if (socket != null) {
                Closeables.closeQuietly(socket);
            }
        }
    }

    /** Opens TCP to the URI's host and port within the connect timeout. */
    private static Socket openTcp(WebSocketUri target, ClientOptions options)
            throws ConnectFailedException, InterruptedException {
        String endpoint = target.host() + ":" + target.port();
        InetAddress address;
        try {
            address = InetAddress.getByName(stripBrackets(target.host()));
        } catch (UnknownHostException e) {
            throw new ConnectFailedException(Kind.UNKNOWN_HOST, "unknown host " + target.host()
                    + ": the name does not resolve (check the URL, or DNS)", e);
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address, target.port()), (int) options.connectTimeout().toMillis());
            return socket;
        } catch (ConnectException e) {
            Closeables.closeQuietly(socket);
            throw new ConnectFailedException(Kind.REFUSED, "connection refused by " + endpoint
                    + ": nothing listens on that port (is the server running?)", e);
        } catch (SocketTimeoutException e) {
            Closeables.closeQuietly(socket);
            throw new ConnectFailedException(Kind.CONNECT_TIMEOUT, "could not connect to " + endpoint + " within "
                    + options.connectTimeout().toMillis()
                    + " ms (the host is down, a firewall drops the packets, or the server's accept queue is full)", e);
        } catch (IOException e) {
            Closeables.closeQuietly(socket);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while connecting to " + endpoint);
            }
            throw new ConnectFailedException(Kind.NETWORK, "could not connect to " + endpoint + ": " + e.getMessage(),
                    e);
        }
    }

    /** Wraps the TCP socket in TLS and completes the TLS handshake before the deadline. */
    private static Socket startTls(Socket tcp, WebSocketUri target, ClientOptions options, Deadline deadline)
            throws ConnectFailedException {
        String endpoint = target.host() + ":" + target.port();
        try {
            SSLContext context = options.tls().isPresent() ? options.tls().get() : SSLContext.getDefault();
            SSLSocket tls = (SSLSocket) context.getSocketFactory()
                    .createSocket(tcp, stripBrackets(target.host()), target.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            if (options.verifyHostname()) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            tls.setSSLParameters(parameters);
            tls.setSoTimeout(deadline.socketTimeoutMillis());
            tls.startHandshake();
            return tls;
        } catch (SocketTimeoutException e) {
            throw new ConnectFailedException(Kind.HANDSHAKE_TIMEOUT, "the TLS handshake with " + endpoint
                    + " did not complete within " + options.handshakeTimeout().toMillis() + " ms", e);
        } catch (SSLException e) {
            throw new ConnectFailedException(Kind.TLS, "TLS handshake with " + endpoint + " failed: " + e.getMessage()
                    + " (for a self-signed certificate, trust it explicitly)", e);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ConnectFailedException(Kind.TLS, "TLS with " + endpoint + " failed: " + e, e);
        }
    }

    /**
     * Sends the handshake request and reads until the connection opens or fails. The bytes read with the
     * end of the response head may already hold the server's first frames: the connection decodes them,
     * and their events go to the session first.
     */
    private static WebSocketSession handshake(Socket socket, ClientHandshake handshake, ClientOptions options,
                                              Deadline deadline) throws ConnectFailedException, InterruptedException {
        ClientObserver observer = options.observer();
        ClientOpening opening = new ClientOpening(handshake, options.limits(), MaskingKeySource.secure());
        HandshakeDriver.Reading<ClientOpening.Outcome> reading;
        try {
            reading = HandshakeDriver.awaitResponse(socket, opening, deadline, observer.handshakeTap());
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted during the handshake with " + handshake.uri());
            }
            throw new ConnectFailedException(Kind.NETWORK, "the connection to " + handshake.uri()
                    + " broke during the handshake: " + e.getMessage(), e);
        }
        ClientOpening.Opened opened = switch (reading) {
            case HandshakeDriver.TimedOut<ClientOpening.Outcome> timedOut -> throw new ConnectFailedException(
                    Kind.HANDSHAKE_TIMEOUT, handshake.uri() + " did not answer the WebSocket handshake within "
                    + options.handshakeTimeout().toMillis() + " ms (is it an HTTP server? is a proxy holding the request?)",
                    null);
            case HandshakeDriver.Ended<ClientOpening.Outcome>(ClientOpening.Failed failed) ->
                    throw failure(handshake, failed.failure());
            case HandshakeDriver.Ended<ClientOpening.Outcome>(ClientOpening.Opened open) -> open;
        };
        Connection connection = opened.connection();
        List<Event> events = connection.takeEvents();
        try {
            // Frames that came with the response may have made replies (a Pong, a Close): send them first.
            byte[] replies = connection.takeOutgoingBytes();
            if (replies.length > 0) {
                socket.getOutputStream().write(replies);
                socket.getOutputStream().flush();
                observer.handshakeBytes(Direction.OUTBOUND, replies, 0, replies.length);
            }
        } catch (IOException e) {
            throw new ConnectFailedException(Kind.NETWORK, "the connection to " + handshake.uri()
                    + " broke right after the handshake: " + e.getMessage(), e);
        }
        return WebSocketSession.start(socket, connection, opened.accepted().subprotocol(), events, options.session(),
                observer);
    }

    /** RFC 6455 §4.1: if the server's response fails a check, the client MUST fail the WebSocket connection. */
    private static ConnectFailedException failure(ClientHandshake handshake, HandshakeFailure failure) {
        return new ConnectFailedException(handshake.uri() + " refused the WebSocket handshake: " + failure.message(),
                failure);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
