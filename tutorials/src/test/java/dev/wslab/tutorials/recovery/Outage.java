package dev.wslab.tutorials.recovery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Outage is the reconnecting client's pause between attempts, made visible: while the client is away, it
 * lets the publisher publish at least ten more messages, and notes them. Those can only reach the client
 * by a replay.
 */
final class Outage {

    private final SteadyPublisher publisher;
    private final List<String> publishedWhileAway = new CopyOnWriteArrayList<>();

    Outage(SteadyPublisher publisher) {
        this.publisher = publisher;
    }

    /** The {@link dev.wslab.client.ReconnectingClient.Sleeper}: called between a drop and the next attempt. */
    void pause(Duration delay) throws InterruptedException {
        int before = publisher.published();
        publisher.awaitPublished(before + 10);
        int after = publisher.published();
        for (int id = before + 1; id <= after; id++) {
            publishedWhileAway.add("m" + id);
        }
        Thread.sleep(delay);
    }

    /** Returns the payloads published while the client was disconnected. */
    List<String> publishedWhileAway() {
        return List.copyOf(publishedWhileAway);
    }
}
