package dev.wslab.conformance.wire;

import dev.wslab.conformance.Observed;
import dev.wslab.conformance.RequestDelivery;
import dev.wslab.protocol.Limits;
import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.Violation;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Connection;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.FrameReader;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.protocol.handshake.ClientHandshake;
import dev.wslab.protocol.handshake.ClientHandshakeResult;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.handshake.WebSocketUri;
import dev.wslab.protocol.http.HttpHeadException;
import dev.wslab.protocol.http.HttpHeadParser;
import dev.wslab.protocol.http.HttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * WireConnection is the suite's raw client: it performs an ordinary opening handshake, then writes any
 * bytes a case asks for (broken frames, writes split at chosen points) and records everything in a
 * {@link WireLog}.
 *
 * <p>What the server sends is judged by the protocol core itself: a client-side {@link Connection}
 * reads the server's bytes, so a server that sends a masked frame, invalid UTF-8 or a bad close code is
 * caught by the same rules wslab's own client obeys. Its replies are not sent: the suite answers Pings
 * and Close frames itself, so that cases control exactly what goes on the wire.
 */
public final class WireConnection implements AutoCloseable {

    private static final int READ_BUFFER_SIZE = 64 * 1024;
    private static final long MAX_MESSAGE = 64L << 20;

    private final Socket socket;
    private final OutputStream out;
    private final WireLog log;
    private final MaskingKeySource maskingKeys = MaskingKeySource.secure();
    private final Connection judge = Connection.open(Role.CLIENT, Limits.DEFAULTS.withMaxMessageSize(MAX_MESSAGE),
            MaskingKeySource.fixed(0));
    private final FrameReader frameLog = new FrameReader(MAX_MESSAGE);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ReentrantLock writeLock = new ReentrantLock();

    private final List<Observed> events = new ArrayList<>();
    private Optional<CloseStatus> closeReceived = Optional.empty();
    private Optional<Violation> serverViolation = Optional.empty();
    private Optional<String> controlFrameAfterClose = Optional.empty();
    private boolean closeSent;
    private boolean tcpClosed;
    private boolean frameLogBroken;
    private boolean serverLeftTcpOpen;
    private final dev.wslab.protocol.frame.FrameDecoder sentFrames = new dev.wslab.protocol.frame.FrameDecoder();
    private boolean sentFramesUnreadable;
    private final List<Frame> heldReplies = new ArrayList<>();
    private boolean serverCloseFrameSeen;
    private boolean readingPaused;
    private boolean muted;

    private WireConnection(Socket socket, WireLog log) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.log = log;
    }

    /**
     * Connects to the target and performs the opening handshake (§4.1).
     *
     * @throws HandshakeFailedException when the server refuses or answers wrongly; the log shows the exchange
     */
    public static WireConnection open(Target target, WireLog log) throws IOException, HandshakeFailedException {
        HandshakeProbe probe = probe(target, UnaryOperator.identity(), new byte[0], log);
        return switch (probe.result()) {
            case HandshakeFailure failure -> {
                probe.close();
                throw new HandshakeFailedException("the opening handshake failed: " + failure.message());
            }
            case ClientHandshakeResult.Accepted accepted -> probe.connection().orElseThrow();
        };
    }

    /**
     * Sends an opening handshake request, edited by {@code editRequest} (to break a rule of §4.1 on
     * purpose) and followed by {@code afterHead} in the same write, and reads the server's answer. When
     * the answer accepts the unedited handshake, the connection stays open for frames.
     */
    public static HandshakeProbe probe(Target target, UnaryOperator<String> editRequest, byte[] afterHead, WireLog log)
            throws IOException {
        return probe(target, editRequest, afterHead, RequestDelivery.WHOLE, target.connectTimeout(), log);
    }

    /**
     * Like {@link #probe(Target, UnaryOperator, byte[], WireLog)}, with the request written as {@code delivery}
     * says. A trickled or silent request never completes: the suite waits up to {@code patience} for the
     * server to answer or close, and gives up then ({@link HandshakeProbe#suiteGaveUp()}).
     */
    public static HandshakeProbe probe(Target target, UnaryOperator<String> editRequest, byte[] afterHead,
                                       RequestDelivery delivery, Duration patience, WireLog log) throws IOException {
        WebSocketUri uri = WebSocketUri.parse(target.uri());
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(uri.host(), uri.port()), (int) target.connectTimeout().toMillis());
            socket.setTcpNoDelay(true);
            if (target.secure()) {
                socket = target.tlsContext().getSocketFactory().createSocket(socket, uri.host(), uri.port(), true);
                ((javax.net.ssl.SSLSocket) socket).startHandshake();
            }
            WireConnection connection = new WireConnection(socket, log);
            ClientHandshake handshake = ClientHandshake.create(target.uri(), target.handshake(), new SecureRandom());
            String head = new String(handshake.request().toBytes(), StandardCharsets.ISO_8859_1);
            byte[] request = editRequest.apply(head).getBytes(StandardCharsets.ISO_8859_1);
            return switch (delivery) {
                case RequestDelivery.Whole whole -> {
                    connection.sendRequest(request, afterHead, request.length);
                    yield connection.readResponse(handshake, target.connectTimeout(), target.connectTimeout(), () -> { });
                }
                case RequestDelivery.Chopped chopped -> {
                    connection.sendRequest(request, afterHead, chopped.size());
                    yield connection.readResponse(handshake, target.connectTimeout(), target.connectTimeout(), () -> { });
                }
                case RequestDelivery.Trickled trickled -> {
                    Trickle trickle = connection.new Trickle(editRequest.apply(head));
                    trickle.next();
                    yield connection.readResponse(handshake, patience, trickled.interval(), trickle::next);
                }
                case RequestDelivery.Silent silent -> {
                    log.note("the suite sends nothing and waits up to " + patience.toMillis() + " ms");
                    yield connection.readResponse(handshake, patience, patience, () -> { });
                }
            };
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Writes the request and what follows it, in writes of {@code chop} bytes. */
    private void sendRequest(byte[] request, byte[] afterHead, int chop) {
        log.add(WireLog.Direction.SENT, "opening handshake request" + (chop < request.length ? " (in " + chop
                + "-byte writes)" : "") + "\n" + new String(request, StandardCharsets.ISO_8859_1), request);
        byte[] all = Arrays.copyOf(request, request.length + afterHead.length);
        System.arraycopy(afterHead, 0, all, request.length, afterHead.length);
        if (afterHead.length > 0) {
            log.add(WireLog.Direction.SENT, "bytes right after the request, in the same write", afterHead);
        }
        try {
            for (int from = 0; from < all.length; from += chop) {
                out.write(all, from, Math.min(chop, all.length - from));
                out.flush();
            }
        } catch (IOException e) {
            // The server may refuse an abusive request before it has all of it, and answer anyway.
            log.note("the server stopped reading the request: " + e.getMessage());
        }
    }

    /** A request head sent one line per tick, never ending: the request line, its headers, then made-up ones. */
    private final class Trickle {
        private final String[] lines;
        private int sent;

        Trickle(String head) {
            this.lines = head.substring(0, head.length() - 4).split("\r\n");
        }

        void next() {
            String line = sent < lines.length ? lines[sent] : "X-Trickle-" + sent + ": " + sent;
            byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            sent++;
            try {
                out.write(bytes);
                out.flush();
                log.add(WireLog.Direction.SENT, "line " + sent + " of a request that never ends: " + line, bytes);
            } catch (IOException e) {
                log.note("could not send line " + sent + ": " + e.getMessage());
            }
        }
    }

    /**
     * Reads the answer to the request, for up to {@code patience}; every {@code tick} without an answer,
     * runs {@code onTick} (the next line of a trickled request).
     */
    private HandshakeProbe readResponse(ClientHandshake handshake, Duration patience, Duration tick, Runnable onTick)
            throws IOException {
        HttpHeadParser<HttpResponse> parser = HttpHeadParser.forResponse(Limits.DEFAULTS);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[READ_BUFFER_SIZE];
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        while (true) {
            int count;
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new java.net.SocketTimeoutException();
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), tick.toMillis())));
                count = in.read(buffer);
            } catch (java.net.SocketTimeoutException e) {
                if (System.nanoTime() - deadline < 0) {
                    onTick.run();
                    continue;
                }
                log.note("no answer and the connection still open after " + patience.toMillis() + " ms: the suite"
                        + " gives up and closes it");
                socket.close();
                return new HandshakeProbe(Optional.empty(), HandshakeFailure.closedBeforeResponse(), Optional.empty(), true);
            } catch (IOException e) {
                log.note("the connection ended before an answer, after " + millisSince(start) + " ms: " + e.getMessage());
                socket.close();
                return new HandshakeProbe(Optional.empty(), HandshakeFailure.closedBeforeResponse(), Optional.empty());
            }
            if (count < 0) {
                log.note("the server closed the connection before answering the handshake, after "
                        + millisSince(start) + " ms");
                socket.close();
                return new HandshakeProbe(Optional.empty(), HandshakeFailure.closedBeforeResponse(), Optional.empty());
            }
            ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, count);
            Optional<HttpResponse> response;
            try {
                response = parser.feed(bytes);
            } catch (HttpHeadException e) {
                log.add(WireLog.Direction.RECEIVED, "malformed handshake response", Arrays.copyOf(buffer, count));
                socket.close();
                return new HandshakeProbe(Optional.empty(), HandshakeFailure.malformed(e), Optional.empty());
            }
            if (response.isPresent()) {
                byte[] head = Arrays.copyOf(buffer, bytes.position());
                log.add(WireLog.Direction.RECEIVED, "opening handshake response, after " + millisSince(start) + " ms\n"
                        + new String(head, StandardCharsets.ISO_8859_1), head);
                ClientHandshakeResult result = handshake.validate(response.get());
                if (result instanceof ClientHandshakeResult.Accepted) {
                    socket.setSoTimeout(0);
                    startReader(ByteBuffer.wrap(Arrays.copyOfRange(buffer, bytes.position(), count)));
                    return new HandshakeProbe(response, result, Optional.of(this));
                }
                socket.close();
                return new HandshakeProbe(response, result, Optional.empty());
            }
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    // ---------------------------------------------------------------- writing

    /** Writes bytes in one write, logged with {@code text}. */
    public void write(byte[] bytes, String text) throws IOException {
        writeLock.lock();
        try {
            out.write(bytes);
            out.flush();
            log.add(WireLog.Direction.SENT, text, bytes);
            trackSent(bytes);
            sendHeldReplies();
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes bytes in pieces of at most {@code chopSize}, each its own write. */
    public void writeChopped(byte[] bytes, int chopSize, String text) throws IOException {
        writeLock.lock();
        try {
            log.note(text + " (written in " + chopSize + "-byte chops)");
            for (int from = 0; from < bytes.length; from += chopSize) {
                byte[] piece = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + chopSize));
                out.write(piece);
                out.flush();
                log.add(WireLog.Direction.SENT, "chop", piece);
                trackSent(piece);
            }
            sendHeldReplies();
        } finally {
            writeLock.unlock();
        }
    }

    /** Sends one frame, masked with a fresh key unless it is masked already, as a client must (§5.3). */
    public void send(Frame frame) throws IOException {
        Frame masked = frame.masked() ? frame : frame.maskedWith(maskingKeys.nextKey());
        write(FrameEncoder.encode(masked), masked.toString());
        if (frame.opcode() == 0x8) {
            lock.lock();
            try {
                closeSent = true;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Records that the server did not close TCP in time after the closing handshake. */
    public void noteServerLeftTcpOpen() {
        lock.lock();
        try {
            serverLeftTcpOpen = true;
        } finally {
            lock.unlock();
        }
    }

    /** Records that a Close frame went out as part of raw bytes written by a case. */
    public void noteCloseSent() {
        lock.lock();
        try {
            closeSent = true;
        } finally {
            lock.unlock();
        }
    }

    /** Returns a fresh masking key, for cases that encode frames themselves. */
    public int nextMaskingKey() {
        return maskingKeys.nextKey();
    }

    /**
     * Records a marker among the observed events, unless the server has already closed: a marker tells
     * how far the case had come when the server reacted.
     */
    public void mark(String name) {
        lock.lock();
        try {
            if (closeReceived.isPresent() || tcpClosed) {
                log.note("marker " + name + " not set: the server had already closed");
                return;
            }
            events.add(new Observed.Marker(name));
            log.note("marker " + name);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes whole frames of a flood, without logging each byte (the caller notes what it sent). When the
     * write has not finished after {@code limit}, the server has stopped reading (TCP backpressure): the
     * suite closes the connection, which ends the blocked write, and returns false.
     */
    public boolean writeFlood(byte[] frames, Duration limit) throws IOException {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean blocked = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(limit);
                if (!done.get()) {
                    blocked.set(true);
                    log.note("a write blocked for " + limit.toMillis() + " ms: the server stopped reading (TCP"
                            + " backpressure); the suite closes the connection");
                    close();
                }
            } catch (InterruptedException | IOException e) {
                // the write finished first
            }
        });
        writeLock.lock();
        try {
            out.write(frames);
            out.flush();
            return true;
        } catch (IOException e) {
            if (blocked.get()) {
                return false;
            }
            throw e;
        } finally {
            done.set(true);
            watchdog.interrupt();
            writeLock.unlock();
        }
    }

    /**
     * Stops reading the socket (after the read in progress) until {@link #resumeReading()}: the server's
     * frames wait in TCP buffers, then in the server.
     */
    public void pauseReading() {
        setPaused(true);
        log.note("the suite stops reading");
    }

    /** Reads the socket again. */
    public void resumeReading() {
        setPaused(false);
        log.note("the suite reads again");
    }

    private void setPaused(boolean paused) {
        lock.lock();
        try {
            readingPaused = paused;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops answering the server's Pings and Close frames, as a dead peer would; reading goes on. */
    public void mute() {
        lock.lock();
        try {
            muted = true;
        } finally {
            lock.unlock();
        }
        log.note("the suite stops answering Pings and Close frames (a dead peer)");
    }

    // ---------------------------------------------------------------- reading

    private void startReader(ByteBuffer leftover) {
        Thread.ofVirtual().name("wire-reader").start(() -> {
            if (leftover.hasRemaining()) {
                received(leftover.array(), leftover.remaining());
            }
            byte[] buffer = new byte[READ_BUFFER_SIZE];
            try {
                InputStream in = socket.getInputStream();
                int count;
                while ((count = readUnlessPaused(in, buffer)) >= 0) {
                    received(buffer, count);
                }
                log.note("the server closed the TCP connection");
            } catch (IOException e) {
                log.note("the TCP connection ended: " + e.getMessage());
            }
            lock.lock();
            try {
                tcpClosed = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        });
    }

    /** Reads once reading is not paused; throws when the socket was closed meanwhile. */
    private int readUnlessPaused(InputStream in, byte[] buffer) throws IOException {
        lock.lock();
        try {
            while (readingPaused && !socket.isClosed()) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        if (socket.isClosed()) {
            throw new java.net.SocketException("the suite closed the connection");
        }
        return in.read(buffer);
    }

    private void received(byte[] buffer, int count) {
        byte[] bytes = Arrays.copyOf(buffer, count);
        logFrames(bytes);
        List<Event> judged;
        lock.lock();
        try {
            judge.receive(bytes);
            judge.takeOutgoingBytes(); // the suite sends its own replies
            judged = judge.takeEvents();
            for (Event event : judged) {
                switch (event) {
                    case Event.TextMessage text -> events.add(new Observed.Text(Payload.utf8(text.text())));
                    case Event.BinaryMessage binary -> events.add(new Observed.Binary(binary.data()));
                    case Event.PingReceived ping -> events.add(new Observed.Ping(ping.payload()));
                    case Event.PongReceived pong -> events.add(new Observed.Pong(pong.payload()));
                    case Event.CloseReceived close -> closeReceived = Optional.of(close.status());
                    case Event.Failed failed -> {
                        serverViolation = Optional.of(failed.violation());
                        log.note("the server broke a rule: " + failed.violation().message());
                    }
                    default -> {
                        // Opened, Closed and handshake events: nothing to observe
                    }
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        reply(judged);
    }

    /** Answers the server's Pings and its Close, as any client would. */
    private void reply(List<Event> judged) {
        lock.lock();
        try {
            if (muted) {
                return;
            }
        } finally {
            lock.unlock();
        }
        try {
            for (Event event : judged) {
                if (event instanceof Event.PingReceived ping && !isCloseSent()) {
                    replyWith(Frame.pong(ping.payload()));
                } else if (event instanceof Event.CloseReceived close && !isCloseSent()) {
                    // RFC 6455 §5.5.1: answer a Close with a Close, typically echoing the code.
                    replyWith(Frame.close(close.status().equals(CloseStatus.NO_STATUS)
                            ? CloseStatus.NO_STATUS : CloseStatus.of(close.status().code())));
                }
            }
        } catch (IOException e) {
            log.note("could not reply: " + e.getMessage());
        }
    }

    /**
     * Sends a reply at once when the suite is between frames; else holds it until the frame the case is
     * writing in pieces is complete: a frame written into the middle of another would be garbage to the
     * server (a defect of Autobahn's 6.4.x, issue #47).
     */
    private void replyWith(Frame reply) throws IOException {
        writeLock.lock();
        try {
            if (isBetweenFrames()) {
                send(reply);
            } else {
                heldReplies.add(reply);
                log.note("reply held back until the frame being sent is complete: " + reply);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void sendHeldReplies() throws IOException {
        while (!heldReplies.isEmpty() && isBetweenFrames()) {
            send(heldReplies.removeFirst());
        }
    }

    /** Follows the frames in what the suite writes, to know whether it is between two frames. */
    private void trackSent(byte[] bytes) {
        if (sentFramesUnreadable) {
            return;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            while (sentFrames.next(in) != null) {
                // only the position matters
            }
        } catch (ProtocolViolationException e) {
            sentFramesUnreadable = true; // a case sent bytes that are not frames on purpose
        }
    }

    private boolean isBetweenFrames() {
        return sentFramesUnreadable || sentFrames.isAtFrameBoundary();
    }

    private void logFrames(byte[] bytes) {
        if (frameLogBroken) {
            log.add(WireLog.Direction.RECEIVED, "bytes", bytes);
            return;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            List<String> frames = new ArrayList<>();
            Frame frame;
            while ((frame = frameLog.next(in)) != null) {
                frames.add(frame.toString());
                checkNothingAfterClose(frame);
            }
            log.add(WireLog.Direction.RECEIVED, frames.isEmpty() ? "part of a frame" : String.join("\n", frames), bytes);
        } catch (ProtocolViolationException e) {
            frameLogBroken = true;
            log.add(WireLog.Direction.RECEIVED, "bytes that are not frames: " + e.getMessage(), bytes);
        }
    }

    /**
     * The judging connection stops reading at the server's Close frame, as a receiver should; the suite
     * must still notice a server that goes on sending after it (§5.5.1, §1.4).
     */
    private void checkNothingAfterClose(Frame frame) {
        if (serverCloseFrameSeen && Opcode.isControl(frame.opcode())) {
            // RFC 6455 §5.5.1 forbids only data frames after a Close: a control frame is recorded, not a violation
            lock.lock();
            try {
                if (controlFrameAfterClose.isEmpty()) {
                    controlFrameAfterClose = Optional.of(frame.toString());
                    log.note("the server sent a control frame after its Close: " + frame);
                }
            } finally {
                lock.unlock();
            }
        } else if (serverCloseFrameSeen) {
            lock.lock();
            try {
                if (serverViolation.isEmpty()) {
                    serverViolation = Optional.of(new Violation(dev.wslab.protocol.Rule.FRAME_AFTER_CLOSE,
                            frame.toString()));
                    log.note("the server broke a rule: " + serverViolation.get().message());
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
        if (frame.opcode() == Opcode.CLOSE.code()) {
            serverCloseFrameSeen = true;
        }
    }

    // ---------------------------------------------------------------- waiting and observing

    /** Waits until at least {@code count} events were observed, the TCP connection ended, or the timeout. */
    public void awaitEvents(int count, Duration timeout) throws InterruptedException {
        awaitUntil(() -> eventCountWithoutMarkers() >= count || tcpClosed || serverViolation.isPresent(), timeout);
    }

    /** Waits until the server closed TCP, or the timeout; returns whether it did. */
    public boolean awaitTcpClosed(Duration timeout) throws InterruptedException {
        return awaitUntil(() -> tcpClosed, timeout);
    }

    /** Waits until the server's Close frame arrived or TCP ended, or the timeout; returns whether a Close came. */
    public boolean awaitClose(Duration timeout) throws InterruptedException {
        awaitUntil(() -> closeReceived.isPresent() || tcpClosed, timeout);
        return observation().closeReceived().isPresent();
    }

    /** Waits, under the lock, until {@code condition} holds or the timeout passes; returns whether it holds. */
    private boolean awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!condition.getAsBoolean()) {
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

    /** Counts the events a case waits for: not its own markers, nor the server's keepalive Pings (§5.5.2). */
    private int eventCountWithoutMarkers() {
        return (int) events.stream().filter(e -> !(e instanceof Observed.Marker) && !(e instanceof Observed.Ping)).count();
    }

    /** Returns what was observed so far. */
    public Observation observation() {
        lock.lock();
        try {
            return new Observation(List.copyOf(events), closeReceived, closeSent, tcpClosed, serverViolation,
                    serverLeftTcpOpen, controlFrameAfterClose);
        } finally {
            lock.unlock();
        }
    }

    private boolean isCloseSent() {
        lock.lock();
        try {
            return closeSent;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the TCP connection at once. */
    @Override
    public void close() throws IOException {
        socket.close();
        setPaused(false); // wakes a paused reader, which then sees the socket closed
    }

    /** Resets the TCP connection (RST, not FIN): a client that vanished in the middle of something. */
    public void abort() throws IOException {
        if (!socket.isClosed()) {
            socket.setSoLinger(true, 0);
        }
        close();
    }

    /** Half-closes: no more bytes from the suite, but the server's are still read. */
    public void shutdownOutput() throws IOException {
        if (!socket.isClosed()) {
            socket.shutdownOutput();
        }
    }

    /** Waits a moment for the reader to finish, after the socket was closed. */
    public static void pause(Duration duration) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }
}
