package dev.wslab.server;

import dev.wslab.transport.Message;

import java.util.Optional;

/** Endpoints holds ready-made handlers, for demos and tests. */
public final class Endpoints {

    private Endpoints() {
    }

    /** Returns a handler that sends every message back, as it came (text as text, binary as binary). */
    // tag::echo[]
    public static WebSocketHandler echo() {
        return session -> {
            Optional<Message> message;
            while ((message = session.receive()).isPresent()) {
                session.send(message.get());
            }
        };
    }
    // end::echo[]
}
