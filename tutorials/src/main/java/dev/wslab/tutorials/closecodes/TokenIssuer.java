package dev.wslab.tutorials.closecodes;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TokenIssuer stands for an authentication service: it issues tokens, revokes them (they expire), and
 * tells the WebSocket server which ones are valid.
 */
public final class TokenIssuer {

    private final Set<String> valid = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();

    /** Issues a new valid token. */
    public String issue() {
        String token = "token-" + issued.incrementAndGet() + "-" + UUID.randomUUID();
        valid.add(token);
        return token;
    }

    /** Revokes a token, as its expiry would. */
    public void revoke(String token) {
        valid.remove(token);
    }

    /** Tells whether a token is currently valid. */
    public boolean isValid(String token) {
        return valid.contains(token);
    }

    /** Returns how many tokens were issued. */
    public int issuedCount() {
        return issued.get();
    }
}
