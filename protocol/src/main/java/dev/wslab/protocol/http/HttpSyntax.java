package dev.wslab.protocol.http;

/**
 * HttpSyntax answers the character-level questions of HTTP/1.1 message syntax (RFC 9110 §5.6, RFC 9112):
 * what a token is, which bytes a field value may hold, and how two names compare.
 *
 * <p>HTTP heads are octets, not text. This package maps each octet to the char with the same value
 * (ISO-8859-1), so every method here sees chars in 0x00–0xFF and never needs a charset.
 */
public final class HttpSyntax {

    private static final int MAX_QUOTED_CHARS = 64;

    private HttpSyntax() {
    }

    /**
     * Tells whether {@code c} is a tchar (RFC 9110 §5.6.2): a letter, a digit, or one of
     * {@code !#$%&'*+-.^_`|~}. Tokens are what methods, field names and WebSocket subprotocols are made of.
     */
    public static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** Tells whether {@code s} is a token: one or more {@linkplain #isTokenChar tchars}. */
    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells whether {@code c} may appear inside a field value (RFC 9110 §5.5): a visible ASCII char, a
     * space, a horizontal tab, or obs-text (0x80–0xFF). Every other control char, NUL and DEL included,
     * is refused, and so are CR and LF, which is what stops header injection.
     */
    public static boolean isFieldValueChar(int c) {
        return c == '\t' || (c >= 0x20 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }

    /** Tells whether {@code c} is optional whitespace (OWS, RFC 9110 §5.6.3): a space or a horizontal tab. */
    public static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t';
    }

    /** Returns {@code s} without leading and trailing spaces and horizontal tabs (and nothing else). */
    public static String trimWhitespace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * Compares two strings ASCII case-insensitively: only A–Z and a–z are folded. RFC 6455 asks for this
     * comparison everywhere ("an ASCII case-insensitive match"); {@link String#equalsIgnoreCase} folds
     * Unicode cases too, which is a different rule.
     */
    public static boolean equalsIgnoreAsciiCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (toLowerAscii(a.charAt(i)) != toLowerAscii(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char toLowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /**
     * Quotes text a peer sent, for an error detail or a log line: at most 64 chars are shown, and control
     * chars, quotes, backslashes and non-ASCII chars are escaped as {@code \xNN}, so the result is one
     * harmless line however hostile the input.
     */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        int shown = Math.min(text.length(), MAX_QUOTED_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\x%02X", (int) c));
            }
        }
        out.append('"');
        if (text.length() > shown) {
            out.append(" (and ").append(text.length() - shown).append(" more chars)");
        }
        return out.toString();
    }
}
