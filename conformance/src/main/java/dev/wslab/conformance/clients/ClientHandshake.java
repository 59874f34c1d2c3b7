package dev.wslab.conformance.clients;

import dev.wslab.conformance.wire.WireLog;
import dev.wslab.protocol.Limits;
import dev.wslab.protocol.handshake.HandshakeRejection;
import dev.wslab.protocol.handshake.ServerHandshake;
import dev.wslab.protocol.handshake.ServerHandshakeResult;
import dev.wslab.protocol.http.HttpHeadException;
import dev.wslab.protocol.http.HttpHeadParser;
import dev.wslab.protocol.http.HttpRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * ClientHandshake answers the opening handshake of one connection to the conformance server: it reads the
 * client's request (within Autobahn's 5 s {@code openHandshakeTimeout}), reads the command from its target,
 * and answers 101 with wslab's own server handshake (§4.2.2), HTTP 500 for a bad parameter (as Autobahn's
 * {@code onConnect} failure does), or the handshake's own rejection (400, 426...) for a bad request.
 */
final class ClientHandshake {

    static final int OPEN_HANDSHAKE_TIMEOUT_MILLIS = 5000;

    /** An accepted connection: the command, the bytes read after the request, and the log the request is in. */
    record Accepted(Command command, byte[] afterHead, WireLog log) {
    }

    private ClientHandshake() {
    }

    /** Answers the handshake; returns the accepted connection, or empty when it was refused (and logged). */
    static Optional<Accepted> answer(Socket socket, ClientCases cases, Consumer<String> log) throws IOException {
        WireLog wireLog = new WireLog();
        socket.setSoTimeout(OPEN_HANDSHAKE_TIMEOUT_MILLIS);
        HttpHeadParser<HttpRequest> parser = HttpHeadParser.forRequest(Limits.DEFAULTS);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[16 * 1024];
        HttpRequest request = null;
        byte[] after = new byte[0];
        try {
            while (request == null) {
                int count = in.read(buffer);
                if (count < 0) {
                    return Optional.empty();
                }
                HttpHeadParser.Progress<HttpRequest> progress = parser.feed(buffer, 0, count);
                wireLog.add(WireLog.Direction.RECEIVED, "handshake request", Arrays.copyOf(buffer, progress.consumed()));
                if (progress.head().isPresent()) {
                    request = progress.head().get();
                    after = Arrays.copyOfRange(buffer, progress.consumed(), count);
                }
            }
        } catch (HttpHeadException e) {
            log.accept("refused a request that is not HTTP: " + e.getMessage());
            return Optional.empty();
        } catch (SocketTimeoutException e) {
            log.accept("refused a request not complete within " + OPEN_HANDSHAKE_TIMEOUT_MILLIS + " ms");
            return Optional.empty();
        }
        socket.setSoTimeout(0);
        Command command;
        try {
            command = Command.parse(request.target(), cases);
        } catch (Command.BadRequest e) {
            log.accept("HTTP 500 for " + request.target() + ": " + e.getMessage());
            String body = e.getMessage() + "\n";
            out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n"
                    + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            return Optional.empty();
        }
        return switch (ServerHandshake.create().validate(request)) {
            case HandshakeRejection rejection -> {
                log.accept("HTTP " + rejection.status() + " for " + request.target() + ": " + rejection.detail());
                out.write(rejection.toBytes());
                out.flush();
                yield Optional.empty();
            }
            case ServerHandshakeResult.Accepted accepted -> {
                byte[] response = accepted.response().withHeader("Server", "wslab-conform-client").toBytes();
                out.write(response);
                out.flush();
                wireLog.add(WireLog.Direction.SENT, "101 Switching Protocols", response);
                yield Optional.of(new Accepted(command, after, wireLog));
            }
        };
    }
}
