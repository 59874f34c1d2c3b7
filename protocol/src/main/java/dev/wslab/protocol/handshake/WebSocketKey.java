package dev.wslab.protocol.handshake;

import java.util.Base64;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * WebSocketKey makes and checks the {@code Sec-WebSocket-Key} nonce: 16 random bytes, base64-encoded
 * into 24 chars that end in {@code ==} (RFC 6455 §4.1 item 7).
 */
public final class WebSocketKey {

    /** The number of random bytes in a key. */
    public static final int NONCE_LENGTH = 16;

    private WebSocketKey() {
    }

    /**
     * Returns a fresh key made of 16 bytes from {@code random}. RFC 6455 §4.1 says the nonce MUST be
     * selected randomly for each connection; pass a {@link java.security.SecureRandom} outside tests.
     */
    public static String generate(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        return encode(nonce);
    }

    /** Returns the key for the given 16-byte nonce. */
    public static String encode(byte[] nonce) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("a nonce is 16 bytes, got " + nonce.length);
        }
        return Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * Tells whether {@code key} is the base64 encoding of exactly 16 bytes (RFC 6455 §4.2.1 item 5): 22
     * chars of the base64 alphabet, then {@code ==}. Nothing else is accepted: no whitespace inside, no
     * URL-safe alphabet, no missing padding.
     *
     * <p>The unused low 4 bits of the 22nd char are not checked, so {@code AQIDBAUGBwgJCgsMDQ4PEC==} (the
     * example printed in §4.1, whose last bits are not zero) is valid, as it is for most servers.
     */
    public static boolean isValid(String key) {
        if (key.length() != 24 || !key.endsWith("==")) {
            return false;
        }
        for (int i = 0; i < 22; i++) {
            char c = key.charAt(i);
            boolean base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/';
            if (!base64) {
                return false;
            }
        }
        return true;
    }
}
