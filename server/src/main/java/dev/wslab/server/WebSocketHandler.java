package dev.wslab.server;

import dev.wslab.transport.WebSocketSession;

/**
 * WebSocketHandler is the application's code for one endpoint: it is called once per accepted
 * connection, on that connection's own virtual thread, with the session already OPEN.
 *
 * <p>An echo server is three lines:
 * <pre>{@code
 * Optional<Message> message;
 * while ((message = session.receive()).isPresent()) {
 *     session.send(message.get());
 * }
 * }</pre>
 *
 * <p><b>Why a blocking loop and not callbacks ({@code onOpen/onMessage/onClose}).</b> With one virtual
 * thread per connection, blocking costs a few hundred bytes of stack, not an OS thread. A loop reads top
 * to bottom like the conversation it implements: state lives in local variables, back-pressure is
 * automatic (while the handler is busy, {@code receive()} is not called, the session's inbound queue
 * fills, it stops reading the socket, and TCP slows the peer down), and the end of the connection is just
 * the end of the loop. Callbacks need explicit state machines and give no natural place to push back.
 *
 * <p><b>The end of a connection.</b> {@code receive()} returns empty once the connection is closed (by
 * the peer, by a violation, by a heartbeat timeout or by {@link WebSocketServer#shutdown}). When the
 * handler returns while the connection is still open, the server closes it with 1000; when it throws,
 * with 1011 (internal error). To refuse a client later, with a code of the application's own, call
 * {@code session.close(CloseStatus.of(CloseCode.of(4001), "token expired"))}: codes 4000–4999 are for
 * private use (RFC 6455 §7.4.2).
 */
// tag::handler[]
@FunctionalInterface
public interface WebSocketHandler {

    /** Handles one open connection until it ends or the handler is done with it. */
    void handle(WebSocketSession session) throws Exception;
}
// end::handler[]
