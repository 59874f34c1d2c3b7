package dev.wslab.server;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Connection;
import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.connection.ServerOpening;
import dev.wslab.protocol.handshake.HandshakeRejection;
import dev.wslab.protocol.handshake.ResourceName;
import dev.wslab.protocol.handshake.ServerHandshake;
import dev.wslab.protocol.handshake.ServerHandshakeResult;
import dev.wslab.protocol.http.HttpRequest;
import dev.wslab.transport.Closeables;
import dev.wslab.transport.Deadline;
import dev.wslab.transport.HandshakeDriver;
import dev.wslab.transport.WebSocketSession;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * ConnectionWorker is the life of one accepted connection, on its own virtual thread: read the request
 * head before the handshake deadline, answer plain HTTP or judge the handshake (RFC 6455 §4.2.1), then
 * run the endpoint's handler on the open session and wait for the connection to end.
 */
final class ConnectionWorker {

    private static final System.Logger LOG = System.getLogger(WebSocketServer.class.getName());

    private final WebSocketServer server;
    private final ServerConfig config;
    private final Socket socket;
    private final ConnectionObserver observer;
    private final ServerOpening opening;

    ConnectionWorker(WebSocketServer server, Socket socket) {
        this.server = server;
        this.config = server.config();
        this.socket = socket;
        this.observer = new ConnectionObserver(socket.getRemoteSocketAddress(), server.metrics(), this::logTransition);
        this.opening = new ServerOpening(config.limits());
    }

    private void logTransition(Transition transition) {
        LOG.log(System.Logger.Level.INFO, transition.toString());
        config.transitionListener().accept(transition);
    }

    void run() {
        observer.transition(ConnectionState.CONNECTING, "");
        boolean opened = false;
        try {
            Optional<HttpRequest> request = readRequest();
            if (request.isPresent()) {
                opened = answer(request.get());
            }
        } catch (IOException e) {
            observer.transition(ConnectionState.CLOSED, "before the handshake completed: " + e.getMessage());
        } finally {
            server.handshakeDone(socket);
            if (!opened) {
                Closeables.closeQuietly(socket);
            }
        }
    }

    // ---------------------------------------------------------------- reading the request, on a deadline

    /** Reads until the client's request head is complete, before the handshake deadline (slowloris). */
    private Optional<HttpRequest> readRequest() throws IOException {
        Deadline deadline = Deadline.after(config.handshakeTimeout());
        return switch (HandshakeDriver.awaitRequest(socket, opening, deadline)) {
            case HandshakeDriver.TimedOut<ServerOpening.Outcome> timedOut -> timedOut();
            case HandshakeDriver.Ended<ServerOpening.Outcome>(ServerOpening.RequestReceived received) ->
                    Optional.of(received.request());
            case HandshakeDriver.Ended<ServerOpening.Outcome>(ServerOpening.Refused refused) -> {
                // A malformed head: answered with the 400 or 431 its problem calls for.
                writeAndClose(refused.rejection().toBytes());
                failed(refused.rejection().status(), refused.rejection().message());
                yield Optional.empty();
            }
            case HandshakeDriver.Ended<ServerOpening.Outcome>(ServerOpening.ClosedBeforeRequest closed) -> {
                observer.transition(ConnectionState.CLOSED, "the peer closed before sending a whole request");
                yield Optional.empty();
            }
        };
    }

    private Optional<HttpRequest> timedOut() {
        refuse(HttpAnswer.text(408, "the handshake request did not arrive within "
                + config.handshakeTimeout().toMillis() + " ms"), false);
        return Optional.empty();
    }

    // ---------------------------------------------------------------- answering

    /** Answers the request; returns true when a session was opened (it then owns the socket). */
    private boolean answer(HttpRequest request) throws IOException {
        String path = pathOf(request.target());
        // Only an upgrade to websocket counts: the JDK's HttpClient, for one, offers "Upgrade: h2c" on every
        // plain request, which a server may ignore (RFC 9110 §7.8).
        boolean upgrade = request.headers().containsToken("Upgrade", "websocket");
        boolean headOnly = request.method().equals("HEAD");
        if (!upgrade && (request.method().equals("GET") || headOnly)) {
            Optional<HttpAnswer> plain = plainHttp(path);
            if (plain.isPresent()) {
                writeAndClose(plain.get().toBytes(headOnly));
                observer.transition(ConnectionState.CLOSED, "plain HTTP " + plain.get().status() + " " + path);
                return false;
            }
        }
        if (upgrade && config.rateLimiter().isPresent()) {
            Duration wait = config.rateLimiter().get().tryAcquire(((InetSocketAddress) socket.getRemoteSocketAddress()).getAddress());
            if (!wait.isZero()) {
                refuse(HttpAnswer.text(429, "too many handshakes from your address; retry later")
                        .withHeader("Retry-After", seconds(wait)), headOnly);
                return false;
            }
        }
        Optional<Endpoint> endpoint = config.endpointFor(path);
        ServerHandshake handshake = endpoint.map(Endpoint::handshake).orElseGet(ServerHandshake::create);
        ServerHandshakeResult result = config.deflate().map(handshake::withDeflate).orElse(handshake).validate(request);
        ServerHandshakeResult.Accepted accepted;
        switch (result) {
            case HandshakeRejection rejection -> {
                return reject(rejection);
            }
            case ServerHandshakeResult.Accepted valid -> accepted = valid;
        }
        if (endpoint.isEmpty()) {
            return reject(HandshakeRejection.of(HandshakeRejection.Kind.RESOURCE_NOT_FOUND, "path " + path));
        }
        Optional<String> origin = accepted.origin();
        if (!config.originAllowed(origin.orElse(null))) {
            return reject(HandshakeRejection.of(HandshakeRejection.Kind.ORIGIN_NOT_ALLOWED, "got " + origin.get()));
        }
        Optional<HandshakeRejection> denied;
        try {
            denied = config.authenticator().authenticate(request);
        } catch (RuntimeException e) {
            // The application's hook failed: the client gets a 5xx it can report, the log gets the cause.
            LOG.log(System.Logger.Level.WARNING, "the authenticator failed for " + socket.getRemoteSocketAddress(), e);
            refuse(HttpAnswer.text(500, "the server failed while handling the upgrade"), headOnly);
            return false;
        }
        if (denied.isPresent()) {
            return reject(denied.get());
        }
        if (!server.connectionSlots().tryAcquire()) {
            refuse(HttpAnswer.text(503, "the server has " + config.maxConnections() + " connections already; retry later")
                    .withHeader("Retry-After", seconds(config.retryAfter())), false);
            return false;
        }
        open(accepted, endpoint.get());
        return true;
    }

    private Optional<HttpAnswer> plainHttp(String path) {
        if (config.healthPath().filter(path::equals).isPresent()) {
            return Optional.of(HttpAnswer.text(200, "ok"));
        }
        if (config.metricsPath().filter(path::equals).isPresent()) {
            return Optional.of(server.metrics().answer());
        }
        return config.staticFiles().filter(files -> files.matches(path)).map(files -> files.answer(path));
    }

    private boolean reject(HandshakeRejection rejection) throws IOException {
        writeAndClose(rejection.toBytes());
        failed(rejection.status(), rejection.message());
        return false;
    }

    private void refuse(HttpAnswer answer, boolean headOnly) {
        try {
            writeAndClose(answer.toBytes(headOnly));
        } catch (IOException ignored) {
            // the client is gone; nothing to tell it
        }
        failed(answer.status(), new String(answer.body(), StandardCharsets.UTF_8).strip());
    }

    private void failed(int status, String why) {
        server.metrics().handshakeFailed(status);
        observer.transition(ConnectionState.CLOSED, "handshake refused " + status + ": " + why);
    }

    // ---------------------------------------------------------------- the open connection

    /** Sends the 101, starts the session, runs the handler, and waits for the connection to end. */
    private void open(ServerHandshakeResult.Accepted accepted, Endpoint endpoint) throws IOException {
        WebSocketSession session;
        try {
            // The 101 response, then the open connection's replies to frames that came with the request.
            Connection connection = opening.accept(accepted);
            List<Event> initialEvents = connection.takeEvents();
            OutputStream out = socket.getOutputStream();
            out.write(accepted.toBytes());
            out.write(connection.takeOutgoingBytes());
            out.flush();
            server.metrics().connectionOpened();
            if (accepted.deflate().isPresent()) {
                observer.deflateAgreed();
            }
            observer.transition(ConnectionState.OPEN, accepted.resourceName()
                    + accepted.subprotocol().map(p -> " subprotocol=" + p).orElse(""));
            session = WebSocketSession.start(socket, connection, accepted.subprotocol(), initialEvents,
                    config.sessionOptions(), observer);
        } catch (IOException | RuntimeException e) {
            server.connectionSlots().release();
            throw e;
        }
        server.handshakeDone(socket);
        server.sessionStarted(session);
        try {
            runHandler(endpoint.handler(), session);
            awaitEnd(session);
        } finally {
            server.sessionEnded(session);
            server.connectionSlots().release();
        }
    }

    private void runHandler(WebSocketHandler handler, WebSocketSession session) {
        try {
            handler.handle(session);
            if (session.state() == ConnectionState.OPEN) {
                session.close(CloseStatus.NORMAL);
            }
        } catch (IllegalStateException e) {
            if (session.state() == ConnectionState.OPEN) {
                handlerFailed(session, e);
            } else {
                // The peer, a violation or a heartbeat timeout ended the connection while the handler was
                // still sending: the conversation is over, the handler did nothing wrong. One line, no trace.
                LOG.log(System.Logger.Level.DEBUG, "handler for {0} stopped: {1}", socket.getRemoteSocketAddress(),
                        e.getMessage());
            }
        } catch (Exception | Error e) {
            handlerFailed(session, e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handlerFailed(WebSocketSession session, Throwable e) {
        LOG.log(System.Logger.Level.WARNING, "handler failed for " + socket.getRemoteSocketAddress(), e);
        if (session.state() == ConnectionState.OPEN) {
            session.close(CloseStatus.of(CloseCode.INTERNAL_ERROR, "internal error"));
        }
    }

    private void awaitEnd(WebSocketSession session) {
        Duration limit = config.sessionOptions().closeTimeout().plusSeconds(2);
        try {
            session.closed().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            session.abort("the connection did not end within " + limit.toMillis() + " ms of the handler's end");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Writes a whole answer, then closes our side first and the socket (no reset that could eat the answer). */
    private void writeAndClose(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
        try {
            socket.shutdownOutput();
        } catch (IOException | UnsupportedOperationException ignored) {
            // TLS sockets before JDK 11 could not half-close; closing is enough
        }
        Closeables.closeQuietly(socket);
    }

    /** The endpoint's path: the resource name without its query; "/" for a target that names none. */
    private static String pathOf(String target) {
        return ResourceName.fromRequestTarget(target).map(ResourceName::path).orElse("/");
    }

    private static String seconds(Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
    }
}
