package dev.wslab.protocol.handshake;

import dev.wslab.protocol.http.HttpHeaders;

import java.util.List;

import static dev.wslab.protocol.http.HttpSyntax.quote;

/** HeaderValues describes what a peer sent for one header, for failure details. */
final class HeaderValues {

    private HeaderValues() {
    }

    /** Describes {@code values}, the values of every field of one name: none, one, or several. */
    static String describe(List<String> values) {
        if (values.isEmpty()) {
            return "the header is missing";
        }
        if (values.size() == 1) {
            return "got " + quote(values.get(0));
        }
        return "got " + values.size() + " fields: " + quote(String.join(" | ", values));
    }

    /** Describes the values of every field called {@code name} in {@code headers}. */
    static String describe(HttpHeaders headers, String name) {
        return describe(headers.all(name));
    }
}
