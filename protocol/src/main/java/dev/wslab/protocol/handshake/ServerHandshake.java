package dev.wslab.protocol.handshake;

import dev.wslab.protocol.deflate.AgreedDeflate;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.deflate.PerMessageDeflate;
import dev.wslab.protocol.extension.Extension;
import dev.wslab.protocol.extension.ExtensionHeaderParser;
import dev.wslab.protocol.extension.ParsedExtensions;
import dev.wslab.protocol.http.HttpHeaders;
import dev.wslab.protocol.http.HttpRequest;
import dev.wslab.protocol.http.HttpResponse;
import dev.wslab.protocol.http.HttpSyntax;
import dev.wslab.protocol.http.HttpVersion;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static dev.wslab.protocol.handshake.HandshakeRejection.Kind;
import static dev.wslab.protocol.http.HttpSyntax.quote;

/**
 * ServerHandshake is the server's half of the opening handshake: it reads a client's request by the rules
 * of RFC 6455 §4.2.1 and answers it by §4.2.2, with a 101 response or an error saying precisely why.
 *
 * <p>The checks run in the order of §4.2.1's list, with one change: the version is checked before the
 * key, so that a client speaking another version learns which one to use (426 with
 * {@code Sec-WebSocket-Version: 13}) rather than a bare 400 about a key its version may name differently.
 *
 * <p>The one extension it can speak is permessage-deflate (RFC 7692), and only when turned on with
 * {@link #withDeflate}: then the first offer it can honour is accepted and named in the response. Invalid
 * offers, and a {@code Sec-WebSocket-Extensions} header that breaks the §9.1 grammar, are declined, never
 * refused: the handshake goes on without compression. Otherwise every offer is ignored and never answered,
 * which §4.2.2 allows. The {@code Origin} is handed to the caller, not judged.
 */
public final class ServerHandshake {

    private final SubprotocolSelector selector;
    /** How this server compresses when a client offers permessage-deflate; empty: it never accepts it. */
    private final Optional<DeflateOptions> deflate;

    private ServerHandshake(SubprotocolSelector selector, Optional<DeflateOptions> deflate) {
        this.selector = Objects.requireNonNull(selector, "selector");
        this.deflate = Objects.requireNonNull(deflate, "deflate");
    }

    private ServerHandshake(SubprotocolSelector selector) {
        this(selector, Optional.empty());
    }

    /** Returns a copy that accepts permessage-deflate when a client offers it, and compresses with {@code options}. */
    public ServerHandshake withDeflate(DeflateOptions options) {
        return new ServerHandshake(selector, Optional.of(options));
    }

    /** Returns a server handshake that speaks no subprotocol. */
    public static ServerHandshake create() {
        return new ServerHandshake(SubprotocolSelector.none());
    }

    /** Returns a server handshake that picks the first of {@code subprotocols} (its preference order) offered. */
    public static ServerHandshake supporting(String... subprotocols) {
        return new ServerHandshake(SubprotocolSelector.preferring(List.of(subprotocols)));
    }

    /** Returns a server handshake that lets {@code selector} pick the subprotocol. */
    static ServerHandshake selectingWith(SubprotocolSelector selector) {
        return new ServerHandshake(selector);
    }

    /**
     * Judges {@code request} and returns the answer to send.
     *
     * @throws IllegalStateException when the selector picks a subprotocol the client did not offer
     */
    public ServerHandshakeResult validate(HttpRequest request) {
        HttpHeaders headers = request.headers();
        if (!request.method().equals("GET")) {
            return HandshakeRejection.of(Kind.METHOD_NOT_ALLOWED, "got " + quote(request.method()));
        }
        if (!request.version().isAtLeast(HttpVersion.HTTP_1_1)) {
            return HandshakeRejection.of(Kind.HTTP_VERSION_TOO_OLD, "got " + request.version());
        }
        Optional<ResourceName> resourceName = ResourceName.fromRequestTarget(request.target());
        if (resourceName.isEmpty()) {
            return HandshakeRejection.of(Kind.INVALID_REQUEST_TARGET, "got " + quote(request.target()));
        }
        List<String> host = headers.all(WebSocketHeaders.HOST);
        if (host.isEmpty()) {
            return HandshakeRejection.of(Kind.MISSING_HOST, "");
        }
        if (host.size() > 1 || host.get(0).isEmpty()) {
            return HandshakeRejection.of(Kind.INVALID_HOST, HeaderValues.describe(host));
        }
        // tag::upgrade-checks[]
        if (!headers.contains(WebSocketHeaders.UPGRADE)) {
            return HandshakeRejection.of(Kind.NOT_A_WEBSOCKET_REQUEST, "");
        }
        if (!headers.containsToken(WebSocketHeaders.UPGRADE, WebSocketHeaders.WEBSOCKET)) {
            return rejectFor(Kind.UPGRADE_NOT_WEBSOCKET, headers, WebSocketHeaders.UPGRADE);
        }
        if (!headers.containsToken(WebSocketHeaders.CONNECTION, WebSocketHeaders.UPGRADE_TOKEN)) {
            return rejectFor(Kind.CONNECTION_NOT_UPGRADE, headers, WebSocketHeaders.CONNECTION);
        }
        List<String> version = headers.all(WebSocketHeaders.SEC_WEBSOCKET_VERSION);
        if (!version.equals(List.of(WebSocketHeaders.VERSION))) {
            return HandshakeRejection.of(Kind.UNSUPPORTED_VERSION, HeaderValues.describe(version));
        }
        List<String> key = headers.all(WebSocketHeaders.SEC_WEBSOCKET_KEY);
        if (key.isEmpty()) {
            return HandshakeRejection.of(Kind.MISSING_KEY, "");
        }
        if (key.size() > 1 || !WebSocketKey.isValid(key.get(0))) {
            return HandshakeRejection.of(Kind.INVALID_KEY, HeaderValues.describe(key));
        }
        // end::upgrade-checks[]
        if (announcesBody(headers)) {
            return HandshakeRejection.of(Kind.UNEXPECTED_BODY,
                    "Content-Length " + HeaderValues.describe(headers, "Content-Length")
                    + ", Transfer-Encoding " + HeaderValues.describe(headers, "Transfer-Encoding"));
        }
        return selectSubprotocol(request, resourceName.get().toString(), key.get(0));
    }

    /** Returns a rejection of {@code kind} whose detail is what the request had for header {@code name}. */
    private static HandshakeRejection rejectFor(Kind kind, HttpHeaders headers, String name) {
        return HandshakeRejection.of(kind, HeaderValues.describe(headers, name));
    }

    /** §4.2.2 /subprotocol/: one of the client's values, or none; never an empty string, never one not offered. */
    private ServerHandshakeResult selectSubprotocol(HttpRequest request, String resourceName, String key) {
        HttpHeaders headers = request.headers();
        List<String> offered = headers.tokens(WebSocketHeaders.SEC_WEBSOCKET_PROTOCOL);
        if (headers.contains(WebSocketHeaders.SEC_WEBSOCKET_PROTOCOL)
                && (offered.isEmpty() || !offered.stream().allMatch(HttpSyntax::isToken))) {
            return HandshakeRejection.of(Kind.INVALID_SUBPROTOCOLS,
                    HeaderValues.describe(headers, WebSocketHeaders.SEC_WEBSOCKET_PROTOCOL));
        }
        Optional<String> selected = selector.select(offered);
        if (selected.isPresent() && !offered.contains(selected.get())) {
            throw new IllegalStateException("the subprotocol selector picked " + quote(selected.get())
                    + ", which the client did not offer (offered: " + offered + "); RFC 6455 §4.2.2 forbids it");
        }
        Optional<AgreedDeflate> agreed = deflate.flatMap(options -> answerDeflate(headers, options));
        HttpResponse response = acceptResponse(key, selected);
        if (agreed.isPresent()) {
            Extension accepted = agreed.get().agreement().toResponse();
            response = HttpResponse.of(101, response.headers().with(WebSocketHeaders.SEC_WEBSOCKET_EXTENSIONS,
                    accepted.toHeaderValue()));
        }
        return new ServerHandshakeResult.Accepted(request, resourceName, selected, response, agreed);
    }

    /**
     * RFC 7692 §5: accepts the first permessage-deflate offer this server can honour, from every
     * {@code Sec-WebSocket-Extensions} line. A header that breaks the §9.1 grammar is declined as a whole: the
     * connection goes on uncompressed (RFC 7692 §7 asks to decline an invalid offer, not to refuse the handshake).
     */
    private static Optional<AgreedDeflate> answerDeflate(HttpHeaders headers, DeflateOptions options) {
        return switch (ExtensionHeaderParser.parse(headers.all(WebSocketHeaders.SEC_WEBSOCKET_EXTENSIONS))) {
            case ParsedExtensions.Malformed malformed -> Optional.empty();
            case ParsedExtensions.Parsed parsed -> PerMessageDeflate.answer(parsed.extensions(), options).agreement()
                    .map(agreement -> new AgreedDeflate(agreement, options));
        };
    }

    // tag::accept-response[]
    /**
     * Returns the 101 response of §4.2.2 step 5: {@code Upgrade: websocket}, {@code Connection: Upgrade},
     * the {@code Sec-WebSocket-Accept} for {@code key}, and the subprotocol if one was selected.
     */
    public static HttpResponse acceptResponse(String key, Optional<String> subprotocol) {
        HttpHeaders headers = HttpHeaders.of(
                WebSocketHeaders.UPGRADE, WebSocketHeaders.WEBSOCKET,
                WebSocketHeaders.CONNECTION, WebSocketHeaders.UPGRADE_TOKEN,
                WebSocketHeaders.SEC_WEBSOCKET_ACCEPT, AcceptKey.of(key));
        if (subprotocol.isPresent()) {
            headers = headers.with(WebSocketHeaders.SEC_WEBSOCKET_PROTOCOL, subprotocol.get());
        }
        return HttpResponse.of(101, headers);
    }
    // end::accept-response[]

    /** A request announces a body with Transfer-Encoding or a Content-Length other than 0 (RFC 9112 §6.3). */
    private static boolean announcesBody(HttpHeaders headers) {
        return headers.contains("Transfer-Encoding")
                || headers.all("Content-Length").stream().anyMatch(length -> !length.equals("0"));
    }
}
