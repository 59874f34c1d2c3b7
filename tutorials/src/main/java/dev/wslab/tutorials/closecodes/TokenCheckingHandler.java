package dev.wslab.tutorials.closecodes;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.server.WebSocketHandler;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * TokenCheckingHandler expects the client's first message to be {@code token:<token>} (browsers cannot
 * set an Authorization header on a WebSocket, so many applications authenticate in the first message),
 * welcomes a valid one and echoes from then on. An invalid token is refused with the application's own
 * close code 4001: an HTTP 401 is no longer possible once the connection is open.
 */
public final class TokenCheckingHandler implements WebSocketHandler {

    private static final System.Logger LOG = System.getLogger(TokenCheckingHandler.class.getName());

    /** 4001, private use (RFC 6455 §7.4.2: 4000-4999 are the application's). */
    public static final CloseCode INVALID_TOKEN = CloseCode.of(4001);

    private final TokenIssuer tokens;

    public TokenCheckingHandler(TokenIssuer tokens) {
        this.tokens = tokens;
    }

    // tag::handler[]
    @Override
    public void handle(WebSocketSession session) throws InterruptedException {
        Optional<Message> first = session.receive();
        if (first.isEmpty()) {
            return;
        }
        String token = first.get() instanceof Message.Text text && text.text().startsWith("token:")
                ? text.text().substring("token:".length()) : "";
        if (!tokens.isValid(token)) {
            LOG.log(Level.WARNING, "server: refusing {0}: invalid token, closing with 4001", session.remoteAddress());
            session.close(CloseStatus.of(INVALID_TOKEN, "invalid token"));
            return;
        }
        session.sendText("welcome");
        Optional<Message> message;
        while ((message = session.receive()).isPresent()) {
            session.send(message.get());
        }
    }
    // end::handler[]
}
