package dev.wslab.protocol.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * HttpHeaders holds the header fields of an HTTP head in the order they were sent. It is immutable:
 * {@link #with} returns a copy.
 *
 * <p>Names are looked up ASCII case-insensitively (RFC 9110 §5.1): {@code first("upgrade")} finds
 * {@code Upgrade: websocket}. A name may occur more than once; the occurrences are kept apart, and
 * {@link #tokens} reads them as one comma-separated list, as RFC 9110 §5.3 says a recipient may.
 *
 * @param fields the field lines, in order
 */
public record HttpHeaders(List<HttpField> fields) {

    private static final HttpHeaders EMPTY = new HttpHeaders(List.of());

    public HttpHeaders {
        fields = List.copyOf(fields);
    }

    /** Returns headers with no fields. */
    public static HttpHeaders empty() {
        return EMPTY;
    }

    /**
     * Returns headers made of alternating names and values, e.g. {@code of("Host", "example.com")}.
     *
     * @throws IllegalArgumentException when a name has no value, or a name or value is not valid
     */
    public static HttpHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected names and values in pairs, got "
                    + namesAndValues.length + " strings");
        }
        List<HttpField> fields = new ArrayList<>(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(new HttpField(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new HttpHeaders(fields);
    }

    /** Returns a copy with one more field at the end; fields of the same name are kept. */
    public HttpHeaders with(String name, String value) {
        List<HttpField> more = new ArrayList<>(fields);
        more.add(new HttpField(name, value));
        return new HttpHeaders(more);
    }

    /** Returns a copy with the fields of {@code others} appended after these. */
    public HttpHeaders withAll(HttpHeaders others) {
        List<HttpField> more = new ArrayList<>(fields);
        more.addAll(others.fields);
        return new HttpHeaders(more);
    }

    /** Returns the value of the first field called {@code name}, or empty when there is none. */
    public Optional<String> first(String name) {
        Objects.requireNonNull(name, "name");
        for (HttpField field : fields) {
            if (field.hasName(name)) {
                return Optional.of(field.value());
            }
        }
        return Optional.empty();
    }

    /** Returns the values of every field called {@code name}, in order; empty when there is none. */
    public List<String> all(String name) {
        Objects.requireNonNull(name, "name");
        List<String> values = new ArrayList<>();
        for (HttpField field : fields) {
            if (field.hasName(name)) {
                values.add(field.value());
            }
        }
        return List.copyOf(values);
    }

    /** Tells whether at least one field is called {@code name}. */
    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /**
     * Returns the elements of the comma-separated list carried by every field called {@code name},
     * in order (RFC 9110 §5.6.1): {@code Connection: keep-alive, Upgrade} gives {@code [keep-alive, Upgrade]},
     * and a second {@code Connection} field adds its elements after those. Whitespace around an element
     * is dropped, and so are empty elements ({@code "a,,b"}), which a recipient MUST accept.
     *
     * <p>This reads token lists. It does not understand quoted strings, so a comma inside quotes splits.
     * Splitting is a single linear pass: no regular expression, so no backtracking on hostile input.
     */
    public List<String> tokens(String name) {
        List<String> elements = new ArrayList<>();
        for (String value : all(name)) {
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                String element = HttpSyntax.trimWhitespace(value.substring(start, end));
                if (!element.isEmpty()) {
                    elements.add(element);
                }
                start = end + 1;
            }
        }
        return List.copyOf(elements);
    }

    /** Tells whether the {@linkplain #tokens token list} of {@code name} holds {@code token}, ignoring ASCII case. */
    public boolean containsToken(String name, String token) {
        for (String element : tokens(name)) {
            if (HttpSyntax.equalsIgnoreAsciiCase(element, token)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the number of field lines. */
    public int size() {
        return fields.size();
    }

    /** Returns the field lines as written in a head, each followed by CRLF. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (HttpField field : fields) {
            out.append(field).append("\r\n");
        }
        return out.toString();
    }
}
