package dev.wslab.protocol.deflate;

import java.util.Optional;

/** The four parameters of permessage-deflate (RFC 7692 §7.1), as they are written in the header. */
public enum DeflateParameter {
    /** §7.1.1.1: the server does not keep its window between messages. No value. */
    SERVER_NO_CONTEXT_TAKEOVER("server_no_context_takeover", ValueKind.NONE, "7.1.1.1"),
    /** §7.1.1.2: the client does not keep its window between messages. No value. */
    CLIENT_NO_CONTEXT_TAKEOVER("client_no_context_takeover", ValueKind.NONE, "7.1.1.2"),
    /** §7.1.2.1: the server's window is at most 2^N bytes. A value, 8 to 15. */
    SERVER_MAX_WINDOW_BITS("server_max_window_bits", ValueKind.WINDOW_BITS, "7.1.2.1"),
    /**
     * §7.1.2.2: the client's window is at most 2^N bytes. In an offer, the value may be left out (the client
     * only says it understands the parameter); in a response it is required.
     */
    CLIENT_MAX_WINDOW_BITS("client_max_window_bits", ValueKind.WINDOW_BITS, "7.1.2.2");

    /** What may follow the parameter's name. */
    enum ValueKind { NONE, WINDOW_BITS }

    private final String headerName;
    private final ValueKind valueKind;
    private final String section;

    DeflateParameter(String headerName, ValueKind valueKind, String section) {
        this.headerName = headerName;
        this.valueKind = valueKind;
        this.section = section;
    }

    /** Returns the clause of RFC 7692 that defines the parameter, e.g. {@code "RFC 7692 §7.1.2.1"}. */
    public String citation() {
        return "RFC 7692 §" + section;
    }

    /** Returns the name as written in {@code Sec-WebSocket-Extensions}. */
    public String headerName() {
        return headerName;
    }

    ValueKind valueKind() {
        return valueKind;
    }

    /** Returns the parameter of that name; names are compared exactly, as the RFC writes them. */
    static Optional<DeflateParameter> named(String name) {
        for (DeflateParameter parameter : values()) {
            if (parameter.headerName.equals(name)) {
                return Optional.of(parameter);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads a window-bits value: RFC 7692 §7.1.2.1, "a decimal integer value without leading zeroes between
     * 8 to 15, inclusive". Returns empty for anything else ({@code 08}, {@code 16}, {@code 7}, {@code 1a}).
     */
    static Optional<Integer> windowBits(String value) {
        if (value.isEmpty() || value.length() > 2 || value.charAt(0) == '0') {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        int bits = Integer.parseInt(value);
        return bits >= DirectionSettings.MIN_WINDOW_BITS && bits <= DirectionSettings.MAX_WINDOW_BITS
                ? Optional.of(bits) : Optional.empty();
    }
}
