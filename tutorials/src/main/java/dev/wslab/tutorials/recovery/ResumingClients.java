package dev.wslab.tutorials.recovery;

import dev.wslab.client.Backoff;
import dev.wslab.client.ClientOptions;
import dev.wslab.client.ReconnectPolicy;
import dev.wslab.client.ReconnectingClient;
import dev.wslab.client.ResumeReceiver;
import dev.wslab.client.WebSocketClient;
import dev.wslab.transport.Message;
import dev.wslab.transport.resume.ResumeProtocol;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * ResumingClients are the two clients of the session-recovery lab: a naive one that just reconnects, and
 * one that resumes from the id of the last message it received.
 */
public final class ResumingClients {

    /** Short delays for the lab: 20 ms doubling to at most 500 ms, with jitter. */
    static final ReconnectPolicy LAB_POLICY = ReconnectPolicy.DEFAULT.withBackoff(
            new Backoff(Duration.ofMillis(20), 2.0, Duration.ofMillis(500), Backoff.Jitter.EQUAL));

    private ResumingClients() {
    }

    // tag::naive[]
    /** Reconnects after a drop and takes whatever comes: it cannot know what it missed. */
    public static ReconnectingClient naive(URI uri, Consumer<String> deliver, ReconnectingClient.Sleeper pause) {
        ReconnectingClient.SessionHandler takeWhatComes = session -> {
            for (Optional<Message> next = session.receive(); next.isPresent(); next = session.receive()) {
                if (next.get() instanceof Message.Text(String text)) {
                    deliver.accept(ResumeProtocol.decode(text).payload());
                }
            }
        };
        return new ReconnectingClient(uri, ClientOptions.DEFAULTS, LAB_POLICY, takeWhatComes,
                WebSocketClient::connect, pause, RandomGenerator.getDefault());
    }
    // end::naive[]

    // tag::resuming[]
    /**
     * Reconnects after a drop and resumes: on every connection the {@link ResumeReceiver} first sends
     * {@code resume <last id received>}, then lets each message through once, in order, dropping a
     * duplicate and reporting a gap it cannot fill.
     */
    public static ReconnectingClient resuming(URI uri, ResumeReceiver.Listener listener,
                                              ReconnectingClient.Sleeper pause) {
        ResumeReceiver receiver = new ResumeReceiver();
        return new ReconnectingClient(uri, ClientOptions.DEFAULTS, LAB_POLICY, receiver.handler(listener),
                WebSocketClient::connect, pause, RandomGenerator.getDefault());
    }
    // end::resuming[]
}
