package dev.wslab.tutorials.closecodes;

import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Event;
import dev.wslab.transport.SessionObserver;
import dev.wslab.transport.WebSocketSession;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * CloseLog is the client's half of "log the close code and reason on both sides, always": a
 * {@link SessionObserver} that writes one line per closed connection and keeps what it logged, so a
 * test (or a dashboard) can read it back. The server's half is its transition log (see
 * {@link ServerCloseLog}).
 */
public final class CloseLog implements SessionObserver {

    private static final System.Logger LOG = System.getLogger(CloseLog.class.getName());

    private final String side;
    private final List<CloseStatus> seen = new CopyOnWriteArrayList<>();

    /** Returns a log for one side of the connection, e.g. "client". */
    public CloseLog(String side) {
        this.side = side;
    }

    // tag::log-close[]
    @Override
    public void event(WebSocketSession session, Event event) {
        if (event instanceof Event.Closed closed) {
            CloseStatus status = seenStatus(closed);
            LOG.log(Level.INFO, "{0}: connection to {1} closed, code={2} reason=\"{3}\" received={4} sent={5} {6}",
                    side, session.remoteAddress(), Integer.toString(status.code().value()), status.reason(),
                    closed.received(), closed.sent(), closed.cleanly() ? "cleanly" : "NOT cleanly");
            seen.add(status);
        }
    }

    /**
     * Returns the status that explains a close: the Close frame received, else the one sent, else 1006
     * (no Close frame went either way: the TCP connection just ended).
     */
    public static CloseStatus seenStatus(Event.Closed closed) {
        if (!closed.received().equals(CloseStatus.ABNORMAL)) {
            return closed.received();
        }
        return closed.sent();
    }
    // end::log-close[]

    /** Returns every close logged so far, oldest first. */
    public List<CloseStatus> closes() {
        return List.copyOf(seen);
    }

    /** Waits until {@code count} closes were logged (or {@code limit} passed) and returns them. */
    public List<CloseStatus> awaitCloses(int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (seen.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return closes();
    }
}
