package dev.wslab.protocol.handshake;

import dev.wslab.protocol.deflate.AgreedDeflate;
import dev.wslab.protocol.deflate.PerMessageDeflate;
import dev.wslab.protocol.extension.Extension;
import dev.wslab.protocol.extension.ExtensionHeaderParser;
import dev.wslab.protocol.extension.ParsedExtensions;
import dev.wslab.protocol.http.HttpHeaders;
import dev.wslab.protocol.http.HttpRequest;
import dev.wslab.protocol.http.HttpResponse;
import dev.wslab.protocol.http.HttpStatus;
import dev.wslab.protocol.http.HttpSyntax;
import dev.wslab.protocol.http.HttpVersion;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import static dev.wslab.protocol.http.HttpSyntax.quote;

/**
 * ClientHandshake is the client's half of the opening handshake (RFC 6455 §4.1): it builds the upgrade
 * request for a WebSocket URI, remembers the key it sent, and judges the server's response.
 *
 * <p>It touches no socket and reads no bytes: {@link dev.wslab.protocol.connection.ClientOpening} sends
 * {@link #request()}, reads the response head, and passes it to {@link #validate}.
 * The one extension it may offer is permessage-deflate, when the options ask for it; an extension in the
 * response that was not offered fails the handshake.
 */
public final class ClientHandshake {

    private final WebSocketUri uri;
    private final ClientHandshakeOptions options;
    private final String key;
    private final HttpRequest request;

    private ClientHandshake(WebSocketUri uri, ClientHandshakeOptions options, String key) {
        this.uri = uri;
        this.options = options;
        this.key = key;
        this.request = buildRequest();
    }

    /**
     * Returns the handshake for {@code uri} with no options.
     *
     * @param random where the 16 bytes of the key come from; a {@link java.security.SecureRandom} in production
     * @throws IllegalArgumentException when {@code uri} is not a valid ws or wss URI (§3)
     */
    public static ClientHandshake create(URI uri, RandomGenerator random) {
        return create(uri, ClientHandshakeOptions.NONE, random);
    }

    /**
     * Returns the handshake for {@code uri}, with a fresh key drawn from {@code random}.
     *
     * @throws IllegalArgumentException when {@code uri} is not a valid ws or wss URI (§3)
     */
    public static ClientHandshake create(URI uri, ClientHandshakeOptions options, RandomGenerator random) {
        return new ClientHandshake(WebSocketUri.parse(uri), Objects.requireNonNull(options, "options"),
                WebSocketKey.generate(random));
    }

    // tag::client-request[]
    /** Builds the request of §4.1: the resource name, Host, Upgrade, Connection, the key and the version. */
    private HttpRequest buildRequest() {
        HttpHeaders headers = HttpHeaders.of(
                WebSocketHeaders.HOST, uri.hostHeader(),
                WebSocketHeaders.UPGRADE, WebSocketHeaders.WEBSOCKET,
                WebSocketHeaders.CONNECTION, WebSocketHeaders.UPGRADE_TOKEN,
                WebSocketHeaders.SEC_WEBSOCKET_KEY, key,
                WebSocketHeaders.SEC_WEBSOCKET_VERSION, WebSocketHeaders.VERSION);
        if (options.origin().isPresent()) {
            headers = headers.with(WebSocketHeaders.ORIGIN, options.origin().get());
        }
        if (!options.subprotocols().isEmpty()) {
            String offered = String.join(", ", options.subprotocols());
            headers = headers.with(WebSocketHeaders.SEC_WEBSOCKET_PROTOCOL, offered);
        }
        if (options.deflate().isPresent()) {
            headers = headers.with(WebSocketHeaders.SEC_WEBSOCKET_EXTENSIONS, deflateOffer().toHeaderValue());
        }
        headers = headers.withAll(options.extraHeaders());
        return new HttpRequest("GET", uri.resourceName(), HttpVersion.HTTP_1_1, headers);
    }
    // end::client-request[]

    /** Returns the URI this handshake connects to; the caller opens TCP (and TLS if secure) to its host and port. */
    public WebSocketUri uri() {
        return uri;
    }

    /** Returns the request head to send. */
    public HttpRequest request() {
        return request;
    }

    /** Returns the {@code Sec-WebSocket-Key} sent. */
    String key() {
        return key;
    }

    /** Returns the {@code Sec-WebSocket-Accept} value the server must answer with. */
    String expectedAccept() {
        return AcceptKey.of(key);
    }

    /**
     * Judges the server's response head by the checks of §4.1, in the order the RFC lists them, and stops
     * at the first that fails.
     *
     * @return {@link ClientHandshakeResult.Accepted} with the subprotocol in use, or a {@link HandshakeFailure}
     */
    public ClientHandshakeResult validate(HttpResponse response) {
        HttpHeaders headers = response.headers();
        // tag::status-check[]
        if (response.status() != 101) {
            return failure(HandshakeFailure.Kind.UNEXPECTED_STATUS, response, response.status() + " "
                    + quote(response.reason()) + ": " + HttpStatus.meaningForWebSocketClient(response.status()));
        }
        // end::status-check[]
        List<String> upgrade = headers.all(WebSocketHeaders.UPGRADE);
        if (upgrade.size() != 1 || !HttpSyntax.equalsIgnoreAsciiCase(upgrade.get(0), WebSocketHeaders.WEBSOCKET)) {
            return failure(HandshakeFailure.Kind.INVALID_UPGRADE, response, HeaderValues.describe(upgrade));
        }
        if (!headers.containsToken(WebSocketHeaders.CONNECTION, WebSocketHeaders.UPGRADE_TOKEN)) {
            return failure(HandshakeFailure.Kind.INVALID_CONNECTION, response,
                    HeaderValues.describe(headers, WebSocketHeaders.CONNECTION));
        }
        // tag::accept-check[]
        List<String> accept = headers.all(WebSocketHeaders.SEC_WEBSOCKET_ACCEPT);
        if (accept.size() != 1 || !accept.get(0).equals(expectedAccept())) {
            return failure(HandshakeFailure.Kind.INVALID_ACCEPT, response,
                    "expected " + expectedAccept() + ", " + HeaderValues.describe(accept));
        }
        // end::accept-check[]
        List<String> extensions = headers.all(WebSocketHeaders.SEC_WEBSOCKET_EXTENSIONS);
        if (!extensions.isEmpty() && options.deflate().isEmpty()) {
            return failure(HandshakeFailure.Kind.UNEXPECTED_EXTENSION, response,
                    HeaderValues.describe(extensions) + ", but none were offered");
        }
        if (extensions.isEmpty()) {
            return checkSubprotocol(response, Optional.empty()); // the server declined compression, as it may
        }
        return checkDeflate(response, extensions);
    }

    /** Returns the permessage-deflate offer this client makes; only when its options ask for compression. */
    private Extension deflateOffer() {
        return PerMessageDeflate.offer(options.deflate().orElseThrow());
    }

    /** §4.1 step 5 and RFC 7692 §7: one element, permessage-deflate, with parameters the client can accept. */
    private ClientHandshakeResult checkDeflate(HttpResponse response, List<String> extensions) {
        List<Extension> elements;
        switch (ExtensionHeaderParser.parse(extensions)) {
            case ParsedExtensions.Malformed malformed -> {
                return failure(HandshakeFailure.Kind.INVALID_EXTENSION_RESPONSE, response,
                        malformed.problem() + " (RFC 6455 §9.1)");
            }
            case ParsedExtensions.Parsed parsed -> elements = parsed.extensions();
        }
        if (elements.stream().anyMatch(element -> !element.name().equals(PerMessageDeflate.NAME))) {
            return failure(HandshakeFailure.Kind.UNEXPECTED_EXTENSION, response,
                    HeaderValues.describe(extensions) + ", but only " + PerMessageDeflate.NAME + " was offered");
        }
        if (elements.size() > 1) {
            return failure(HandshakeFailure.Kind.INVALID_EXTENSION_RESPONSE, response, elements.size()
                    + " permessage-deflate elements, one offer was made; a response names each extension it accepts"
                    + " once (RFC 7692 §7)");
        }
        return switch (PerMessageDeflate.check(elements.get(0), deflateOffer())) {
            case PerMessageDeflate.ClientCheck.Refused refused ->
                    failure(HandshakeFailure.Kind.INVALID_EXTENSION_RESPONSE, response, refused.problem());
            case PerMessageDeflate.ClientCheck.Agreed agreed -> checkSubprotocol(response,
                    Optional.of(new AgreedDeflate(agreed.agreement(), options.deflate().orElseThrow())));
        };
    }

    /** §4.1 step 6 and §4.2.2: no header, or exactly one of the offered subprotocols, compared exactly. */
    private ClientHandshakeResult checkSubprotocol(HttpResponse response, Optional<AgreedDeflate> deflate) {
        List<String> selected = response.headers().all(WebSocketHeaders.SEC_WEBSOCKET_PROTOCOL);
        if (selected.isEmpty()) {
            return new ClientHandshakeResult.Accepted(Optional.empty(), response, deflate);
        }
        String offered = options.subprotocols().isEmpty() ? "none were offered"
                : "offered " + String.join(", ", options.subprotocols());
        if (selected.size() != 1 || !options.subprotocols().contains(selected.get(0))) {
            return failure(HandshakeFailure.Kind.UNEXPECTED_SUBPROTOCOL, response,
                    HeaderValues.describe(selected) + ", " + offered);
        }
        return new ClientHandshakeResult.Accepted(Optional.of(selected.get(0)), response, deflate);
    }

    private static HandshakeFailure failure(HandshakeFailure.Kind kind, HttpResponse response, String detail) {
        return new HandshakeFailure(kind, detail, Optional.of(response));
    }
}
