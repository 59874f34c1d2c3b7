package dev.wslab.transport.resume;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * ResumeProtocol is a small application protocol over WebSocket text messages that lets a client resume
 * a session after a reconnect without losing or repeating a message. RFC 6455 knows nothing of it: a
 * WebSocket connection that drops loses whatever was in flight, so the application numbers its messages.
 *
 * <ul>
 *   <li>server to client, each message: {@code <id> <payload>}, ids 1, 2, 3, ... in order;</li>
 *   <li>client to server, first message after (re)connecting: {@code resume <last id received>}
 *       ({@code resume 0} the first time); the server replays every later message it still holds
 *       (see {@link ResumeBuffer}), or answers {@code gap <oldest id held>} when it no longer holds them.</li>
 * </ul>
 */
public final class ResumeProtocol {

    private static final String RESUME = "resume ";
    private static final String GAP = "gap ";

    private ResumeProtocol() {
    }

    /** Numbered is one message and its id. */
    public record Numbered(long id, String payload) {
        public Numbered {
            if (id < 1) {
                throw new IllegalArgumentException("ids start at 1, got " + id);
            }
            Objects.requireNonNull(payload, "payload");
        }

        /** Returns the text message that carries it: {@code <id> <payload>}. */
        public String encode() {
            return id + " " + payload;
        }
    }

    /**
     * Reads a server's numbered message.
     *
     * @throws IllegalArgumentException when the text is not {@code <id> <payload>}
     */
    public static Numbered decode(String text) {
        int space = text.indexOf(' ');
        try {
            return new Numbered(Long.parseLong(text.substring(0, space < 0 ? text.length() : space)),
                    space < 0 ? "" : text.substring(space + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a numbered message starts with its id, got \"" + text + "\"", e);
        }
    }

    /** Returns the client's request to resume after message {@code lastId} (0 for none yet). */
    public static String resumeRequest(long lastId) {
        return RESUME + lastId;
    }

    /** Returns the id in a client's resume request, or empty when the text is not one. */
    public static OptionalLong parseResumeRequest(String text) {
        return parseNumberAfter(RESUME, text);
    }

    /** Returns the server's answer when it no longer holds the messages after the client's last id. */
    public static String gap(long oldestHeld) {
        return GAP + oldestHeld;
    }

    /** Returns the oldest id the server holds, when the text is a gap answer. */
    public static OptionalLong parseGap(String text) {
        return parseNumberAfter(GAP, text);
    }

    private static OptionalLong parseNumberAfter(String prefix, String text) {
        if (!text.startsWith(prefix)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.substring(prefix.length())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
