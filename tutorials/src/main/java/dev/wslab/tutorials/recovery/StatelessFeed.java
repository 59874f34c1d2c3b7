package dev.wslab.tutorials.recovery;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.server.WebSocketHandler;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;
import dev.wslab.transport.resume.ResumeProtocol;
import dev.wslab.transport.resume.ResumeProtocol.Numbered;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * StatelessFeed is a WebSocket endpoint that serves the {@link Broker}'s stream and keeps nothing of it:
 * every message, its number and the retained log belong to the broker. Run it on as many servers as
 * you like, behind a load balancer: a client that reconnects to another server resumes just the same.
 */
public final class StatelessFeed {

    private final Broker broker;
    private final AtomicInteger served = new AtomicInteger();

    /** Creates a feed of {@code broker}'s stream. */
    public StatelessFeed(Broker broker) {
        this.broker = broker;
    }

    // tag::resume[]
    /** The endpoint: {@code resume <last id>} first (ResumeProtocol), then the missed messages, then live ones. */
    public WebSocketHandler handler() {
        return session -> {
            served.incrementAndGet();
            Optional<Message> first = session.receive();
            OptionalLong lastId = first.isPresent() && first.get() instanceof Message.Text(String text)
                    ? ResumeProtocol.parseResumeRequest(text) : OptionalLong.empty();
            if (lastId.isEmpty() || lastId.getAsLong() > broker.lastId()) {
                session.close(CloseStatus.of(CloseCode.POLICY_VIOLATION, "expected 'resume <last id>' first"));
                return;
            }
            switch (broker.subscribeAfter(lastId.getAsLong(), message -> send(session, message))) {
                case Broker.Subscribed.Live live -> {
                    try {
                        while (session.receive().isPresent()) {
                            // a feed only sends; the loop ends when the connection does
                        }
                    } finally {
                        live.cancel();
                    }
                }
                case Broker.Subscribed.Gap gap -> {
                    session.sendText(ResumeProtocol.gap(gap.oldestHeld())); // the client must start over
                    session.close(CloseStatus.NORMAL);
                }
            }
        };
    }
    // end::resume[]

    // tag::live-only[]
    /** The naive endpoint: whoever connects gets the messages published from now on, and nothing missed. */
    public WebSocketHandler liveOnlyHandler() {
        return session -> {
            served.incrementAndGet();
            Broker.Subscribed.Live live = broker.subscribeLive(message -> send(session, message));
            try {
                while (session.receive().isPresent()) {
                    // ignored
                }
            } finally {
                live.cancel();
            }
        };
    }
    // end::live-only[]

    /** Returns how many connections this feed has served. */
    public int served() {
        return served.get();
    }

    private static void send(WebSocketSession session, Numbered message) {
        try {
            session.sendText(message.encode());
        } catch (IllegalStateException closing) {
            // the connection is ending; its handler cancels the subscription, and the client resumes elsewhere
        }
    }
}
