package dev.wslab.tutorials.heartbeat;

import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.Message;
import dev.wslab.transport.SessionOptions;
import dev.wslab.transport.WebSocketSession;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Newsroom is the heartbeat lab's server: at {@code /news} it keeps every text message a reader sends
 * (so the lab can see what arrived) and can push news to every connected reader.
 */
public final class Newsroom implements AutoCloseable {

    private final WebSocketServer server;
    private final Set<WebSocketSession> readers = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    private Newsroom(SessionOptions sessions) throws IOException {
        server = WebSocketServer.builder().sessionOptions(sessions).endpoint("/news", this::serve).start();
    }

    /** Starts a newsroom on 127.0.0.1 and a free port whose sessions use {@code sessions} (heartbeat or none). */
    public static Newsroom start(SessionOptions sessions) throws IOException {
        return new Newsroom(sessions);
    }

    private void serve(WebSocketSession session) throws InterruptedException {
        readers.add(session);
        try {
            for (Optional<Message> next = session.receive(); next.isPresent(); next = session.receive()) {
                if (next.get() instanceof Message.Text(String text)) {
                    received.add(text);
                }
            }
        } finally {
            readers.remove(session);
        }
    }

    /** Sends {@code text} to every connected reader; returns how many it was handed to. */
    public int push(String text) {
        int sent = 0;
        for (WebSocketSession reader : readers) {
            try {
                reader.sendText(text);
                sent++;
            } catch (IllegalStateException closing) {
                readers.remove(reader);
            }
        }
        return sent;
    }

    /** Waits up to {@code timeout} for the next message a reader sent; empty if none came. */
    public Optional<String> nextReceived(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Returns the port the server listens on. */
    public int port() {
        return server.port();
    }

    /** Returns how many readers are connected, as far as the server knows. */
    public int readers() {
        return readers.size();
    }

    @Override
    public void close() {
        server.close();
    }
}
