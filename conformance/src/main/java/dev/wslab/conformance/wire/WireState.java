package dev.wslab.conformance.wire;

import dev.wslab.conformance.Observed;
import dev.wslab.protocol.Violation;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.deflate.MessageDeflater;
import dev.wslab.protocol.frame.Frame;

import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * WireState is everything a {@link WireConnection} knows about its connection that two threads share:
 * the case's thread (which writes and waits) and the reader's (which records what the server sent and
 * answers it). It is the connection's one lock: every field is read and written under it, and every
 * change wakes the threads that wait for one.
 *
 * <p>Besides what is observed, it holds two switches the case sets (reading paused, replies muted) and
 * the right to write: one thread writes to the socket at a time, so that a reply never lands in the
 * middle of a frame the case is writing (see {@link WireWriter}).
 */
final class WireState {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private final List<Observed> events = new ArrayList<>();
    private Optional<CloseStatus> closeReceived = Optional.empty();
    private Optional<Violation> serverViolation = Optional.empty();
    private Observation.SuiteClose suiteClose = Observation.SuiteClose.NOT_SENT;
    private Observation.Tcp tcp = Observation.Tcp.OPEN;
    private Observation.TcpAfterHandshake tcpAfterHandshake = Observation.TcpAfterHandshake.NOT_LEFT_OPEN;
    private Optional<String> controlFrameAfterClose = Optional.empty();
    private boolean readingPaused;
    private boolean muted;
    private boolean writing;
    /** Compresses the suite's messages once permessage-deflate is agreed: made at first use, ended at close. */
    private MessageDeflater deflater;
    private boolean deflaterReleased;

    // ---------------------------------------------------------------- the suite's compressor

    /**
     * Returns the frames {@code compress} makes with the connection's deflater, made by {@code make} at first
     * use. Under the lock, because {@link #releaseDeflater} may run on another thread (a blocked write closes
     * the connection); once released, fails as a closed socket does.
     */
    List<Frame> compress(Supplier<MessageDeflater> make, Function<MessageDeflater, List<Frame>> compress)
            throws SocketException {
        lock.lock();
        try {
            if (deflaterReleased) {
                throw new SocketException("the suite closed the connection");
            }
            if (deflater == null) {
                deflater = make.get();
            }
            return compress.apply(deflater);
        } finally {
            lock.unlock();
        }
    }

    /** Ends the deflater, if one was made (its native memory is freed now, not by the garbage collector). */
    void releaseDeflater() {
        lock.lock();
        try {
            deflaterReleased = true;
            if (deflater != null) {
                deflater.close();
            }
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- what the server sent

    /**
     * Records, in one step, what the judge observed in one read: the server's messages, Pings and Pongs,
     * its Close frame, and a rule it broke (which replaces one recorded before).
     */
    void received(List<Observed> observed, Optional<CloseStatus> close, Optional<Violation> violation) {
        update(() -> {
            events.addAll(observed);
            if (close.isPresent()) {
                closeReceived = close;
            }
            if (violation.isPresent()) {
                serverViolation = violation;
            }
        });
    }

    /**
     * Records a marker, unless the server has already closed: a marker tells how far the case had come
     * when the server reacted. Returns whether it was recorded.
     */
    boolean addMarker(Observed.Marker marker) {
        lock.lock();
        try {
            if (closeReceived.isPresent() || tcp == Observation.Tcp.CLOSED) {
                return false;
            }
            events.add(marker);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records the first Close, Ping or Pong the server sent after its own Close; returns whether it was the
     * first. Only data frames are forbidden there (§5.5.1), so it is recorded apart from violations.
     */
    boolean controlFrameAfterCloseFirst(String frame) {
        return recordOnce(() -> controlFrameAfterClose.isEmpty(), () -> controlFrameAfterClose = Optional.of(frame));
    }

    /** Records a rule the server broke, unless one was recorded already; returns whether it was recorded. */
    boolean serverBrokeFirst(Violation violation) {
        return recordOnce(() -> serverViolation.isEmpty(), () -> serverViolation = Optional.of(violation));
    }

    private boolean recordOnce(java.util.function.BooleanSupplier nothingYet, Runnable record) {
        lock.lock();
        try {
            if (!nothingYet.getAsBoolean()) {
                return false;
            }
            record.run();
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Records that the TCP connection ended. */
    void tcpClosed() {
        update(() -> tcp = Observation.Tcp.CLOSED);
    }

    /**
     * Takes the first message (text or binary) out of the events, and the server's Pings before it (they are
     * answered already), waiting up to {@code timeout}. Empty when none came in time, or the server closed,
     * or broke a rule, first. A case that streams many messages takes each echo, so that the events never
     * hold them all.
     */
    Optional<Observed> takeMessage(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                for (int i = 0; i < events.size(); i++) {
                    Observed event = events.get(i);
                    if (event instanceof Observed.Text || event instanceof Observed.Binary) {
                        events.remove(i);
                        events.subList(0, i).removeIf(earlier -> earlier instanceof Observed.Ping);
                        return Optional.of(event);
                    }
                }
                long left = deadline - System.nanoTime();
                if (closeReceived.isPresent() || tcp == Observation.Tcp.CLOSED || serverViolation.isPresent()
                        || left <= 0) {
                    return Optional.empty();
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- what the suite did

    /** Records that the suite sent a Close frame. */
    void closeSent() {
        update(() -> suiteClose = Observation.SuiteClose.SENT);
    }

    /** Tells whether the suite sent a Close frame. */
    boolean isCloseSent() {
        return read(() -> suiteClose == Observation.SuiteClose.SENT);
    }

    /** Records that the server did not close TCP in time after the closing handshake. */
    void serverLeftTcpOpen() {
        update(() -> tcpAfterHandshake = Observation.TcpAfterHandshake.LEFT_OPEN_BY_SERVER);
    }

    /** Pauses or resumes the reader. */
    void readingPaused(boolean paused) {
        update(() -> readingPaused = paused);
    }

    /** Stops the suite's replies to Pings and Close frames. */
    void mute() {
        update(() -> muted = true);
    }

    /** Tells whether the suite no longer answers the server. */
    boolean isMuted() {
        return read(() -> muted);
    }

    /** Waits while reading is paused, unless {@code stopWaiting} says the socket was closed meanwhile. */
    void awaitReadingAllowed(BooleanSupplier stopWaiting) {
        lock.lock();
        try {
            while (readingPaused && !stopWaiting.getAsBoolean()) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes the right to write to the socket, waiting while another thread has it. */
    void startWriting() {
        lock.lock();
        try {
            while (writing) {
                changed.awaitUninterruptibly();
            }
            writing = true;
        } finally {
            lock.unlock();
        }
    }

    /** Gives the right to write back. */
    void endWriting() {
        update(() -> writing = false);
    }

    // ---------------------------------------------------------------- waiting and observing

    /** Returns what was observed so far. */
    Observation observation() {
        return read(() -> new Observation(List.copyOf(events), closeReceived, suiteClose, tcp, serverViolation,
                tcpAfterHandshake, controlFrameAfterClose));
    }

    /**
     * Waits until what was observed satisfies {@code condition}, or the timeout passes; returns whether it
     * does. The condition is asked again after every change.
     */
    boolean awaitUntil(Predicate<Observation> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!condition.test(observation())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void update(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private <T> T read(Supplier<T> field) {
        lock.lock();
        try {
            return field.get();
        } finally {
            lock.unlock();
        }
    }
}
