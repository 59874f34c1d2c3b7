package dev.wslab.tutorials.debugging;

import dev.wslab.client.ClientObserver;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.connection.Event;
import dev.wslab.transport.WebSocketSession;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * StateLog is a client's state-transition log: one timestamped line, with its reason, for every state a
 * connection enters (CONNECTING, OPEN, CLOSING, CLOSED). Give it to {@code ClientOptions.withObserver},
 * alongside a {@code WireTrace} if wanted ({@code ClientObserver.all(trace, log)}).
 *
 * <p>It logs CLOSED from the {@code Closed} event, which says which Close frames went each way; the bare
 * state change only carries a reason when the connection was aborted.
 */
public final class StateLog implements ClientObserver {

    private final Clock clock;
    private final Consumer<StateChange> sink;
    private final List<StateChange> changes = new ArrayList<>();
    private boolean closedLogged;

    /** Creates a log that stamps lines with {@code clock} and hands each to {@code sink} (e.g. a logger). */
    public StateLog(Clock clock, Consumer<StateChange> sink) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    // tag::log[]
    @Override
    public void connecting(String target) {
        log(ConnectionState.CONNECTING, "to " + target);
    }

    @Override
    public void event(WebSocketSession session, Event event) {
        switch (event) {
            case Event.Opened opened -> log(ConnectionState.OPEN,
                    opened.subprotocol().map(p -> "subprotocol=" + p).orElse(""));
            case Event.Failed failed -> log(ConnectionState.CLOSING, "failed: " + failed.violation());
            case Event.Closed closed -> log(ConnectionState.CLOSED, "received=" + describe(closed.received())
                    + " sent=" + describe(closed.sent()) + (closed.cleanly() ? " cleanly" : " not cleanly"));
            default -> {
            }
        }
    }

    @Override
    public void stateChanged(WebSocketSession session, ConnectionState state, String detail) {
        switch (state) {
            case CLOSING -> log(state, detail.isEmpty() ? "our Close sent, waiting for the peer's" : detail);
            case CLOSED -> {
                if (!detail.isEmpty()) {
                    log(state, detail); // an abort: its reason is only here
                }
            }
            default -> log(state, detail);
        }
    }
    // end::log[]

    /** A Closed event reports 1006 for a direction in which no Close frame went. */
    private static String describe(CloseStatus status) {
        return status.equals(CloseStatus.ABNORMAL) ? "none" : status.toString();
    }

    private void log(ConnectionState state, String detail) {
        StateChange change = new StateChange(clock.instant(), state, detail);
        synchronized (changes) {
            if (state == ConnectionState.CLOSED) {
                if (closedLogged) {
                    return; // an abort was logged with its reason; the Closed event after it adds nothing
                }
                closedLogged = true;
            }
            changes.add(change);
        }
        sink.accept(change);
    }

    /** Returns the lines logged so far, oldest first. */
    public List<StateChange> changes() {
        synchronized (changes) {
            return List.copyOf(changes);
        }
    }
}
