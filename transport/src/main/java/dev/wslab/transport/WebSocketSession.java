package dev.wslab.transport;

import dev.wslab.protocol.Role;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Connection;
import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.deflate.DeflateTotals;
import dev.wslab.protocol.frame.Payload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * WebSocketSession is an open WebSocket connection over a blocking socket: the sans-I/O
 * {@link Connection} driven by three virtual threads.
 *
 * <ul>
 *   <li>The <b>reader</b> reads the socket, gives the bytes to the connection and hands whole messages to
 *       the application's {@link #receive()}; Pings are answered by the connection itself.</li>
 *   <li>The <b>writer</b> writes the connection's outgoing bytes from a queue bounded by
 *       {@link SessionOptions#maxQueuedBytes()}, so a peer that reads too slowly cannot make memory grow:
 *       the connection is failed with 1008 instead.</li>
 *   <li>The {@link Heartbeat} sends a Ping every {@link SessionOptions#pingInterval()} and drops the
 *       connection (1006) when no Pong comes back within {@link SessionOptions#pingTimeout()}.</li>
 * </ul>
 *
 * One {@link CloseTimer} bounds the end: a connection whose closing handshake does not finish within
 * {@link SessionOptions#closeTimeout()} is dropped.
 *
 * When the peer breaks a rule, every whole message it sent before is still delivered, and the Close that
 * fails the connection waits until the application has answered them, that is, until it asks for the
 * next message after the last of them (or closes the session); at most {@link SessionOptions#closeTimeout()},
 * so that an application that never asks again cannot keep a failed connection open. So an answer to a
 * valid message goes out before the Close, whatever the TCP segments were, even when the messages came in
 * the same read as the end of the handshake (the opened connection holds a violation from the start).
 *
 * The connection is not thread-safe, so every call into it holds one lock. It is a
 * {@link ReentrantLock}, not {@code synchronized}: on Java 21 a virtual thread blocked inside
 * {@code synchronized} pins its carrier thread.
 */
public final class WebSocketSession implements AutoCloseable {

    private static final int READ_BUFFER_SIZE = 16 * 1024;

    private final Socket socket;
    private final Connection connection;
    private final Optional<String> subprotocol;
    private final SessionOptions options;
    private final SessionObserver observer;
    private final ReentrantLock lock = new ReentrantLock();
    private final BlockingQueue<Inbound> inbound;
    private final BlockingQueue<Outbound> outbound = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final CompletableFuture<Event.Closed> closed = new CompletableFuture<>();
    private final CloseTimer closeTimer;
    private final Heartbeat heartbeat;
    /** Messages delivered that the application has not answered yet: queued, or taken and not come back. */
    private final AtomicInteger unanswered = new AtomicInteger();

    private ConnectionState lastState;
    private Event.Closed closedEvent;
    /** Whether the thread of the application last got a message from {@link #receive()} (it is answering it). */
    private volatile boolean answering;
    /** Whether the connection holds a violation of the peer's whose Close waits for the answers. */
    private volatile boolean violationHeld;

    private WebSocketSession(Socket socket, Connection connection, Optional<String> subprotocol,
                             SessionOptions options, SessionObserver observer) {
        this.socket = socket;
        this.connection = connection;
        this.subprotocol = subprotocol;
        this.options = options;
        this.observer = observer;
        this.inbound = new LinkedBlockingQueue<>(options.inboundQueueCapacity() + 1);
        this.lastState = connection.state();
        this.closeTimer = new CloseTimer(options.closeTimeout(), this::closeTimerExpired,
                "ws-close-timer-" + socket.getRemoteSocketAddress());
        this.heartbeat = new Heartbeat(this, options.pingInterval(), options.pingTimeout(), observer);
    }

    /**
     * Starts a session on a connection whose opening handshake just completed over {@code socket}; the
     * caller has written the connection's outgoing bytes so far.
     *
     * @param initialEvents events the connection reported while completing the handshake, e.g. a message
     *     that arrived in the same read as the handshake; they are handled first
     */
    public static WebSocketSession start(Socket socket, Connection connection, Optional<String> subprotocol,
                                         List<Event> initialEvents, SessionOptions options, SessionObserver observer) {
        // The connection may be past OPEN already: the peer's first frames may arrive in the same read as the
        // end of the handshake (a Close right after a 101); the session then delivers the messages before it
        // and waits for the transport to end.
        WebSocketSession session = new WebSocketSession(Objects.requireNonNull(socket), connection, subprotocol,
                options, observer);
        connection.holdViolations();
        session.dispatch(initialEvents);
        // tag::threads[]
        Thread.ofVirtual().name("ws-writer-" + socket.getRemoteSocketAddress()).start(session::writeLoop);
        Thread.ofVirtual().name("ws-reader-" + socket.getRemoteSocketAddress()).start(session::readLoop);
        if (!options.pingInterval().isZero()) {
            Thread.ofVirtual().name("ws-heartbeat-" + socket.getRemoteSocketAddress()).start(session.heartbeat::run);
        }
        // end::threads[]
        return session;
    }

    // ---------------------------------------------------------------- the application's side

    /**
     * Waits for the next message.
     *
     * @return the message, or empty once the connection is closed and every message was taken
     */
    public Optional<Message> receive() throws InterruptedException {
        if (answering) {
            answering = false; // back for more: the application has answered the message it took
            if (unanswered.decrementAndGet() == 0 && violationHeld) {
                failHeldViolation();
            }
        }
        switch (inbound.take()) {
            case Inbound.Received received -> {
                answering = true;
                return Optional.of(received.message());
            }
            case Inbound.End end -> {
                inbound.offer(end); // every later call returns empty too
                return Optional.empty();
            }
        }
    }

    /** Sends a text message. Throws {@link IllegalStateException} once the closing handshake has started. */
    public void sendText(String text) {
        withConnection(() -> connection.sendText(text));
    }

    /** Sends a binary message. */
    public void sendBinary(Payload data) {
        withConnection(() -> connection.sendBinary(data));
    }

    /** Sends a message of either kind. */
    public void send(Message message) {
        switch (message) {
            case Message.Text text -> sendText(text.text());
            case Message.Binary binary -> sendBinary(binary.data());
        }
    }

    /** Sends a Ping with the given payload (at most 125 bytes). */
    public void sendPing(Payload payload) {
        withConnection(() -> connection.sendPing(payload));
    }

    /**
     * Starts the closing handshake (§7.1.2) and returns at once; {@link #closed()} completes when it is
     * done. If the peer does not answer within {@link SessionOptions#closeTimeout()}, the socket is
     * closed anyway.
     */
    public void close(CloseStatus status) {
        // With a violation held, the Close that goes out is the violation's (1002, 1007...), not this one.
        withConnection(() -> connection.close(status));
        closeTimer.arm();
    }

    /** Closes with 1000 and waits up to the close timeout (plus a margin) for the handshake to finish. */
    @Override
    public void close() {
        if (connection.state() == ConnectionState.OPEN) {
            close(CloseStatus.NORMAL);
        }
        try {
            closed.get(options.closeTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            abort("close did not complete: " + e);
        }
    }

    /**
     * Drops the connection at once, without a closing handshake: the socket is closed and the session ends
     * as if TCP had died (1006). For a peer that stopped answering.
     */
    public void abort(String reason) {
        withConnection(connection::receiveEof);
        observer.stateChanged(this, ConnectionState.CLOSED, "aborted: " + reason);
        Closeables.closeQuietly(socket);
    }

    /** Returns a future completed with how the connection ended, once the socket is closed. */
    public CompletableFuture<Event.Closed> closed() {
        return closed;
    }

    /** Returns the connection's state. */
    public ConnectionState state() {
        lock.lock();
        try {
            return connection.state();
        } finally {
            lock.unlock();
        }
    }

    /** Returns what permessage-deflate compressed and inflated so far ({@link Connection#deflateTotals()}). */
    public DeflateTotals deflateTotals() {
        lock.lock();
        try {
            return connection.deflateTotals();
        } finally {
            lock.unlock();
        }
    }

    /** Returns the subprotocol agreed in the handshake, if any. */
    public Optional<String> subprotocol() {
        return subprotocol;
    }

    /** Returns this endpoint's role. */
    public Role role() {
        return connection.role();
    }

    /** Returns the peer's address. */
    public SocketAddress remoteAddress() {
        return socket.getRemoteSocketAddress();
    }

    // ---------------------------------------------------------------- the connection, under its lock

    /** Runs a command on the connection, then queues its output and handles its events, in order. */
    private void withConnection(Runnable command) {
        List<Event> events;
        lock.lock();
        try {
            command.run();
            queueOutput(connection.takeOutgoingBytes());
            events = connection.takeEvents();
            noteState();
        } finally {
            lock.unlock();
        }
        dispatch(events);
    }

    private void queueOutput(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        long waiting = queuedBytes.getAndAdd(bytes.length);
        // The bound is on the backlog: when nothing is waiting, one message of any size may go (else an
        // echo of a message of maxMessageSize, which is 1 MiB like maxQueuedBytes by default, would fail).
        if (waiting > 0 && waiting + bytes.length > options.maxQueuedBytes() && connection.state() == ConnectionState.OPEN) {
            // The peer reads slower than we write: rather than buffer without bound, give up on it.
            outbound.add(new Outbound.Bytes(bytes));
            connection.fail(CloseStatus.of(CloseCode.POLICY_VIOLATION, "the peer reads too slowly"));
            byte[] close = connection.takeOutgoingBytes();
            queuedBytes.addAndGet(close.length);
            outbound.add(new Outbound.Bytes(close));
            // The writer is likely blocked on that peer and may never reach the Close: bound the wait.
            closeTimer.arm();
            return;
        }
        outbound.add(new Outbound.Bytes(bytes));
    }

    private void noteState() {
        ConnectionState now = connection.state();
        if (now != lastState) {
            lastState = now;
            if (now != ConnectionState.OPEN) {
                violationHeld = false; // a violation is held only while OPEN
            }
            observer.stateChanged(this, now, "");
        }
    }

    private void dispatch(List<Event> events) {
        for (Event event : events) {
            observer.event(this, event);
            switch (event) {
                case Event.TextMessage text -> deliver(new Message.Text(text.text()));
                case Event.BinaryMessage binary -> deliver(new Message.Binary(binary.data()));
                case Event.PongReceived pong -> heartbeat.pongReceived(pong.payload());
                case Event.CloseReceived close -> closeTimer.arm();
                case Event.Failed failed -> violationFound();
                case Event.Closed closedNow -> connectionClosed(closedNow);
                default -> {
                    // Ping (already answered), handshake events: nothing to do.
                }
            }
        }
    }

    private void deliver(Message message) {
        unanswered.incrementAndGet();
        try {
            // Blocks the reader when the application is slow: TCP pushes back.
            inbound.put(new Inbound.Received(message));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The peer broke a rule. If the connection holds the violation (it was OPEN), its Close goes out once
     * every message before it is answered: now, if none waits; else when the application asks for the
     * next message after the last of them, or closes, or when the close timer expires.
     */
    private void violationFound() {
        if (state() != ConnectionState.OPEN) {
            return; // failed at once (we had sent our Close already): nothing waits
        }
        violationHeld = true;
        if (unanswered.get() == 0) {
            failHeldViolation();
        } else {
            closeTimer.arm();
        }
    }

    private void failHeldViolation() {
        violationHeld = false;
        withConnection(connection::failHeldViolation);
        closeTimer.restart(); // the held Close went out just now: its closing handshake gets the whole timeout
    }

    /**
     * The close timer's action. A held violation waited long enough for the application's answers: its
     * Close goes now, and the timer runs once more for the end of the connection. Otherwise the
     * connection did not end in time: it is dropped.
     */
    private void closeTimerExpired() {
        if (violationHeld) {
            failHeldViolation();
        } else if (!closed.isDone()) {
            // Not only while CLOSING: a CLOSED connection whose writer is stuck on a peer that stopped
            // reading has not ended either, until its socket is closed.
            abort("the connection did not end within " + options.closeTimeout().toMillis()
                    + " ms of the closing handshake's start");
        }
    }

    private void connectionClosed(Event.Closed event) {
        closedEvent = event;
        outbound.add(new Outbound.End());
    }

    // ---------------------------------------------------------------- the reader and the writer

    private void readLoop() {
        byte[] buffer = new byte[READ_BUFFER_SIZE];
        try (InputStream in = socket.getInputStream()) {
            if (!options.idleTimeout().isZero()) {
                socket.setSoTimeout((int) options.idleTimeout().toMillis());
            }
            while (true) {
                int count;
                try {
                    count = in.read(buffer);
                } catch (SocketTimeoutException idle) {
                    close(CloseStatus.of(CloseCode.GOING_AWAY, "idle timeout"));
                    continue;
                }
                if (count < 0) {
                    withConnection(connection::receiveEof);
                    break;
                }
                observer.bytes(this, Direction.INBOUND, buffer, 0, count);
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, count);
                withConnection(() -> connection.receive(bytes));
            }
        } catch (IOException | RuntimeException e) {
            // The socket was closed (by us, after the closing handshake or an abort) or broke; or a bug
            // threw: either way the connection ends as 1006 and releases its codec (Deflater, Inflater).
            withConnection(connection::receiveEof);
        } finally {
            Closeables.closeQuietly(socket);
            closeTimer.stop();
            inbound.offer(new Inbound.End());
            outbound.add(new Outbound.End());
            closed.complete(closedEvent != null ? closedEvent
                    : new Event.Closed(CloseStatus.ABNORMAL, CloseStatus.ABNORMAL, false));
        }
    }

    private void writeLoop() {
        try {
            OutputStream out = socket.getOutputStream();
            // Bytes until the End: nothing is written after it.
            while (outbound.take() instanceof Outbound.Bytes(byte[] bytes)) {
                // Observed before the write: after it, the peer's answer could be observed first.
                observer.bytes(this, Direction.OUTBOUND, bytes, 0, bytes.length);
                out.write(bytes);
                out.flush();
                queuedBytes.addAndGet(-bytes.length);
            }
            out.flush();
            // tag::tcp-close[]
            // RFC 6455 §7.1.1: after the closing handshake the server closes TCP first, so that the server,
            // not the client, holds the TIME_WAIT state.
            if (connection.role() == Role.CLIENT) {
                // The client waits for the server's FIN (the reader sees the end of the stream); only a
                // server that never closes makes it close first, after the close timeout.
                awaitReaderEnd(options.closeTimeout());
            } else {
                // Half-closing (FIN after our last frame), then reading until the client closes too, avoids
                // a reset that could destroy our Close frame before the client reads it.
                socket.shutdownOutput();
                awaitReaderEnd(options.closeTimeout());
            }
            Closeables.closeQuietly(socket);
            // end::tcp-close[]
        } catch (IOException e) {
            Closeables.closeQuietly(socket);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReaderEnd(Duration timeout) throws InterruptedException {
        try {
            closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // the peer did not close in time: the socket is closed anyway
        }
    }
}
