package dev.wslab.protocol.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * AcceptKey computes the {@code Sec-WebSocket-Accept} value a server returns for a client's
 * {@code Sec-WebSocket-Key} (RFC 6455 §4.2.2 step 5.4).
 *
 * <p>It proves only that the server understood a WebSocket handshake, so that a plain HTTP server or a
 * cache cannot be mistaken for a WebSocket one. It is not a security mechanism (§10.8): SHA-1 is fine here.
 */
public final class AcceptKey {

    // tag::guid[]
    /** The GUID every WebSocket server appends to the key, fixed by RFC 6455 §1.3. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    // end::guid[]

    private AcceptKey() {
    }

    // tag::accept-key[]
    /**
     * Returns base64(SHA-1(clientKey + GUID)). The key is used as the string the client sent; it is
     * not base64-decoded first (§4.2.2: "It is not necessary for the server to base64-decode").
     */
    public static String of(String clientKey) {
        Objects.requireNonNull(clientKey, "clientKey");
        byte[] digest = sha1().digest((clientKey + GUID).getBytes(StandardCharsets.ISO_8859_1));
        return Base64.getEncoder().encodeToString(digest);
    }
    // end::accept-key[]

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-1 (MessageDigest's Javadoc lists it as required).
            throw new AssertionError("SHA-1 is missing from this Java runtime", e);
        }
    }
}
