package dev.wslab.tutorials.closecodes;

import dev.wslab.protocol.close.CloseStatus;

/**
 * Reaction is what a client does after a connection closed, decided by the close code alone: the code is
 * the server's one-word explanation, so a client that reads it never has to guess.
 */
public enum Reaction {
    /** 1000: someone meant to end it; do not reconnect. */
    STOP,
    /** 4001 invalid auth token: get a fresh token, then reconnect at once. */
    REFRESH_TOKEN_THEN_RECONNECT,
    /** 4002 rate limit exceeded (and 1013 try again later): wait longer than usual, then reconnect. */
    BACK_OFF_THEN_RECONNECT,
    /** 4003 session expired: log in again (the user may have to), then reconnect. */
    REAUTHENTICATE_THEN_RECONNECT,
    /** 1008 policy violation, 1003, 1007, 1009: the client sent something wrong; retrying repeats it. */
    REPORT_BUG,
    /** Anything else (1006, 1001, 1011, 1012, ...): reconnect with backoff and jitter. */
    RECONNECT_WITH_BACKOFF;

    // tag::react[]
    /** Returns the reaction to a connection that ended with {@code status}. */
    public static Reaction to(CloseStatus status) {
        return switch (status.code().value()) {
            case 1000 -> STOP;
            case 4001 -> REFRESH_TOKEN_THEN_RECONNECT;  // invalid auth token
            case 4002, 1013 -> BACK_OFF_THEN_RECONNECT; // rate limit exceeded / try again later
            case 4003 -> REAUTHENTICATE_THEN_RECONNECT; // session expired
            case 1003, 1007, 1008, 1009 -> REPORT_BUG;  // what we sent was refused
            default -> RECONNECT_WITH_BACKOFF;          // 1006, 1001, 1011, 1012, 1014, ...
        };
    }
    // end::react[]
}
