package dev.wslab.conformance.wire;

import dev.wslab.conformance.RequestDelivery;
import dev.wslab.protocol.Limits;
import dev.wslab.protocol.deflate.AgreedDeflate;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.extension.Extension;
import dev.wslab.protocol.handshake.ClientHandshake;
import dev.wslab.protocol.handshake.ClientHandshakeResult;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.handshake.WebSocketHeaders;
import dev.wslab.protocol.handshake.WebSocketUri;
import dev.wslab.protocol.http.HttpHeadException;
import dev.wslab.protocol.http.HttpHeadParser;
import dev.wslab.protocol.http.HttpHeaders;
import dev.wslab.protocol.http.HttpResponse;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * HandshakeDialer connects to the server under test and runs the opening handshake (§4.1) the way a case
 * asks: the request edited to break a rule, bytes glued after it, written whole, in chops, one line at a
 * time or not at all. It then reads the answer for as long as the case's patience allows.
 *
 * <p>It reads the answer with a read loop of its own rather than the handshake driver wslab's client uses,
 * on purpose: a server under test may send anything, and the suite must record what came. A client's
 * driver stops at the first error with a clean outcome; the dialer logs every byte as it was written and
 * read, sends a trickled request line by line while it waits, tells a server that closed from one that
 * fell silent, and keeps the bytes that came after the response head for the frame reader. Only the
 * response head itself is parsed by the protocol core ({@link HttpHeadParser}), and judged by it
 * ({@link ClientHandshake#validate}).
 */
final class HandshakeDialer {

    private static final int READ_BUFFER_SIZE = 64 * 1024;

    private final Socket socket;
    private final OutputStream out;
    private final WireLog log;

    private HandshakeDialer(Socket socket, WireLog log) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.log = log;
    }

    /**
     * Connects, sends the request as {@code delivery} says and reads the answer; see {@link WireConnection#probe}.
     * With {@code deflateOffers}, the request carries them in {@code Sec-WebSocket-Extensions} (before
     * {@code editRequest} runs) and the answer to it is read by {@link DeflateNegotiation}.
     */
    static HandshakeProbe probe(Target target, UnaryOperator<String> editRequest, byte[] afterHead,
                                RequestDelivery delivery, Duration patience, List<Extension> deflateOffers,
                                WireLog log) throws IOException {
        WebSocketUri uri = WebSocketUri.parse(target.uri());
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(uri.host(), uri.port()), (int) target.connectTimeout().toMillis());
            socket.setTcpNoDelay(true);
            if (target.secure()) {
                socket = target.tlsContext().getSocketFactory().createSocket(socket, uri.host(), uri.port(), true);
                ((SSLSocket) socket).startHandshake();
            }
            HandshakeDialer dialer = new HandshakeDialer(socket, log);
            ClientHandshake handshake = ClientHandshake.create(target.uri(), target.handshake(), new SecureRandom());
            String plain = new String(handshake.request().toBytes(), StandardCharsets.ISO_8859_1);
            String head = editRequest.apply(deflateOffers.isEmpty() ? plain : withOffers(plain, deflateOffers));
            byte[] request = head.getBytes(StandardCharsets.ISO_8859_1);
            Duration timeout = target.connectTimeout();
            return switch (delivery) {
                case RequestDelivery.Whole whole -> {
                    dialer.sendRequest(request, afterHead, request.length);
                    yield dialer.readResponse(handshake, deflateOffers, timeout, timeout, () -> { });
                }
                case RequestDelivery.Chopped chopped -> {
                    dialer.sendRequest(request, afterHead, chopped.size());
                    yield dialer.readResponse(handshake, deflateOffers, timeout, timeout, () -> { });
                }
                case RequestDelivery.Trickled trickled -> {
                    Trickle trickle = dialer.new Trickle(head);
                    trickle.next();
                    yield dialer.readResponse(handshake, deflateOffers, patience, trickled.interval(), trickle::next);
                }
                case RequestDelivery.Silent silent -> {
                    log.note("the suite sends nothing and waits up to " + patience.toMillis() + " ms");
                    yield dialer.readResponse(handshake, deflateOffers, patience, patience, () -> { });
                }
            };
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Writes the request and what follows it, in writes of {@code chop} bytes. */
    private void sendRequest(byte[] request, byte[] afterHead, int chop) {
        log.add(WireLog.Direction.SENT, "opening handshake request" + (chop < request.length ? " (in " + chop
                + "-byte writes)" : "") + "\n" + new String(request, StandardCharsets.ISO_8859_1), request);
        byte[] all = Arrays.copyOf(request, request.length + afterHead.length);
        System.arraycopy(afterHead, 0, all, request.length, afterHead.length);
        if (afterHead.length > 0) {
            log.add(WireLog.Direction.SENT, "bytes right after the request, in the same write", afterHead);
        }
        try {
            for (int from = 0; from < all.length; from += chop) {
                out.write(all, from, Math.min(chop, all.length - from));
                out.flush();
            }
        } catch (IOException e) {
            // The server may refuse an abusive request before it has all of it, and answer anyway.
            log.note("the server stopped reading the request: " + e.getMessage());
        }
    }

    /** A request head sent one line per tick, never ending: the request line, its headers, then made-up ones. */
    private final class Trickle {
        private final String[] lines;
        private int sent;

        Trickle(String head) {
            this.lines = head.substring(0, head.length() - 4).split("\r\n");
        }

        void next() {
            String line = sent < lines.length ? lines[sent] : "X-Trickle-" + sent + ": " + sent;
            byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            sent++;
            try {
                out.write(bytes);
                out.flush();
                log.add(WireLog.Direction.SENT, "line " + sent + " of a request that never ends: " + line, bytes);
            } catch (IOException e) {
                log.note("could not send line " + sent + ": " + e.getMessage());
            }
        }
    }

    /**
     * Reads the answer to the request, for up to {@code patience}; every {@code tick} without an answer,
     * runs {@code onTick} (the next line of a trickled request).
     */
    private HandshakeProbe readResponse(ClientHandshake handshake, List<Extension> deflateOffers, Duration patience,
                                        Duration tick, Runnable onTick) throws IOException {
        HttpHeadParser<HttpResponse> parser = HttpHeadParser.forResponse(Limits.DEFAULTS);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[READ_BUFFER_SIZE];
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        while (true) {
            int count;
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException();
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), tick.toMillis())));
                count = in.read(buffer);
            } catch (SocketTimeoutException e) {
                if (System.nanoTime() - deadline < 0) {
                    onTick.run();
                    continue;
                }
                log.note("no answer and the connection still open after " + patience.toMillis() + " ms: the suite"
                        + " gives up and closes it");
                return closed(HandshakeFailure.closedBeforeResponse(), true);
            } catch (IOException e) {
                log.note("the connection ended before an answer, after " + millisSince(start) + " ms: " + e.getMessage());
                return closed(HandshakeFailure.closedBeforeResponse(), false);
            }
            if (count < 0) {
                log.note("the server closed the connection before answering the handshake, after "
                        + millisSince(start) + " ms");
                return closed(HandshakeFailure.closedBeforeResponse(), false);
            }
            ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, count);
            Optional<HttpResponse> response;
            try {
                response = parser.feed(bytes);
            } catch (HttpHeadException e) {
                log.add(WireLog.Direction.RECEIVED, "malformed handshake response", Arrays.copyOf(buffer, count));
                return closed(HandshakeFailure.malformed(e), false);
            }
            if (response.isPresent()) {
                byte[] head = Arrays.copyOf(buffer, bytes.position());
                log.add(WireLog.Direction.RECEIVED, "opening handshake response, after " + millisSince(start) + " ms\n"
                        + new String(head, StandardCharsets.ISO_8859_1), head);
                ClientHandshakeResult result = validate(handshake, deflateOffers, response.get());
                if (result instanceof ClientHandshakeResult.Accepted accepted) {
                    socket.setSoTimeout(0);
                    WireConnection connection = new WireConnection(socket, log,
                            accepted.deflate().map(AgreedDeflate::agreement));
                    connection.startReading(Arrays.copyOfRange(buffer, bytes.position(), count));
                    return new HandshakeProbe(response, result, Optional.of(connection));
                }
                socket.close();
                return new HandshakeProbe(response, result, Optional.empty());
            }
        }
    }

    /** Returns the request head with {@code offers} in a {@code Sec-WebSocket-Extensions} line at its end. */
    private static String withOffers(String head, List<Extension> offers) {
        return head.substring(0, head.length() - 2) + WebSocketHeaders.SEC_WEBSOCKET_EXTENSIONS + ": "
                + Extension.toHeaderValue(offers) + "\r\n\r\n";
    }

    /**
     * Judges the response as a client does (§4.1); with an offer of the case's own, which the client's driver
     * cannot make, the extension header is judged by {@link DeflateNegotiation} and the rest by the driver.
     */
    private ClientHandshakeResult validate(ClientHandshake handshake, List<Extension> deflateOffers,
                                           HttpResponse response) {
        if (deflateOffers.isEmpty()) {
            return handshake.validate(response);
        }
        HttpResponse withoutExtensions = new HttpResponse(response.version(), response.status(), response.reason(),
                new HttpHeaders(response.headers().fields().stream()
                        .filter(field -> !field.hasName(WebSocketHeaders.SEC_WEBSOCKET_EXTENSIONS)).toList()));
        ClientHandshakeResult result = handshake.validate(withoutExtensions);
        if (!(result instanceof ClientHandshakeResult.Accepted accepted)) {
            return result;
        }
        return switch (DeflateNegotiation.read(response, deflateOffers)) {
            case DeflateNegotiation.Answer.Declined declined -> accepted;
            case DeflateNegotiation.Answer.Agreed agreed -> new ClientHandshakeResult.Accepted(accepted.subprotocol(),
                    response, Optional.of(new AgreedDeflate(agreed.agreement(), DeflateOptions.DEFAULTS)));
            case DeflateNegotiation.Answer.Refused refused -> new HandshakeFailure(
                    HandshakeFailure.Kind.INVALID_EXTENSION_RESPONSE, refused.problem(), Optional.of(response));
        };
    }

    /** Closes the socket: the handshake ended without an accepted response. */
    private HandshakeProbe closed(HandshakeFailure failure, boolean suiteGaveUp) throws IOException {
        socket.close();
        return new HandshakeProbe(Optional.empty(), failure, Optional.empty(), suiteGaveUp);
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
