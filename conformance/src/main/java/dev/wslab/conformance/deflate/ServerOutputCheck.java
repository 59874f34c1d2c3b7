package dev.wslab.conformance.deflate;

/**
 * ServerOutputCheck is what a case of section 14 checks in the compressed messages the server sent, beyond
 * their echoed content: read from the wire log with {@link DeflateStreamReader}, which sees what
 * {@link java.util.zip.Inflater} hides.
 */
public enum ServerOutputCheck {
    /** Whether the server compresses at all, and how well: RFC 7692 §6 makes it a per-message choice, recorded. */
    COMPRESSES,
    /** After agreeing {@code server_no_context_takeover}, no back-reference reaches an earlier message (§7.2.1). */
    NO_CONTEXT_TAKEOVER,
    /** Without it, whether the server takes its context over: it MAY (§7.2.1), so this is recorded. */
    CONTEXT_TAKEOVER,
    /** After agreeing {@code server_max_window_bits=w}, no back-reference is farther than 2^w bytes (§7.2.1). */
    WINDOW
}
