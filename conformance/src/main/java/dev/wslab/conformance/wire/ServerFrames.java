package dev.wslab.conformance.wire;

import dev.wslab.conformance.Observed;
import dev.wslab.protocol.Limits;
import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.Violation;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Connection;
import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.deflate.AgreedDeflate;
import dev.wslab.protocol.deflate.DeflateAgreement;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameDecoder;
import dev.wslab.protocol.frame.FrameHeader;
import dev.wslab.protocol.frame.FramePart;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.protocol.frame.PayloadChunk;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ServerFrames decodes what the server sends, once, and gives each decoded part to two readers: the
 * {@link WireLog}, which shows every whole frame, and a judge, which decides what the suite observed.
 *
 * <p>The judge is the protocol core itself: a client-side {@link Connection}, so a server that sends a
 * masked frame, invalid UTF-8 or a bad close code is caught by the same rules wslab's own client obeys.
 * Its replies are dropped: the suite answers Pings and Close frames itself ({@link WireWriter#answer}),
 * so that cases control exactly what goes on the wire.
 *
 * <p>The log is more tolerant than the judge, on purpose: a server under test may send anything, and the
 * suite must record what came. The judge stops at the first broken rule or at the server's Close, as a
 * receiver should; the log goes on showing frames until the bytes cannot be frames at all, and from then
 * on shows the raw bytes. A frame after the server's Close is a broken rule only the log can see.
 *
 * <p>Used by the reader's thread alone; what it observes goes into the shared {@link WireState}.
 */
final class ServerFrames {

    /** The largest message the suite accepts from a server, and the largest frame it shows whole. */
    static final long MAX_MESSAGE = 64L << 20;

    private final WireLog log;
    private final WireState state;
    private final FrameDecoder decoder = new FrameDecoder();
    private final Connection judge;

    /** The header of the frame being gathered for the log, or null between frames. */
    private FrameHeader header;
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
    private boolean notFrames;
    private boolean serverCloseFrameSeen;

    /**
     * @param deflate permessage-deflate as the handshake agreed it, if it did: the judge then inflates the
     *                server's compressed messages (RFC 7692 §6.2), while the log keeps the bytes as they came
     * @param suiteRole the role the suite plays; the peer's frames are judged by the other role's rules
     */
    ServerFrames(WireLog log, WireState state, Optional<DeflateAgreement> deflate) {
        this(log, state, deflate, Role.CLIENT);
    }

    ServerFrames(WireLog log, WireState state, Optional<DeflateAgreement> deflate, Role suiteRole) {
        this.log = log;
        this.state = state;
        Limits limits = Limits.DEFAULTS.withMaxMessageSize(MAX_MESSAGE);
        // The judge plays the suite's role: as the server (client mode) it requires masked frames (§5.1).
        this.judge = deflate.map(agreed -> Connection.open(suiteRole, limits, MaskingKeySource.fixed(0),
                        new AgreedDeflate(agreed, DeflateOptions.DEFAULTS)))
                .orElseGet(() -> Connection.open(suiteRole, limits, MaskingKeySource.fixed(0)));
    }

    /**
     * Takes bytes the server sent: logs them with the frames they complete, records what the judge
     * observed in them, and returns the judge's events, which the suite may answer.
     */
    List<Event> receive(byte[] bytes) {
        if (notFrames) {
            log.add(WireLog.Direction.RECEIVED, "bytes", bytes);
            return List.of();
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<String> frames = new ArrayList<>();
        Violation undecodable = null;
        try {
            FramePart part;
            while ((part = decoder.next(in)) != null) {
                judge.receive(part);
                Frame frame = gather(part);
                if (frame != null) {
                    frames.add(frame.toString());
                    checkNothingAfterClose(frame);
                }
            }
        } catch (ProtocolViolationException e) {
            undecodable = e.violation();
        }
        if (undecodable == null) {
            log.add(WireLog.Direction.RECEIVED, frames.isEmpty() ? "part of a frame" : String.join("\n", frames), bytes,
                    frames.size());
        } else {
            notFrames = true;
            log.add(WireLog.Direction.RECEIVED, "bytes that are not frames: " + undecodable.message(), bytes);
        }
        judge.takeOutgoingBytes(); // the suite sends its own replies
        List<Event> judged = judge.takeEvents();
        // The judge would have failed the connection at the same byte, had it decoded the bytes itself.
        observe(judged, undecodable != null && judge.state() != ConnectionState.CLOSED
                ? Optional.of(undecodable) : Optional.empty());
        return judged;
    }

    /** Adds a part to the frame being gathered for the log; returns the frame once it is whole. */
    private Frame gather(FramePart part) {
        switch (part) {
            case FrameHeader h -> {
                if (h.payloadLength() > MAX_MESSAGE) {
                    throw new ProtocolViolationException(Rule.MESSAGE_TOO_BIG,
                            "frame payload of " + h.payloadLength() + " bytes, limit " + MAX_MESSAGE);
                }
                header = h;
                payload.reset();
                return null;
            }
            case PayloadChunk chunk -> {
                payload.writeBytes(chunk.bytes());
                if (!chunk.endOfFrame()) {
                    return null;
                }
                Frame frame = new Frame(header.fin(), header.rsv1(), header.rsv2(), header.rsv3(), header.opcode(),
                        header.masked(), header.maskingKey(), Payload.of(payload.toByteArray()));
                header = null;
                return frame;
            }
        }
    }

    /**
     * The judge stops reading at the server's Close frame, as a receiver should; the suite must still
     * notice a server that goes on sending after it (§5.5.1, §1.4).
     */
    private void checkNothingAfterClose(Frame frame) {
        if (serverCloseFrameSeen && Opcode.isControl(frame.opcode())) {
            // RFC 6455 §5.5.1 forbids only data frames after a Close: a control frame is recorded, not a violation
            if (state.controlFrameAfterCloseFirst(frame.toString())) {
                log.note("the server sent a control frame after its Close: " + frame);
            }
        } else if (serverCloseFrameSeen) {
            Violation violation = new Violation(Rule.FRAME_AFTER_CLOSE, frame.toString());
            if (state.serverBrokeFirst(violation)) {
                log.note("the server broke a rule: " + violation.message());
            }
        }
        if (frame.opcode() == Opcode.CLOSE.code()) {
            serverCloseFrameSeen = true;
        }
    }

    /** Records what the judge's events say the server did. */
    private void observe(List<Event> judged, Optional<Violation> undecodable) {
        List<Observed> observed = new ArrayList<>();
        Optional<CloseStatus> close = Optional.empty();
        Optional<Violation> violation = undecodable;
        for (Event event : judged) {
            switch (event) {
                case Event.TextMessage text -> observed.add(new Observed.Text(Payload.utf8(text.text())));
                case Event.BinaryMessage binary -> observed.add(new Observed.Binary(binary.data()));
                case Event.PingReceived ping -> observed.add(new Observed.Ping(ping.payload()));
                case Event.PongReceived pong -> observed.add(new Observed.Pong(pong.payload()));
                case Event.CloseReceived received -> close = Optional.of(received.status());
                case Event.Failed failed -> violation = Optional.of(failed.violation());
                default -> {
                    // Opened, Closed and handshake events: nothing to observe
                }
            }
        }
        state.received(observed, close, violation);
        violation.ifPresent(broken -> log.note("the server broke a rule: " + broken.message()));
    }
}
