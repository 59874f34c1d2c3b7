package dev.wslab.tutorials.closecodes;

import dev.wslab.client.ClientOptions;
import dev.wslab.client.ConnectFailedException;
import dev.wslab.client.WebSocketClient;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Event;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * TokenClient connects, authenticates with its first message, and reacts to the server's close code as
 * {@link Reaction} says: on 4001 it refreshes its token and reconnects, instead of retrying the same
 * rejected token forever (or giving up).
 */
public final class TokenClient {

    private static final System.Logger LOG = System.getLogger(TokenClient.class.getName());

    /** The session, authenticated, and how many connections it took. */
    public record Authenticated(WebSocketSession session, int attempts) {
    }

    private final URI uri;
    private final Supplier<String> refreshToken;
    private final CloseLog closeLog;
    private String token;

    /**
     * @param token the token the client holds (possibly expired by now)
     * @param refreshToken asks the authentication service for a new token
     * @param closeLog logs each close, code and reason
     */
    public TokenClient(URI uri, String token, Supplier<String> refreshToken, CloseLog closeLog) {
        this.uri = uri;
        this.token = token;
        this.refreshToken = refreshToken;
        this.closeLog = closeLog;
    }

    /** Connects until the server welcomes the client, at most {@code maxAttempts} connections. */
    // tag::connect[]
    public Authenticated connect(int maxAttempts) throws ConnectFailedException, InterruptedException {
        ClientOptions options = ClientOptions.DEFAULTS.withObserver(closeLog);
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            WebSocketSession session = WebSocketClient.connect(uri, options);
            session.sendText("token:" + token);
            Optional<Message> answer = session.receive(); // "welcome", or empty once the server closed
            if (answer.isPresent()) {
                return new Authenticated(session, attempt);
            }
            CloseStatus status = CloseLog.seenStatus(closedEvent(session));
            switch (Reaction.to(status)) {
                case REFRESH_TOKEN_THEN_RECONNECT -> {
                    LOG.log(Level.INFO, "client: server said {0}: refreshing the token, then reconnecting", status);
                    token = refreshToken.get();
                }
                case BACK_OFF_THEN_RECONNECT -> Thread.sleep(Duration.ofSeconds(attempt)); // a real client: Backoff
                default -> throw new IllegalStateException("cannot authenticate: the server closed with " + status);
            }
        }
        throw new IllegalStateException("not authenticated after " + maxAttempts + " attempts");
    }
    // end::connect[]

    private static Event.Closed closedEvent(WebSocketSession session)
            throws InterruptedException {
        try {
            return session.closed().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("closed() never fails", e);
        }
    }
}
