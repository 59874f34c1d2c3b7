package dev.wslab.transport;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Deadline is a moment by which a blocking exchange must be done, e.g. the opening handshake. A socket's
 * SO_TIMEOUT alone restarts with every byte that arrives, so a peer sending one byte at a time would never
 * time out (slowloris); the deadline is absolute, and each read waits only for what is left of it.
 *
 * @param nanoTime the moment, on the {@link System#nanoTime()} clock
 */
public record Deadline(long nanoTime) {

    /** Returns the deadline {@code timeout} from now. */
    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /**
     * Returns the SO_TIMEOUT for the next blocking read: the milliseconds left, at least 1 (0 would mean
     * "wait forever").
     *
     * @throws SocketTimeoutException when the deadline has passed
     */
    public int socketTimeoutMillis() throws SocketTimeoutException {
        long left = Duration.ofNanos(nanoTime - System.nanoTime()).toMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("the deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }
}
