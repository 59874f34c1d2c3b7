package dev.wslab.transport;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * CloseTimer is a session's one timer for the end of a connection: armed when the closing handshake
 * starts (or a failure waits for the application), it runs its action once the timeout has passed. One
 * virtual thread per session, started at the first {@link #arm()} and ended by {@link #stop()}; arming
 * an armed timer changes nothing (the earliest deadline stands), and an expired timer may be armed again.
 */
final class CloseTimer {

    private final Duration timeout;
    private final Runnable onExpiry;
    private final String threadName;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private Thread thread;
    private boolean armed;
    private boolean stopped;
    /** When the armed timer expires (System.nanoTime). */
    private long deadline;

    /** Reads the time (System.nanoTime), so that a test can say which moment a deadline is counted from. */
    private final LongSupplier clock;

    CloseTimer(Duration timeout, Runnable onExpiry, String threadName) {
        this(timeout, onExpiry, threadName, System::nanoTime);
    }

    CloseTimer(Duration timeout, Runnable onExpiry, String threadName, LongSupplier clock) {
        this.timeout = timeout;
        this.onExpiry = onExpiry;
        this.threadName = threadName;
        this.clock = clock;
    }

    /** Arms the timer to expire {@code timeout} from now, unless it is armed already or stopped. */
    void arm() {
        armFromNow(false);
    }

    /**
     * Arms the timer to expire {@code timeout} from now, replacing an earlier deadline: for a held Close that
     * is finally sent, whose closing handshake gets the whole timeout from the moment it goes out.
     */
    void restart() {
        armFromNow(true);
    }

    /** Returns when the armed timer expires, on the timer's clock; empty when it is not armed. */
    OptionalLong deadline() {
        lock.lock();
        try {
            return armed && !stopped ? OptionalLong.of(deadline) : OptionalLong.empty();
        } finally {
            lock.unlock();
        }
    }

    private void armFromNow(boolean replacingAnEarlierDeadline) {
        lock.lock();
        try {
            if (stopped || (armed && !replacingAnEarlierDeadline)) {
                return;
            }
            armed = true;
            deadline = clock.getAsLong() + timeout.toNanos();
            if (thread == null) {
                thread = Thread.ofVirtual().name(threadName).start(this::run);
            } else {
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the timer for good: it will not expire, and its thread ends. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        lock.lock();
        try {
            while (!stopped) {
                long left = deadline - clock.getAsLong();
                if (!armed) {
                    changed.await();
                } else if (left > 0) {
                    changed.awaitNanos(left);
                } else {
                    armed = false;
                    lock.unlock();
                    try {
                        onExpiry.run(); // without the lock: the action may arm the timer again
                    } finally {
                        lock.lock();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
