package dev.wslab.tutorials.recovery;

import dev.wslab.transport.resume.ResumeBuffer;
import dev.wslab.transport.resume.ResumeProtocol.Numbered;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Broker is a tiny in-process stand-in for the central pub/sub broker that several WebSocket servers
 * share (Redis Streams, NATS JetStream, Kafka...): it numbers every published message once, for all
 * servers, keeps a bounded retained log of the last ones, and hands each message to every subscriber.
 *
 * <p>Because the numbering and the log live here and not in a server, any server can resume any client:
 * the servers keep no state of their own about the stream.
 */
public final class Broker {

    /** Subscriber receives messages in id order; it must return quickly (it runs under the broker's lock). */
    @FunctionalInterface
    public interface Subscriber {
        void deliver(Numbered message);
    }

    /** Subscribed is the answer to a subscription that starts after a given id. */
    public sealed interface Subscribed {
        /** Missed messages were replayed, live ones follow, until {@link #cancel()}. */
        record Live(Broker broker, Subscriber subscriber) implements Subscribed {
            /** Stops the live messages. */
            public void cancel() {
                broker.subscribers.remove(subscriber);
            }
        }

        /** The log no longer holds the messages after the requested id; the oldest it holds is {@code oldestHeld}. */
        record Gap(long oldestHeld) implements Subscribed {
        }
    }

    private final ResumeBuffer log;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

    /** Creates a broker whose retained log keeps the last {@code retained} messages. */
    public Broker(int retained) {
        this.log = new ResumeBuffer(retained);
    }

    // tag::broker[]
    /** Numbers {@code payload}, retains it and delivers it to every subscriber. */
    public Numbered publish(String payload) {
        lock.lock();
        try {
            Numbered message = log.append(payload);
            subscribers.forEach(subscriber -> subscriber.deliver(message));
            return message;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replays to {@code subscriber} every retained message after {@code lastSeen}, then subscribes it to
     * live ones, in one step under the lock: a message published in between can be neither missed nor
     * delivered twice.
     *
     * @throws IllegalArgumentException when {@code lastSeen} was never published (a client from another stream)
     */
    public Subscribed subscribeAfter(long lastSeen, Subscriber subscriber) {
        lock.lock();
        try {
            switch (log.replayAfter(lastSeen)) {
                case ResumeBuffer.Replay.Messages missed -> {
                    missed.messages().forEach(subscriber::deliver);
                    subscribers.add(subscriber);
                    return new Subscribed.Live(this, subscriber);
                }
                case ResumeBuffer.Replay.Gap gap -> {
                    return new Subscribed.Gap(gap.oldestHeld());
                }
            }
        } finally {
            lock.unlock();
        }
    }
    // end::broker[]

    /** Subscribes {@code subscriber} to messages published from now on, with no replay. */
    public Subscribed.Live subscribeLive(Subscriber subscriber) {
        subscribers.add(subscriber);
        return new Subscribed.Live(this, subscriber);
    }

    /** Returns how many subscribers receive live messages now. */
    public int subscribers() {
        return subscribers.size();
    }

    /** Returns the id of the last message published, 0 if none. */
    public long lastId() {
        return log.lastId();
    }
}
