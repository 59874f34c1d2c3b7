package dev.wslab.tutorials.recovery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** SteadyPublisher publishes m1, m2, m3... every 2 ms on a virtual thread, up to a limit or until stopped. */
final class SteadyPublisher {

    private final Consumer<String> publish;
    private final int limit;
    private final AtomicInteger published = new AtomicInteger();
    private volatile boolean stopped;
    private Thread thread;

    SteadyPublisher(Consumer<String> publish, int limit) {
        this.publish = publish;
        this.limit = limit;
    }

    SteadyPublisher start() {
        thread = Thread.ofVirtual().name("steady-publisher").start(() -> {
            try {
                while (!stopped && published.get() < limit) {
                    publish.accept("m" + (published.get() + 1));
                    published.incrementAndGet();
                    Thread.sleep(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return this;
    }

    /** Returns how many messages were published so far. */
    int published() {
        return published.get();
    }

    /** Waits (at most 10 s, else the test fails) until at least {@code count} messages were published. */
    void awaitPublished(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (published.get() < Math.min(count, limit)) {
            assertThat(System.nanoTime()).as("%d messages published within 10 s", count).isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    /** Stops publishing and returns how many messages were published in all. */
    int stop() throws InterruptedException {
        stopped = true;
        thread.join(Duration.ofSeconds(10));
        return published.get();
    }
}
