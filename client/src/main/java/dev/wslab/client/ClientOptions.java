package dev.wslab.client;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.handshake.ClientHandshakeOptions;
import dev.wslab.transport.SessionObserver;
import dev.wslab.transport.SessionOptions;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * ClientOptions are everything {@link WebSocketClient#connect} needs besides the URI; every one has a
 * safe default.
 *
 * @param handshake subprotocols, Origin, extra headers (e.g. Authorization) and the permessage-deflate offer of
 *     the opening handshake. Default: permessage-deflate offered (RFC 7692), as browsers do
 * @param limits the sizes the connection accepts from the server (messages, handshake head)
 * @param session heartbeat, close timeout and queue bounds of the running session
 * @param connectTimeout how long TCP may take to connect. Default 10 s.
 * @param handshakeTimeout how long the TLS handshake and the opening handshake together may take once TCP
 *     is connected. Default 10 s: a server that accepts TCP but never answers is not waited on forever.
 * @param tls the TLS context for wss://; empty for the JDK's default (its trust store)
 * @param verifyHostname whether wss:// checks that the certificate names the host (RFC 6125 via the
 *     JDK's "HTTPS" endpoint identification). Turn off only for self-signed test servers.
 * @param observer told about the handshake bytes and everything the session does
 */
public record ClientOptions(ClientHandshakeOptions handshake, Limits limits, SessionOptions session,
                            Duration connectTimeout, Duration handshakeTimeout, Optional<SSLContext> tls,
                            boolean verifyHostname, ClientObserver observer) {

    /** The defaults described above. */
    public static final ClientOptions DEFAULTS = new ClientOptions(
            ClientHandshakeOptions.NONE.withDeflate(DeflateOptions.DEFAULTS), Limits.DEFAULTS,
            SessionOptions.DEFAULTS, Duration.ofSeconds(10), Duration.ofSeconds(10), Optional.empty(), true,
            ClientObserver.NONE);

    public ClientOptions {
        Objects.requireNonNull(handshake, "handshake");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(observer, "observer");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || handshakeTimeout.isNegative()
                || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("the connect and handshake timeouts must be positive");
        }
        if (connectTimeout.toMillis() > Integer.MAX_VALUE || handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the connect and handshake timeouts must fit in an int of milliseconds");
        }
    }

    /** Returns a copy with other handshake options (subprotocols, Origin, headers). */
    public ClientOptions withHandshake(ClientHandshakeOptions handshake) {
        return new ClientOptions(handshake, limits, session, connectTimeout, handshakeTimeout, tls, verifyHostname,
                observer);
    }

    /**
     * Returns a copy that offers permessage-deflate and compresses with {@code options} if the server accepts.
     * The server's answer is checked against RFC 7692 §7; an answer the client must refuse fails the connect
     * with one line naming the parameter and the clause.
     */
    public ClientOptions withDeflate(DeflateOptions options) {
        return withHandshake(handshake.withDeflate(options));
    }

    /** Returns a copy that offers no compression. */
    public ClientOptions withoutDeflate() {
        return withHandshake(handshake.withoutDeflate());
    }

    /** Returns a copy offering {@code subprotocols}, most preferred first. */
    public ClientOptions withSubprotocols(String... subprotocols) {
        return withHandshake(handshake.withSubprotocols(subprotocols));
    }

    /** Returns a copy that sends {@code Origin: origin}. */
    public ClientOptions withOrigin(String origin) {
        return withHandshake(handshake.withOrigin(origin));
    }

    /** Returns a copy that also sends the header {@code name: value}, e.g. Authorization. */
    public ClientOptions withHeader(String name, String value) {
        return withHandshake(handshake.withHeader(name, value));
    }

    /** Returns a copy with other limits. */
    public ClientOptions withLimits(Limits limits) {
        return new ClientOptions(handshake, limits, session, connectTimeout, handshakeTimeout, tls, verifyHostname,
                observer);
    }

    /** Returns a copy with other session options. */
    public ClientOptions withSession(SessionOptions session) {
        return new ClientOptions(handshake, limits, session, connectTimeout, handshakeTimeout, tls, verifyHostname,
                observer);
    }

    /** Returns a copy with another connect timeout. */
    public ClientOptions withConnectTimeout(Duration timeout) {
        return new ClientOptions(handshake, limits, session, timeout, handshakeTimeout, tls, verifyHostname, observer);
    }

    /** Returns a copy with another handshake timeout. */
    public ClientOptions withHandshakeTimeout(Duration timeout) {
        return new ClientOptions(handshake, limits, session, connectTimeout, timeout, tls, verifyHostname, observer);
    }

    /** Returns a copy that uses {@code context} for wss:// (e.g. one trusting a private CA). */
    public ClientOptions withTls(SSLContext context) {
        return new ClientOptions(handshake, limits, session, connectTimeout, handshakeTimeout, Optional.of(context),
                verifyHostname, observer);
    }

    /**
     * Returns a copy whose wss:// connections trust the certificates in {@code trustStore} (and only
     * those), e.g. a private CA or a self-signed server certificate loaded from a PKCS#12 file.
     */
    public ClientOptions withTrustStore(KeyStore trustStore) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return withTls(context);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use this trust store: " + e.getMessage(), e);
        }
    }

    /** Returns a copy that does or does not check the certificate's host name. */
    public ClientOptions withVerifyHostname(boolean verify) {
        return new ClientOptions(handshake, limits, session, connectTimeout, handshakeTimeout, tls, verify, observer);
    }

    /** Returns a copy with another observer; a plain {@link SessionObserver} sees the session only. */
    public ClientOptions withObserver(SessionObserver observer) {
        return new ClientOptions(handshake, limits, session, connectTimeout, handshakeTimeout, tls, verifyHostname,
                observer instanceof ClientObserver client ? client : ClientObserver.all(observer));
    }
}
