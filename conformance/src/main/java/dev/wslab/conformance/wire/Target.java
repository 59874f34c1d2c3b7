package dev.wslab.conformance.wire;

import dev.wslab.protocol.handshake.ClientHandshakeOptions;
import dev.wslab.protocol.handshake.WebSocketUri;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Target is the server under test: its URL and what the suite sends in every opening handshake.
 *
 * @param uri the ws:// URL of the endpoint to test
 * @param handshake the subprotocols, Origin and extra headers each handshake carries
 * @param connectTimeout how long to wait for TCP and the opening handshake
 */
public record Target(URI uri, ClientHandshakeOptions handshake, Duration connectTimeout) {

    public Target {
        Objects.requireNonNull(uri, "uri");
        WebSocketUri.parse(uri); // explains a bad URL at once
        if ("wss".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("wss:// targets are not supported yet; test the server over ws://");
        }
    }

    /** Returns a target with no extra handshake options and a 5 s connect timeout. */
    public static Target of(URI uri) {
        return new Target(uri, ClientHandshakeOptions.NONE, Duration.ofSeconds(5));
    }
}
