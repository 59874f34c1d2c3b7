package dev.wslab.protocol.http;

import java.util.Objects;

/**
 * HttpField is one header field line: a name and a value (RFC 9110 §5).
 *
 * <p>The name keeps the spelling it was given, so a head is written out as it was built; lookups compare
 * names ASCII case-insensitively ({@link #hasName}). Leading and trailing whitespace is not part of a
 * value (RFC 9110 §5.5) and is removed here, so a field written out and parsed back is equal to itself.
 *
 * @param name a token, e.g. {@code Sec-WebSocket-Key}
 * @param value the value without surrounding whitespace; may be empty, never holds CR, LF or other controls
 * @throws IllegalArgumentException when the name is not a token or the value holds a forbidden char;
 *     this is what keeps a caller's value from injecting a second header line
 */
public record HttpField(String name, String value) {

    public HttpField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!HttpSyntax.isToken(name)) {
            throw new IllegalArgumentException("a header field name must be a token (RFC 9110 §5.1), got \""
                    + name + "\"");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!HttpSyntax.isFieldValueChar(c)) {
                throw new IllegalArgumentException("the value of header field " + name
                        + " holds the forbidden char 0x" + Integer.toHexString(c) + " at index " + i
                        + " (RFC 9110 §5.5)");
            }
        }
        value = HttpSyntax.trimWhitespace(value);
    }

    /** Tells whether this field's name is {@code otherName}, compared ASCII case-insensitively. */
    public boolean hasName(String otherName) {
        return HttpSyntax.equalsIgnoreAsciiCase(name, otherName);
    }

    /** Returns the field line as it is written in a head, without the line ending: {@code name: value}. */
    @Override
    public String toString() {
        return name + ": " + value;
    }
}
