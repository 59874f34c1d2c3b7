package dev.wslab.transport;

import dev.wslab.protocol.frame.Payload;

/** Message is a whole application message, text or binary, as received or to be sent. */
public sealed interface Message {

    /** A text message (UTF-8 on the wire). */
    record Text(String text) implements Message {
    }

    /** A binary message. */
    record Binary(Payload data) implements Message {
    }
}
