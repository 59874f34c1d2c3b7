package dev.wslab.protocol.handshake;

import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.http.HttpField;
import dev.wslab.protocol.http.HttpHeaders;
import dev.wslab.protocol.http.HttpSyntax;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * ClientHandshakeOptions holds what a client may add to its opening handshake (RFC 6455 §4.1): the
 * subprotocols it offers, an {@code Origin}, other header fields such as {@code Authorization}, and
 * whether it offers permessage-deflate (RFC 7692).
 *
 * @param subprotocols the subprotocols offered, most preferred first; tokens, all different (§4.1 item 10)
 * @param origin the {@code Origin} to send, if any; browsers always send one, other clients MAY (§4.1 item 8)
 * @param extraHeaders more header fields, sent after the handshake's own; they may not replace them
 * @param deflate how to compress if the server accepts permessage-deflate; empty: it is not offered
 * @throws IllegalArgumentException when a subprotocol is not a token or is repeated, or an extra header
 *     would replace or contradict a field the handshake sets itself
 */
public record ClientHandshakeOptions(List<String> subprotocols, Optional<String> origin, HttpHeaders extraHeaders,
                                     Optional<DeflateOptions> deflate) {

    /** No subprotocols, no Origin, no extra headers, no compression. */
    public static final ClientHandshakeOptions NONE =
            new ClientHandshakeOptions(List.of(), Optional.empty(), HttpHeaders.empty(), Optional.empty());

    /** Names the handshake sets itself; an extra header of that name would break it. */
    private static final List<String> RESERVED = List.of(WebSocketHeaders.HOST, WebSocketHeaders.UPGRADE,
            WebSocketHeaders.CONNECTION, WebSocketHeaders.ORIGIN, "Content-Length", "Transfer-Encoding");

    public ClientHandshakeOptions {
        subprotocols = List.copyOf(subprotocols);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(extraHeaders, "extraHeaders");
        Objects.requireNonNull(deflate, "deflate");
        Set<String> seen = new HashSet<>();
        for (String subprotocol : subprotocols) {
            if (!HttpSyntax.isToken(subprotocol)) {
                throw new IllegalArgumentException("a subprotocol must be a token (RFC 6455 §4.1 item 10), got "
                        + HttpSyntax.quote(subprotocol));
            }
            if (!seen.add(subprotocol)) {
                throw new IllegalArgumentException("subprotocols MUST all be unique (RFC 6455 §4.1 item 10), "
                        + subprotocol + " is offered twice");
            }
        }
        origin.ifPresent(value -> new HttpField(WebSocketHeaders.ORIGIN, value)); // throws if it cannot be sent
        for (HttpField field : extraHeaders.fields()) {
            boolean reserved = RESERVED.stream().anyMatch(field::hasName)
                    || field.name().regionMatches(true, 0, "Sec-WebSocket-", 0, "Sec-WebSocket-".length());
            if (reserved) {
                throw new IllegalArgumentException("the handshake sets " + field.name()
                        + " itself; it cannot be an extra header (use the options for subprotocols and Origin)");
            }
        }
    }

    /** Returns a copy offering {@code subprotocols}, most preferred first. */
    public ClientHandshakeOptions withSubprotocols(String... subprotocols) {
        return new ClientHandshakeOptions(List.of(subprotocols), origin, extraHeaders, deflate);
    }

    /** Returns a copy that sends {@code Origin: origin}. */
    public ClientHandshakeOptions withOrigin(String origin) {
        return new ClientHandshakeOptions(subprotocols, Optional.of(origin), extraHeaders, deflate);
    }

    /** Returns a copy that also sends the header field {@code name: value}, e.g. {@code Authorization}. */
    public ClientHandshakeOptions withHeader(String name, String value) {
        return new ClientHandshakeOptions(subprotocols, origin, extraHeaders.with(name, value), deflate);
    }

    /** Returns a copy that offers permessage-deflate and, if the server accepts, compresses with {@code options}. */
    public ClientHandshakeOptions withDeflate(DeflateOptions options) {
        return new ClientHandshakeOptions(subprotocols, origin, extraHeaders, Optional.of(options));
    }

    /** Returns a copy that offers no permessage-deflate. */
    public ClientHandshakeOptions withoutDeflate() {
        return new ClientHandshakeOptions(subprotocols, origin, extraHeaders, Optional.empty());
    }
}
