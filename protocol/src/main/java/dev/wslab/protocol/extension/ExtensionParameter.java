package dev.wslab.protocol.extension;

import dev.wslab.protocol.http.HttpSyntax;

import java.util.Objects;
import java.util.Optional;

/**
 * One parameter of an extension in {@code Sec-WebSocket-Extensions}: a name and, optionally, a value
 * (RFC 6455 §9.1: {@code extension-param = token [ "=" (token | quoted-string) ]}). A quoted value is
 * held unquoted: {@code client_max_window_bits="10"} and {@code client_max_window_bits=10} are the same.
 */
public record ExtensionParameter(String name, Optional<String> value) {

    public ExtensionParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!HttpSyntax.isToken(name)) {
            throw new IllegalArgumentException("an extension parameter's name is a token, got \"" + name + "\"");
        }
        value.ifPresent(v -> {
            // RFC 6455 §9.1: a quoted value, unescaped, MUST conform to the token ABNF too.
            if (!HttpSyntax.isToken(v)) {
                throw new IllegalArgumentException("an extension parameter's value is a token, got \"" + v + "\"");
            }
        });
    }

    /** A parameter without a value, e.g. {@code server_no_context_takeover}. */
    public static ExtensionParameter flag(String name) {
        return new ExtensionParameter(name, Optional.empty());
    }

    /** A parameter with a value, e.g. {@code server_max_window_bits=10}. */
    public static ExtensionParameter of(String name, String value) {
        return new ExtensionParameter(name, Optional.of(value));
    }

    /** Returns the parameter as it is written in the header. */
    @Override
    public String toString() {
        return value.map(v -> name + "=" + v).orElse(name);
    }
}
