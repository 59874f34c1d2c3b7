package dev.wslab.protocol.extension;

import dev.wslab.protocol.http.HttpSyntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses {@code Sec-WebSocket-Extensions} by the grammar of RFC 6455 §9.1:
 * <pre>
 * extension-list = 1#extension
 * extension      = extension-token *( ";" extension-param )
 * extension-param = token [ "=" (token | quoted-string) ]
 * </pre>
 * The header may come in several lines; they form one list, in order (RFC 9110 §5.3). As in every
 * HTTP list, whitespace may stand around the separators and empty elements are skipped.
 *
 * <p>The parser knows no extension: what a parameter means, and whether an offer is acceptable, is the
 * extension's business (for permessage-deflate, {@code dev.wslab.protocol.deflate}).
 */
public final class ExtensionHeaderParser {

    private final String text;
    private int position;

    private ExtensionHeaderParser(String text) {
        this.text = text;
    }

    /** Parses every header line, in order, into one list of elements. */
    public static ParsedExtensions parse(List<String> headerLines) {
        List<Extension> extensions = new ArrayList<>();
        for (String line : headerLines) {
            try {
                extensions.addAll(new ExtensionHeaderParser(line).extensionList());
            } catch (MalformedHeader e) {
                return new ParsedExtensions.Malformed(e.getMessage());
            }
        }
        if (extensions.isEmpty() && !headerLines.isEmpty()) {
            // §9.1: 1#extension, at least one element.
            return new ParsedExtensions.Malformed("Sec-WebSocket-Extensions has no extension in it");
        }
        return new ParsedExtensions.Parsed(extensions);
    }

    /** Parses one header line. */
    public static ParsedExtensions parse(String headerLine) {
        return parse(List.of(headerLine));
    }

    private List<Extension> extensionList() {
        List<Extension> extensions = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (atEnd()) {
                return extensions;
            }
            if (peek() == ',') { // an empty element
                position++;
                continue;
            }
            extensions.add(extension());
            skipWhitespace();
            if (atEnd()) {
                return extensions;
            }
            expect(',', "a ',' between extensions");
        }
    }

    private Extension extension() {
        String name = token("an extension name");
        List<ExtensionParameter> parameters = new ArrayList<>();
        skipWhitespace();
        while (!atEnd() && peek() == ';') {
            position++;
            skipWhitespace();
            parameters.add(parameter());
            skipWhitespace();
        }
        return new Extension(name, parameters);
    }

    private ExtensionParameter parameter() {
        String name = token("a parameter name");
        skipWhitespace();
        if (atEnd() || peek() != '=') {
            return ExtensionParameter.flag(name);
        }
        position++;
        skipWhitespace();
        String value = !atEnd() && peek() == '"' ? quotedValue(name) : token("the value of " + name);
        return new ExtensionParameter(name, Optional.of(value));
    }

    /** RFC 6455 §9.1: "the value after quoted-string unescaping MUST conform to the 'token' ABNF". */
    private String quotedValue(String parameter) {
        int start = position;
        position++; // the opening quote
        StringBuilder value = new StringBuilder();
        while (!atEnd() && peek() != '"') {
            char c = text.charAt(position++);
            if (c == '\\') {
                if (atEnd()) {
                    break;
                }
                c = text.charAt(position++);
            }
            value.append(c);
        }
        if (atEnd()) {
            throw new MalformedHeader("the quoted value of " + parameter + " has no closing quote: "
                    + HttpSyntax.quote(text.substring(start)));
        }
        position++; // the closing quote
        if (!HttpSyntax.isToken(value.toString())) {
            throw new MalformedHeader("the quoted value of " + parameter + " is not a token once unquoted: "
                    + HttpSyntax.quote(text.substring(start, position)));
        }
        return value.toString();
    }

    private String token(String what) {
        int start = position;
        while (!atEnd() && HttpSyntax.isTokenChar(peek())) {
            position++;
        }
        if (start == position) {
            throw new MalformedHeader("expected " + what + " at position " + position + " of "
                    + HttpSyntax.quote(text));
        }
        return text.substring(start, position);
    }

    private void expect(char separator, String what) {
        if (atEnd() || peek() != separator) {
            throw new MalformedHeader("expected " + what + " at position " + position + " of " + HttpSyntax.quote(text));
        }
        position++;
    }

    private void skipWhitespace() {
        while (!atEnd() && HttpSyntax.isWhitespace(peek())) {
            position++;
        }
    }

    private boolean atEnd() {
        return position >= text.length();
    }

    private char peek() {
        return text.charAt(position);
    }

    /** Unwinds the recursive descent to {@link #parse}, which turns it into a value. */
    private static final class MalformedHeader extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedHeader(String problem) {
            super(problem, null, false, false);
        }
    }
}
