package dev.wslab.tutorials.heartbeat;

import dev.wslab.client.ClientObserver;
import dev.wslab.client.ClientOptions;
import dev.wslab.client.MessageWatchdog;
import dev.wslab.transport.SessionObserver;
import dev.wslab.transport.SessionOptions;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.InstantSource;

/** HeartbeatClients are the client set-ups the heartbeat lab compares. */
public final class HeartbeatClients {

    private static final System.Logger LOG = System.getLogger(HeartbeatClients.class.getName());

    private HeartbeatClients() {
    }

    // tag::no-heartbeat[]
    /** A client that never pings: it learns that the path died only if a FIN or RST reaches it. */
    public static ClientOptions withoutHeartbeats(SessionObserver... observers) {
        SessionOptions silent = SessionOptions.DEFAULTS.withHeartbeat(Duration.ZERO, Duration.ZERO);
        return ClientOptions.DEFAULTS.withSession(silent).withObserver(ClientObserver.all(observers));
    }
    // end::no-heartbeat[]

    // tag::heartbeat[]
    /**
     * A client that pings on {@code plan} (RFC 6455 §5.5.2): each Ping is traffic, so no middlebox sees
     * the connection idle, and a Ping without its Pong (§5.5.3) within the pong timeout means the path is
     * dead: the session drops the connection and reports 1006.
     */
    public static ClientOptions withHeartbeats(HeartbeatPlan plan, SessionObserver... observers) {
        SessionOptions pinging = SessionOptions.DEFAULTS.withHeartbeat(plan.pingInterval(), plan.pongTimeout());
        return ClientOptions.DEFAULTS.withSession(pinging).withObserver(ClientObserver.all(observers));
    }
    // end::heartbeat[]

    // tag::watchdog[]
    /**
     * A watchdog that warns when no message arrived for the plan's gap (35 s for a 60 s path), then tells
     * {@code alert}. Give it to the session as an observer, and close it with the session.
     */
    public static MessageWatchdog watchdog(HeartbeatPlan plan, MessageWatchdog.Listener alert) {
        return new MessageWatchdog(plan.watchdogGap(), InstantSource.system(), silence -> {
            LOG.log(Level.WARNING, "no message for {0} ms: is the feed stalled, or the path dead?",
                    silence.toMillis());
            alert.silent(silence);
        }).start();
    }
    // end::watchdog[]
}
