package dev.wslab.conformance.wire;

import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameDecoder;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.frame.Opcode;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * WireWriter puts the suite's bytes on the wire: what a case writes (whole, in chops, or as a flood) and
 * the suite's replies to the server's Pings and Close frames. One thread writes at a time: it takes the
 * right to write from the {@link WireState}.
 *
 * <p>A reply is sent at once when the suite is between frames; else it is held until the frame the case
 * is writing in pieces is complete: a frame written into the middle of another would be garbage to the
 * server (a defect of Autobahn's 6.4.x, issue #47). To know where the frames end, the writer follows the
 * frames in what it writes.
 */
final class WireWriter {

    private final OutputStream out;
    private final WireLog log;
    private final WireState state;
    /** Closes the connection: the one way to end a write the server no longer reads. */
    private final Closeable connection;
    private final MaskingKeySource maskingKeys = MaskingKeySource.secure();

    // Touched only by the thread that has the right to write.
    private final FrameDecoder sentFrames = new FrameDecoder();
    private boolean sentBytesNotFrames;
    private final List<Frame> heldReplies = new ArrayList<>();

    /** The role the suite plays: a client masks every frame (§5.3), a server masks none (§5.1). */
    private final dev.wslab.protocol.Role suiteRole;

    WireWriter(OutputStream out, WireLog log, WireState state, Closeable connection) {
        this(out, log, state, connection, dev.wslab.protocol.Role.CLIENT);
    }

    WireWriter(OutputStream out, WireLog log, WireState state, Closeable connection, dev.wslab.protocol.Role suiteRole) {
        this.suiteRole = suiteRole;
        this.out = out;
        this.log = log;
        this.state = state;
        this.connection = connection;
    }

    /** Writes bytes in one write, logged with {@code text}. */
    void write(byte[] bytes, String text) throws IOException {
        state.startWriting();
        try {
            out.write(bytes);
            out.flush();
            log.add(WireLog.Direction.SENT, text, bytes);
            follow(bytes);
            sendHeldReplies();
        } finally {
            state.endWriting();
        }
    }

    /** Writes bytes in pieces of at most {@code chopSize}, each its own write. */
    void writeChopped(byte[] bytes, int chopSize, String text) throws IOException {
        state.startWriting();
        try {
            log.note(text + " (written in " + chopSize + "-byte chops)");
            for (int from = 0; from < bytes.length; from += chopSize) {
                byte[] piece = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + chopSize));
                out.write(piece);
                out.flush();
                log.add(WireLog.Direction.SENT, "chop", piece);
                follow(piece);
            }
            sendHeldReplies();
        } finally {
            state.endWriting();
        }
    }

    /** Sends one frame, masked with a fresh key unless it is masked already, as a client must (§5.3). */
    void send(Frame frame) throws IOException {
        state.startWriting();
        try {
            writeFrame(frame);
            sendHeldReplies();
        } finally {
            state.endWriting();
        }
    }

    /** Returns a fresh masking key, for cases that encode frames themselves. */
    int nextMaskingKey() {
        return maskingKeys.nextKey();
    }

    /**
     * Writes whole frames of a flood, without logging each byte (the caller notes what it sent). When the
     * write has not finished after {@code limit}, the server has stopped reading (TCP backpressure): the
     * suite closes the connection, which ends the blocked write, and returns false.
     */
    boolean writeFlood(byte[] frames, Duration limit) throws IOException {
        AtomicBoolean done = new AtomicBoolean();
        AtomicBoolean blocked = new AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(limit);
                if (!done.get()) {
                    blocked.set(true);
                    log.note("a write blocked for " + limit.toMillis() + " ms: the server stopped reading (TCP"
                            + " backpressure); the suite closes the connection");
                    connection.close();
                }
            } catch (InterruptedException | IOException e) {
                // the write finished first
            }
        });
        state.startWriting();
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
            state.endWriting();
        }
    }

    /**
     * Answers the server's Pings and its Close, as any client would, unless the case muted the suite or
     * the suite has sent its Close already (§5.5.1).
     */
    void answer(List<Event> judged) {
        if (state.isMuted()) {
            return;
        }
        try {
            for (Event event : judged) {
                if (event instanceof Event.PingReceived ping && !state.isCloseSent()) {
                    reply(Frame.pong(ping.payload()));
                } else if (event instanceof Event.CloseReceived close && !state.isCloseSent()) {
                    // RFC 6455 §5.5.1: answer a Close with a Close, typically echoing the code.
                    reply(Frame.close(close.status().equals(CloseStatus.NO_STATUS)
                            ? CloseStatus.NO_STATUS : CloseStatus.of(close.status().code())));
                }
            }
        } catch (IOException e) {
            log.note("could not reply: " + e.getMessage());
        }
    }

    /** Sends a reply now if the suite is between frames, else holds it for the end of the frame. */
    private void reply(Frame reply) throws IOException {
        state.startWriting();
        try {
            if (state.isCloseSent()) {
                return; // the case's Close went out while this reply waited for its turn (§5.5.1)
            }
            if (isBetweenFrames()) {
                writeFrame(reply);
                sendHeldReplies();
            } else {
                heldReplies.add(reply);
                log.note("reply held back until the frame being sent is complete: " + reply);
            }
        } finally {
            state.endWriting();
        }
    }

    /** Sends the held replies, while the suite is between frames; the caller has the right to write. */
    private void sendHeldReplies() throws IOException {
        while (!heldReplies.isEmpty() && isBetweenFrames()) {
            writeFrame(heldReplies.removeFirst());
        }
    }

    /** Writes one frame, masked unless it is masked already; the caller has the right to write. */
    private void writeFrame(Frame frame) throws IOException {
        Frame masked = frame.masked() || suiteRole == dev.wslab.protocol.Role.SERVER
                ? frame : frame.maskedWith(nextMaskingKey());
        byte[] bytes = FrameEncoder.encode(masked);
        out.write(bytes);
        out.flush();
        log.add(WireLog.Direction.SENT, masked.toString(), bytes, 1);
        follow(bytes);
        if (frame.opcode() == Opcode.CLOSE.code()) {
            state.closeSent();
        }
    }

    /** Follows the frames in what the suite writes, to know whether it is between two frames. */
    private void follow(byte[] bytes) {
        if (sentBytesNotFrames) {
            return;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            while (sentFrames.next(in) != null) {
                // only the position matters
            }
        } catch (ProtocolViolationException e) {
            sentBytesNotFrames = true; // a case sent bytes that are not frames on purpose
        }
    }

    private boolean isBetweenFrames() {
        return sentBytesNotFrames || sentFrames.isAtFrameBoundary();
    }
}
