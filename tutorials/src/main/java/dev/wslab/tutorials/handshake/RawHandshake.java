package dev.wslab.tutorials.handshake;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.handshake.ClientHandshake;
import dev.wslab.protocol.handshake.ClientHandshakeResult;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.handshake.WebSocketHeaders;
import dev.wslab.protocol.http.HttpField;
import dev.wslab.protocol.http.HttpHeadException;
import dev.wslab.protocol.http.HttpHeadParser;
import dev.wslab.protocol.http.HttpHeaders;
import dev.wslab.protocol.http.HttpRequest;
import dev.wslab.protocol.http.HttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * RawHandshake sends an opening handshake that a well-behaved client library would never send (a wrong
 * version, a broken key), reads the server's answer, and judges it exactly as a client does (RFC 6455
 * §4.1, {@link ClientHandshake#validate}). It is how the 400 and 426 rows of the failure table are shown:
 * our {@code WebSocketClient} always sends a correct request.
 */
public final class RawHandshake {

    private RawHandshake() {
    }

    // tag::tamper[]
    /** Returns a tampering that replaces the value of header {@code name} (e.g. the version, the key). */
    public static UnaryOperator<HttpRequest> replacing(String name, String value) {
        return request -> {
            List<HttpField> fields = new ArrayList<>();
            for (HttpField field : request.headers().fields()) {
                fields.add(field.hasName(name) ? new HttpField(field.name(), value) : field);
            }
            return new HttpRequest(request.method(), request.target(), request.version(), new HttpHeaders(fields));
        };
    }

    /** An old client that speaks the draft version 8 of the protocol: the server wants 13 (§4.4). */
    public static final UnaryOperator<HttpRequest> DRAFT_VERSION =
            replacing(WebSocketHeaders.SEC_WEBSOCKET_VERSION, "8");

    /** A key that is not the base64 of 16 random bytes (§4.1 item 7). */
    public static final UnaryOperator<HttpRequest> BROKEN_KEY =
            replacing(WebSocketHeaders.SEC_WEBSOCKET_KEY, "not-a-nonce");
    // end::tamper[]

    /**
     * Sends the handshake for {@code uri}, changed by {@code tamper}, and returns the client's verdict on the
     * answer: {@link ClientHandshakeResult.Accepted} or a {@link HandshakeFailure} carrying the response.
     */
    public static ClientHandshakeResult send(URI uri, UnaryOperator<HttpRequest> tamper) throws IOException {
        ClientHandshake handshake = ClientHandshake.create(uri, new SecureRandom());
        HttpRequest request = tamper.apply(handshake.request());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.toBytes());
            socket.getOutputStream().flush();
            Optional<HttpResponse> response = readResponseHead(socket.getInputStream());
            return response.<ClientHandshakeResult>map(handshake::validate)
                    .orElseGet(HandshakeFailure::closedBeforeResponse);
        } catch (HttpHeadException e) {
            return HandshakeFailure.malformed(e);
        }
    }

    private static Optional<HttpResponse> readResponseHead(InputStream in) throws IOException {
        HttpHeadParser<HttpResponse> parser = HttpHeadParser.forResponse(Limits.DEFAULTS);
        byte[] buffer = new byte[4096];
        int count;
        while ((count = in.read(buffer)) >= 0) {
            Optional<HttpResponse> head = parser.feed(buffer, 0, count).head();
            if (head.isPresent()) {
                return head;
            }
        }
        return Optional.empty();
    }
}
