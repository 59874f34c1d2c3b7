package dev.wslab.client;

import dev.wslab.client.ConnectFailedException.Kind;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.connection.Event;
import dev.wslab.transport.WebSocketSession;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * ReconnectingClient keeps a WebSocket connection to one URI: it connects, lets a {@link SessionHandler}
 * use the session until it ends, and connects again after a {@link Backoff} delay, until a deliberate
 * close, a final close code, too many failures, or {@link #stop()}.
 *
 * <p>The delay grows with each failed attempt in a row and goes back to the base once a session opened.
 * Every attempt and its outcome is logged ({@link System.Logger}) and counted ({@link #stats()}). The
 * connector, the sleeper and the random numbers are given, so tests can replay exact delay sequences.
 */
public final class ReconnectingClient {

    private static final System.Logger LOG = System.getLogger(ReconnectingClient.class.getName());

    /** SessionHandler uses an open session; when it returns, the session is closed with 1000 if still open. */
    @FunctionalInterface
    public interface SessionHandler {
        void handle(WebSocketSession session) throws Exception;
    }

    /** Connector opens one connection; {@link WebSocketClient#connect} in production. */
    @FunctionalInterface
    public interface Connector {
        WebSocketSession connect(URI uri, ClientOptions options) throws ConnectFailedException, InterruptedException;
    }

    /** Sleeper waits between attempts; {@link Thread#sleep(Duration)} in production. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** StopReason says why {@link #run()} returned. */
    public enum StopReason {
        /** A session ended with a Close carrying 1000, sent or received: someone meant to end it. */
        CLOSED_DELIBERATELY,
        /** The server closed with a code the policy marks final. */
        FINAL_CLOSE_CODE,
        /** The policy's maximum of consecutive failures was reached. */
        GAVE_UP,
        /** An attempt failed in a way no retry can fix (a bad URL). */
        NOT_RETRYABLE,
        /** {@link #stop()} was called, or the thread was interrupted. */
        STOPPED
    }

    private final URI uri;
    private final ClientOptions options;
    private final ReconnectPolicy policy;
    private final SessionHandler handler;
    private final Connector connector;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean stopped;
    private volatile WebSocketSession current;
    private volatile Thread runner;

    /** Creates a client that connects with {@link WebSocketClient#connect}, real sleeps and a fresh random. */
    public ReconnectingClient(URI uri, ClientOptions options, ReconnectPolicy policy, SessionHandler handler) {
        this(uri, options, policy, handler, WebSocketClient::connect, Thread::sleep, RandomGenerator.getDefault());
    }

    /** Creates a client with its own connector, sleeper and random numbers (tests, simulations). */
    public ReconnectingClient(URI uri, ClientOptions options, ReconnectPolicy policy, SessionHandler handler,
                              Connector connector, Sleeper sleeper, RandomGenerator random) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.options = Objects.requireNonNull(options, "options");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Connects, and connects again, until a reason to stop; returns that reason. Blocks the calling thread. */
    public StopReason run() {
        runner = Thread.currentThread();
        int failuresInARow = 0;
        try {
            while (!stopped) {
                long attempt = attempts.incrementAndGet();
                LOG.log(Level.INFO, "attempt {0} to connect to {1}", attempt, uri);
                WebSocketSession session;
                try {
                    session = connector.connect(uri, options);
                } catch (ConnectFailedException e) {
                    // tag::failed[]
                    failed.incrementAndGet();
                    failuresInARow++;
                    LOG.log(Level.WARNING, "attempt {0} failed ({1}): {2}", attempt, e.kind(), e.getMessage());
                    if (e.kind() == Kind.BAD_URL) {
                        return StopReason.NOT_RETRYABLE;
                    }
                    if (stopped) {
                        return StopReason.STOPPED;
                    }
                    if (policy.maxConsecutiveFailures() > 0 && failuresInARow >= policy.maxConsecutiveFailures()) {
                        LOG.log(Level.WARNING, "giving up after {0} failed attempts in a row", failuresInARow);
                        return StopReason.GAVE_UP;
                    }
                    pause(failuresInARow - 1);
                    continue;
                    // end::failed[]
                }
                // tag::reset[]
                opened.incrementAndGet();
                failuresInARow = 0; // a session opened: the next delay starts from the base again
                Event.Closed end = use(session);
                StopReason reason = stopped ? StopReason.STOPPED : reasonToStop(end);
                LOG.log(Level.INFO, "attempt {0}: session ended, received {1}, sent {2}{3}", attempt,
                        end.received(), end.sent(), reason == null ? "; reconnecting" : "; stopping: " + reason);
                if (reason != null) {
                    return reason;
                }
                dropped.incrementAndGet();
                pause(0);
                // end::reset[]
            }
        } catch (InterruptedException e) {
            if (!stopped) {
                Thread.currentThread().interrupt();
            }
        } finally {
            runner = null;
        }
        return StopReason.STOPPED;
    }

    /** Starts {@link #run()} on a virtual thread and returns it. */
    public Thread start() {
        return Thread.ofVirtual().name("ws-reconnect-" + uri).start(this::run);
    }

    /** Stops reconnecting: closes the current session with 1000 and ends a pending wait. */
    public void stop() {
        stopped = true;
        WebSocketSession session = current;
        if (session != null && session.state() == ConnectionState.OPEN) {
            session.close(CloseStatus.of(CloseCode.NORMAL_CLOSURE, "client stopped"));
        }
        Thread thread = runner;
        if (thread != null && session == null) {
            thread.interrupt(); // it is connecting or sleeping
        }
    }

    /** Returns the counters so far. */
    public ReconnectStats stats() {
        return new ReconnectStats(attempts.get(), opened.get(), failed.get(), dropped.get());
    }

    private Event.Closed use(WebSocketSession session) throws InterruptedException {
        current = session;
        try {
            if (stopped) {
                session.close(CloseStatus.NORMAL);
            }
            handler.handle(session);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "the session handler failed: " + e, e);
        } finally {
            if (session.state() == ConnectionState.OPEN) {
                session.close(CloseStatus.NORMAL); // the handler is done with it: a deliberate close
            }
        }
        try {
            return session.closed().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("closed() never fails", e);
        } finally {
            current = null;
        }
    }

    // tag::stop[]
    /** Returns why to stop after a session ended this way, or null to reconnect. */
    private StopReason reasonToStop(Event.Closed end) {
        CloseCode received = end.received().code();
        if (received.equals(CloseCode.NORMAL_CLOSURE) || end.sent().code().equals(CloseCode.NORMAL_CLOSURE)) {
            return StopReason.CLOSED_DELIBERATELY;
        }
        if (policy.finalCloseCodes().contains(received)) {
            return StopReason.FINAL_CLOSE_CODE;
        }
        return null;
    }
    // end::stop[]

    private void pause(int exponent) throws InterruptedException {
        Duration delay = policy.backoff().delay(exponent, random);
        LOG.log(Level.INFO, "next attempt to {0} in {1} ms", uri, delay.toMillis());
        sleeper.sleep(delay);
    }
}
