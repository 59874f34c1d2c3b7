package dev.wslab.client;

import dev.wslab.transport.resume.ResumeProtocol;
import dev.wslab.transport.resume.ResumeProtocol.Numbered;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.transport.Message;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * ResumeReceiver is the client's half of {@link ResumeProtocol}: it remembers the last id delivered,
 * says where to resume after a reconnect, and lets each message through exactly once, in order.
 */
public final class ResumeReceiver {

    /** Outcome is what to do with one received message. */
    public sealed interface Outcome {
        /** The next message: give its payload to the application. */
        record Deliver(Numbered message) implements Outcome {
        }

        /** Already delivered (a replay overlapping what arrived): drop it. */
        record Duplicate(long id) implements Outcome {
        }

        /** Messages between were never received: the server broke the protocol, or they were lost for good. */
        record Gap(long expected, long received) implements Outcome {
        }
    }

    /** Listener gets each payload once, in order, and hears of messages lost for good. */
    public interface Listener {
        /** The next message's payload. */
        void deliver(String payload);

        /** Messages from {@code expected} on can never be delivered (the server no longer holds them). */
        default void gap(long expected, long next) {
        }
    }

    private long lastId;

    /** Creates a receiver that has delivered nothing yet. */
    public ResumeReceiver() {
        this(0);
    }

    /** Creates a receiver that continues after message {@code lastId} (e.g. restored from disk). */
    public ResumeReceiver(long lastId) {
        if (lastId < 0) {
            throw new IllegalArgumentException("lastId must be >= 0, got " + lastId);
        }
        this.lastId = lastId;
    }

    /** Returns the text to send first on every new connection. */
    public synchronized String resumeRequest() {
        return ResumeProtocol.resumeRequest(lastId);
    }

    /** Judges one numbered message from the server; a delivered one becomes the last id. */
    // tag::receive[]
    public synchronized Outcome receive(Numbered message) {
        if (message.id() <= lastId) {
            return new Outcome.Duplicate(message.id());
        }
        if (message.id() != lastId + 1) {
            return new Outcome.Gap(lastId + 1, message.id());
        }
        lastId = message.id();
        return new Outcome.Deliver(message);
    }
    // end::receive[]

    /** Returns the id of the last message delivered, 0 if none. */
    public synchronized long lastId() {
        return lastId;
    }

    /**
     * Returns a handler for a {@link ReconnectingClient}: on every connection it first sends the resume
     * request, then gives each new payload to {@code listener}. On a gap it tells the listener and closes
     * with 1000, which ends the reconnecting: the application must start over (e.g. fetch a snapshot).
     */
    public ReconnectingClient.SessionHandler handler(Listener listener) {
        return session -> {
            session.sendText(resumeRequest());
            for (Optional<Message> next = session.receive(); next.isPresent(); next = session.receive()) {
                if (!(next.get() instanceof Message.Text(String text))) {
                    continue;
                }
                OptionalLong oldestHeld = ResumeProtocol.parseGap(text);
                Outcome outcome = oldestHeld.isPresent()
                        ? new Outcome.Gap(lastId() + 1, oldestHeld.getAsLong())
                        : receive(ResumeProtocol.decode(text));
                switch (outcome) {
                    case Outcome.Deliver deliver -> listener.deliver(deliver.message().payload());
                    case Outcome.Duplicate duplicate -> { }
                    case Outcome.Gap gap -> {
                        listener.gap(gap.expected(), gap.received());
                        session.close(CloseStatus.of(CloseCode.NORMAL_CLOSURE, "cannot resume: gap"));
                        return;
                    }
                }
            }
        };
    }
}
