package dev.wslab.conformance;

import dev.wslab.protocol.frame.Payload;

/**
 * Observed is one event the suite saw from the server, in the order they arrived: a whole message, a
 * Ping, a Pong, or one of the case's own markers. Close frames are judged separately.
 */
public sealed interface Observed {

    /** A whole text message (its bytes, which may be invalid UTF-8 if the server is broken). */
    record Text(Payload bytes) implements Observed {
        @Override
        public String toString() {
            return "text " + bytes;
        }
    }

    /** A whole binary message. */
    record Binary(Payload bytes) implements Observed {
        @Override
        public String toString() {
            return "binary " + bytes;
        }
    }

    /** A Ping from the server. */
    record Ping(Payload payload) implements Observed {
        @Override
        public String toString() {
            return "ping " + payload;
        }
    }

    /** A Pong from the server. */
    record Pong(Payload payload) implements Observed {
        @Override
        public String toString() {
            return "pong " + payload;
        }
    }

    /** A marker of the case, recorded when the case reached it. */
    record Marker(String name) implements Observed {
        @Override
        public String toString() {
            return "marker " + name;
        }
    }

    /** Returns the echo of a text message. */
    static Observed text(String text) {
        return new Text(Payload.utf8(text));
    }

    /** Returns the echo of a binary message. */
    static Observed binary(Payload data) {
        return new Binary(data);
    }

    /** Returns a Pong with this payload. */
    static Observed pong(Payload payload) {
        return new Pong(payload);
    }
}
