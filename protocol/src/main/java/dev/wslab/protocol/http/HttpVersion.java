package dev.wslab.protocol.http;

/**
 * HttpVersion is the {@code HTTP/major.minor} of a request or status line (RFC 9112 §2.3): one digit
 * each, so {@code HTTP/1.1} is {@code (1, 1)}.
 *
 * @param major 0–9
 * @param minor 0–9
 */
public record HttpVersion(int major, int minor) implements Comparable<HttpVersion> {

    /** HTTP/1.0, which a WebSocket handshake may not use (RFC 6455 §4.1 asks for 1.1 or higher). */
    public static final HttpVersion HTTP_1_0 = new HttpVersion(1, 0);
    /** HTTP/1.1, the version of every head this module writes. */
    public static final HttpVersion HTTP_1_1 = new HttpVersion(1, 1);

    public HttpVersion {
        if (major < 0 || major > 9 || minor < 0 || minor > 9) {
            throw new IllegalArgumentException("an HTTP version is one digit, a dot and one digit, got "
                    + major + "." + minor);
        }
    }

    /**
     * Reads {@code HTTP/d.d}. The name is case-sensitive (RFC 9112 §2.3), so {@code http/1.1} is not a version.
     *
     * @return the version, or null when {@code text} does not have that exact form
     */
    static HttpVersion parseOrNull(String text) {
        if (text.length() != 8 || !text.startsWith("HTTP/") || text.charAt(6) != '.') {
            return null;
        }
        char major = text.charAt(5);
        char minor = text.charAt(7);
        if (major < '0' || major > '9' || minor < '0' || minor > '9') {
            return null;
        }
        return new HttpVersion(major - '0', minor - '0');
    }

    /** Tells whether this version is {@code other} or a later one. */
    public boolean isAtLeast(HttpVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(HttpVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    /** Returns the version as written on the wire, e.g. {@code HTTP/1.1}. */
    @Override
    public String toString() {
        return "HTTP/" + major + "." + minor;
    }
}
