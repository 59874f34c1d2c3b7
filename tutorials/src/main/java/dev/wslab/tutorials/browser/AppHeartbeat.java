package dev.wslab.tutorials.browser;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AppHeartbeat is the server's half of the browser client's heartbeat, in application messages: the
 * browser's WebSocket API can neither send a ping frame nor see a pong (RFC 6455 §5.5.2 and §5.5.3 are
 * handled inside the browser), so the page sends {@code {"type":"ping","seq":7}} and we answer
 * {@code {"type":"pong","seq":7}}, echoing the sequence number so that the page can tell the answer to
 * this ping from a late answer to an older one.
 *
 * <p>A pattern keeps the tutorial free of dependencies; a real application reads its messages with its
 * JSON library.
 */
public final class AppHeartbeat {

    private static final Pattern PING =
            Pattern.compile("\\{\\s*\"type\"\\s*:\\s*\"ping\"\\s*,\\s*\"seq\"\\s*:\\s*(\\d{1,15})\\s*}");

    private AppHeartbeat() {
    }

    /** Returns the sequence number of a ping message, or empty when {@code text} is not a ping. */
    public static OptionalLong pingSeq(String text) {
        Matcher matcher = PING.matcher(text.strip());
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    /** Returns the pong message answering ping {@code seq}. */
    public static String pong(long seq) {
        return "{\"type\":\"pong\",\"seq\":" + seq + "}";
    }
}
