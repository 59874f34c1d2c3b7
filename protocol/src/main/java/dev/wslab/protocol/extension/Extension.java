package dev.wslab.protocol.extension;

import dev.wslab.protocol.http.HttpSyntax;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One element of {@code Sec-WebSocket-Extensions}: an extension's name and its parameters, in order
 * (RFC 6455 §9.1: {@code extension = extension-token *( ";" extension-param )}). In a client's request
 * each element is an offer; in a server's response, an extension it accepted.
 */
public record Extension(String name, List<ExtensionParameter> parameters) {

    public Extension {
        Objects.requireNonNull(name, "name");
        if (!HttpSyntax.isToken(name)) {
            throw new IllegalArgumentException("an extension's name is a token, got \"" + name + "\"");
        }
        parameters = List.copyOf(parameters);
    }

    /** An extension with the given parameters, e.g. {@code Extension.of("permessage-deflate")}. */
    public static Extension of(String name, ExtensionParameter... parameters) {
        return new Extension(name, List.of(parameters));
    }

    /** Returns the element as it is written in the header, e.g. {@code permessage-deflate; client_max_window_bits}. */
    public String toHeaderValue() {
        return Stream.concat(Stream.of(name), parameters.stream().map(ExtensionParameter::toString))
                .collect(Collectors.joining("; "));
    }

    /** Returns the elements as one header value, separated by commas (§9.1: {@code 1#extension}). */
    public static String toHeaderValue(List<Extension> extensions) {
        return extensions.stream().map(Extension::toHeaderValue).collect(Collectors.joining(", "));
    }
}
