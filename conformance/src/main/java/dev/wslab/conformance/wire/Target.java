package dev.wslab.conformance.wire;

import dev.wslab.protocol.handshake.ClientHandshakeOptions;
import dev.wslab.protocol.handshake.WebSocketUri;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Target is the server under test: its URL and what the suite sends in every opening handshake.
 *
 * @param uri the ws:// URL of the endpoint to test
 * @param handshake the subprotocols, Origin and extra headers each handshake carries
 * @param connectTimeout how long to wait for TCP and the opening handshake
 * @param tls for wss:// targets, the TLS context whose trust decides which certificates are accepted
 * @param timeScale how much longer than the catalog says the server gets for each case (deadlines and
 *     pauses); 1 for the catalog's own times
 */
public record Target(URI uri, ClientHandshakeOptions handshake, Duration connectTimeout, Optional<SSLContext> tls,
                     double timeScale) {

    public Target {
        Objects.requireNonNull(uri, "uri");
        WebSocketUri.parse(uri); // explains a bad URL at once
        Objects.requireNonNull(tls, "tls");
        if (!(timeScale >= 1.0 && timeScale <= 100.0)) {
            throw new IllegalArgumentException("the time scale is a factor from 1 to 100, got " + timeScale);
        }
    }

    /** Returns a target with no extra handshake options, a 5 s connect timeout and the JDK's default trust. */
    public static Target of(URI uri) {
        return new Target(uri, ClientHandshakeOptions.NONE, Duration.ofSeconds(5), Optional.empty(), 1.0);
    }

    /** Returns a copy that gives the server {@code factor} times the catalog's deadlines and pauses. */
    public Target withTimeScale(double factor) {
        return new Target(uri, handshake, connectTimeout, tls, factor);
    }

    /** Tells whether the target is a wss:// URL. */
    public boolean secure() {
        return WebSocketUri.parse(uri).secure();
    }

    /** Returns the TLS context to use for a wss:// target: the given one, or the JDK's default. */
    public SSLContext tlsContext() {
        try {
            return tls.isPresent() ? tls.get() : SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }
}
