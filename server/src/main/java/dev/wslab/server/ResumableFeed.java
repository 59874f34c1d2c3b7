package dev.wslab.server;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;
import dev.wslab.transport.resume.ResumeBuffer;
import dev.wslab.transport.resume.ResumeProtocol;
import dev.wslab.transport.resume.ResumeProtocol.Numbered;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * ResumableFeed is an endpoint that sends every connected client the same stream of numbered messages,
 * and lets a client that lost its connection pick up where it left off ({@link ResumeProtocol}): its first
 * message is {@code resume <last id received>}, and the feed replays what it missed from a bounded
 * {@link ResumeBuffer} before sending it live messages again. Nothing is lost while the buffer holds the
 * missed messages, and nothing is sent twice; beyond the buffer the client is told {@code gap <oldest id>}.
 *
 * <pre>{@code
 * ResumableFeed prices = new ResumableFeed(1000);
 * WebSocketServer.builder().endpoint("/prices", prices.handler()).start();
 * prices.publish("EURUSD 1.0841");
 * }</pre>
 */
public final class ResumableFeed {

    private final ResumeBuffer buffer;
    /** Guards the buffer and the live set together: see {@link #resume}. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<WebSocketSession> live = ConcurrentHashMap.newKeySet();

    /** Creates a feed that keeps the last {@code capacity} messages for clients that come back. */
    public ResumableFeed(int capacity) {
        this.buffer = new ResumeBuffer(capacity);
    }

    /** Numbers {@code payload}, keeps it, and sends it to every live client; returns its id. */
    public long publish(String payload) {
        lock.lock();
        try {
            Numbered message = buffer.append(payload);
            for (WebSocketSession session : live) {
                try {
                    session.sendText(message.encode());
                } catch (IllegalStateException closing) {
                    live.remove(session); // it resumes from its last id when it comes back
                }
            }
            return message.id();
        } finally {
            lock.unlock();
        }
    }

    /** Returns the handler to register for the feed's path. */
    public WebSocketHandler handler() {
        return session -> {
            Optional<Message> first = session.receive();
            if (first.isEmpty()) {
                return;
            }
            OptionalLong lastId = first.get() instanceof Message.Text text
                    ? ResumeProtocol.parseResumeRequest(text.text()) : OptionalLong.empty();
            if (lastId.isEmpty() || lastId.getAsLong() > buffer.lastId()) {
                session.close(CloseStatus.of(CloseCode.POLICY_VIOLATION, "expected 'resume <last id>' first"));
                return;
            }
            try {
                if (!resume(session, lastId.getAsLong())) {
                    return;
                }
                while (session.receive().isPresent()) {
                    // a feed only sends; whatever the client says after its resume request is ignored
                }
            } finally {
                live.remove(session);
            }
        };
    }

    /**
     * Replays and goes live in one step under the lock: a message published between the two would
     * otherwise be in neither the replay nor the live stream, and one published before the replay could
     * be sent twice.
     */
    // tag::resume[]
    private boolean resume(WebSocketSession session, long lastId) {
        lock.lock();
        try {
            switch (buffer.replayAfter(lastId)) {
                case ResumeBuffer.Replay.Messages replay -> {
                    replay.messages().forEach(message -> session.sendText(message.encode()));
                    live.add(session);
                    return true;
                }
                case ResumeBuffer.Replay.Gap gap -> {
                    session.sendText(ResumeProtocol.gap(gap.oldestHeld()));
                    session.close(CloseStatus.NORMAL);
                    return false;
                }
            }
        } finally {
            lock.unlock();
        }
    }
    // end::resume[]

    /** Drops every live client's connection without a closing handshake, as a network failure would (for labs and tests). */
    public void dropAll() {
        for (WebSocketSession session : live) {
            session.abort("dropped by the feed");
        }
    }
}
