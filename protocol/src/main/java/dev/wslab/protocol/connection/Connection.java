package dev.wslab.protocol.connection;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.Violation;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.deflate.AgreedDeflate;
import dev.wslab.protocol.deflate.DeflateTotals;
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
import java.util.Objects;
import java.util.Optional;

/**
 * Connection is one end of a WebSocket connection, without I/O (sans-I/O): bytes in, events and bytes
 * out. It enforces every rule of RFC 6455 that applies once the connection is open, answers Pings and
 * Close frames itself, and fails the connection with the right close code when the peer breaks a rule.
 *
 * <p>It starts {@link ConnectionState#OPEN}: the opening handshake (§4) is done before it exists, by
 * {@link ClientOpening} or {@link ServerOpening}, which hand it the bytes that followed the handshake. The
 * caller owns the socket and the clock:
 * <ol>
 *   <li>give it what the socket read, with {@link #receive(ByteBuffer)} (or {@link #receiveEof()} when the
 *       peer closed the transport);</li>
 *   <li>act on {@link #takeEvents()};</li>
 *   <li>write {@link #takeOutgoingBytes()} to the socket, after every call that may produce bytes;</li>
 *   <li>close the socket once {@link #state()} is {@link ConnectionState#CLOSED}. A server closes it at
 *       once; a client should first wait a little for the server to close it (§7.1.1).</li>
 * </ol>
 * Timeouts (close handshake, heartbeats) belong to the caller. Not thread-safe: one thread at a time.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6455#section-5">RFC 6455 §5 Data Framing</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6455#section-7">RFC 6455 §7 Closing the Connection</a>
 */
public final class Connection {

    private final Role role;
    private final FrameSender sender;
    private final FrameDecoder decoder = new FrameDecoder();
    private final Compression compression;
    private final MessageAssembler assembler;
    private final List<Event> events = new ArrayList<>();

    private ConnectionState state;
    /** The opcode of the frame whose payload is arriving. */
    private Opcode currentOpcode;
    private final ByteArrayOutputStream controlPayload = new ByteArrayOutputStream(FrameHeader.MAX_7_BIT_LENGTH);
    private CloseStatus closeReceived;
    private CloseStatus closeSent;
    /** Whether a violation waits for {@link #failHeldViolation()} before its Close; see {@link #holdViolations()}. */
    private boolean holdViolations;
    /** The peer's violation whose Close frame waits for the application (reading has stopped). */
    private Violation heldViolation;

    private Connection(Role role, Limits limits, MaskingKeySource maskingKeys, Optional<AgreedDeflate> deflate) {
        this.role = Objects.requireNonNull(role, "role");
        this.sender = new FrameSender(role, maskingKeys);
        this.compression = new Compression(role, deflate);
        this.assembler = new MessageAssembler(Objects.requireNonNull(limits, "limits").maxMessageSize(), compression);
        this.state = ConnectionState.OPEN;
    }

    /**
     * Returns a connection whose opening handshake the caller did, e.g. to judge frames alone: OPEN, with no
     * {@link Event.Opened}. A client's frames are masked with keys from {@code maskingKeys}.
     */
    public static Connection open(Role role, Limits limits, MaskingKeySource maskingKeys) {
        return new Connection(role, limits, maskingKeys, Optional.empty());
    }

    /** Returns an open connection, like {@link #open(Role, Limits, MaskingKeySource)}, with permessage-deflate agreed. */
    public static Connection open(Role role, Limits limits, MaskingKeySource maskingKeys, AgreedDeflate deflate) {
        return new Connection(role, limits, maskingKeys, Optional.of(deflate));
    }

    /**
     * Returns the connection that {@link ClientOpening} or {@link ServerOpening} just opened: it reports
     * {@link Event.Opened}, then the events of {@code bytesAfterHead}, the peer's frames that came with the
     * end of the head. It {@linkplain #holdViolations() holds} violations from the start, as a session does.
     */
    static Connection afterOpening(Role role, Limits limits, MaskingKeySource maskingKeys, Optional<String> subprotocol,
                                   Optional<AgreedDeflate> deflate, ByteBuffer bytesAfterHead) {
        Connection connection = new Connection(role, limits, maskingKeys, deflate);
        connection.holdViolations();
        connection.events.add(new Event.Opened(subprotocol));
        connection.receive(bytesAfterHead);
        return connection;
    }

    /** Returns this endpoint's role. */
    public Role role() {
        return role;
    }

    /**
     * Returns the messages permessage-deflate compressed and inflated so far, with their bytes before and after;
     * {@link DeflateTotals#NONE} when it was not agreed.
     */
    public DeflateTotals deflateTotals() {
        return compression.totals();
    }

    /** Returns where the connection is in its life. */
    public ConnectionState state() {
        return state;
    }

    /**
     * Takes bytes read from the network, all of them. Afterwards, take the events and the outgoing bytes.
     * Bytes that arrive after the connection is {@link ConnectionState#CLOSED} are ignored (§7.1.7: after
     * failing, "MUST NOT continue to attempt to process data").
     */
    public void receive(ByteBuffer bytes) {
        try {
            FramePart part;
            while (state != ConnectionState.CLOSED && heldViolation == null && (part = decoder.next(bytes)) != null) {
                receive(part);
            }
        } catch (ProtocolViolationException e) {
            failConnection(e.violation());
        }
        bytes.position(bytes.limit());
    }

    /**
     * Takes one part of a frame the caller decoded with a {@link FrameDecoder}, to look at the frames too
     * (the conformance suite logs each one). Use this or {@link #receive(ByteBuffer)}, never both.
     */
    public void receive(FramePart part) {
        if (state == ConnectionState.CLOSED || heldViolation != null) {
            return; // §7.1.7: after failing, "MUST NOT continue to attempt to process data"
        }
        try {
            switch (part) {
                case FrameHeader header -> startFrame(header);
                case PayloadChunk chunk -> continueFrame(chunk);
            }
        } catch (ProtocolViolationException e) {
            failConnection(e.violation());
        }
    }

    /** Takes bytes read from the network. */
    public void receive(byte[] bytes) {
        receive(ByteBuffer.wrap(bytes));
    }

    // tag::receive-eof[]
    /**
     * Tells the connection that the peer closed the transport (the socket read returned end of stream).
     * Unless the closing handshake had completed, the connection was closed abnormally: 1006 (§7.1.5).
     */
    public void receiveEof() {
        failHeldViolation();
        if (state != ConnectionState.CLOSED) {
            enterClosed();
        }
    }
    // end::receive-eof[]

    private void startFrame(FrameHeader header) {
        // tag::reserved-checks[]
        // The checks follow the order of the header's fields (§5.2), and all come before the payload.
        // RFC 6455 §5.2: "MUST be 0 unless an extension is negotiated that defines meanings".
        if (compression.forbids(header)) {
            throw new ProtocolViolationException(Rule.RESERVED_BITS_SET, header.toString());
        }
        Opcode opcode = Opcode.of(header.opcode()).orElseThrow(() -> new ProtocolViolationException(
                Rule.RESERVED_OPCODE, String.format("opcode 0x%X", header.opcode())));
        // end::reserved-checks[]
        boolean compressed = compression.startsCompressedMessage(header, opcode);
        // tag::control-checks[]
        if (opcode.isControl()) {
            // RFC 6455 §5.5: "Control frames themselves MUST NOT be fragmented."
            if (!header.fin()) {
                throw new ProtocolViolationException(Rule.FRAGMENTED_CONTROL_FRAME, opcode.name());
            }
            if (header.payloadLength() > FrameHeader.MAX_7_BIT_LENGTH) {
                throw new ProtocolViolationException(Rule.CONTROL_FRAME_TOO_LONG,
                        opcode + " of " + header.payloadLength() + " bytes");
            }
        }
        // end::control-checks[]
        // tag::mask-check[]
        // RFC 6455 §5.1: a server MUST close the connection on an unmasked frame; a client on a masked one.
        if (role == Role.SERVER && !header.masked()) {
            throw new ProtocolViolationException(Rule.UNMASKED_CLIENT_FRAME, opcode.name());
        }
        if (role == Role.CLIENT && header.masked()) {
            throw new ProtocolViolationException(Rule.MASKED_SERVER_FRAME, opcode.name());
        }
        // end::mask-check[]
        if (!opcode.isControl()) {
            assembler.startFrame(header, opcode, compressed);
        }
        currentOpcode = opcode;
        controlPayload.reset();
    }

    private void continueFrame(PayloadChunk chunk) {
        if (!currentOpcode.isControl()) {
            Event message = assembler.takeChunk(chunk);
            if (message != null) {
                events.add(message);
            }
        } else {
            controlPayload.writeBytes(chunk.bytes());
            if (chunk.endOfFrame()) {
                handleControlFrame(currentOpcode, Payload.of(controlPayload.toByteArray()));
            }
        }
    }

    // tag::control-frames[]
    /** Handles a whole control frame: a Ping, a Pong, or else a Close, the three of §5.5. */
    private void handleControlFrame(Opcode opcode, Payload payload) {
        if (opcode == Opcode.PING) {
            events.add(new Event.PingReceived(payload));
            // RFC 6455 §5.5.2: "Upon receipt of a Ping frame, an endpoint MUST send a Pong frame in
            // response ... with identical Application data". Not after our Close (§5.5.1).
            if (state == ConnectionState.OPEN) {
                sender.send(Frame.pong(payload));
            }
        } else if (opcode == Opcode.PONG) {
            events.add(new Event.PongReceived(payload));
        } else {
            handleClose(CloseStatus.parse(payload));
        }
    }
    // end::control-frames[]

    // tag::close-reply[]
    private void handleClose(CloseStatus status) {
        closeReceived = status;
        events.add(new Event.CloseReceived(status));
        if (closeSent == null) {
            // RFC 6455 §5.5.1: "the endpoint MUST send a Close frame in response ... It typically echos
            // the status code it received." An empty Close is answered with an empty one.
            sendClose(status.equals(CloseStatus.NO_STATUS) ? CloseStatus.NO_STATUS : CloseStatus.of(status.code()));
        }
        enterClosed();
    }
    // end::close-reply[]

    /** Sends a text message in one frame. */
    public void sendText(String text) {
        requireOpen("send a text message");
        sender.send(compression.dataFrame(Opcode.TEXT, Payload.utf8(text)));
    }

    /** Sends a binary message in one frame. */
    public void sendBinary(Payload data) {
        requireOpen("send a binary message");
        sender.send(compression.dataFrame(Opcode.BINARY, data));
    }

    // tag::send-ping[]
    /** Sends a Ping; the peer must answer with a Pong carrying the same payload (at most 125 bytes). */
    public void sendPing(Payload payload) {
        requireOpen("send a Ping");
        FrameSender.requireControlPayload(payload);
        sender.send(Frame.ping(payload));
    }
    // end::send-ping[]

    /** Sends an unsolicited Pong, a one-way heartbeat (§5.5.3). */
    public void sendPong(Payload payload) {
        requireOpen("send a Pong");
        FrameSender.requireControlPayload(payload);
        sender.send(Frame.pong(payload));
    }

    // tag::close-start[]
    /**
     * Starts the closing handshake (§7.1.2): sends a Close frame and waits for the peer's. Does nothing
     * when a Close frame was already sent or the connection is closed.
     *
     * @throws IllegalArgumentException when the status may not be sent (§7.4.2) or its reason is too long
     */
    public void close(CloseStatus status) {
        if (heldViolation != null) {
            failHeldViolation(); // the peer broke a rule: its close code, not the application's, goes out
        } else if (state == ConnectionState.OPEN) {
            sendClose(status);
        }
    }
    // end::close-start[]

    /**
     * Fails the connection (§7.1.7) for a reason of the application's, e.g. 1008 or 1011: sends a Close if
     * none was sent and enters {@link ConnectionState#CLOSED} without waiting for the peer's.
     */
    public void fail(CloseStatus status) {
        heldViolation = null;
        if (state == ConnectionState.OPEN) {
            sendClose(status);
        }
        if (state != ConnectionState.CLOSED) {
            enterClosed();
        }
    }

    /** Returns the events since the last call, oldest first. */
    public List<Event> takeEvents() {
        List<Event> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    /** Returns the bytes to write to the network since the last call; empty when there are none. */
    public byte[] takeOutgoingBytes() {
        return sender.takeBytes();
    }

    // tag::fail-connection[]
    private void failConnection(Violation violation) {
        events.add(new Event.Failed(violation));
        if (holdViolations && state == ConnectionState.OPEN) {
            heldViolation = violation; // reading stops here; the Close waits for failHeldViolation()
            return;
        }
        sendFailingClose(violation);
    }

    private void sendFailingClose(Violation violation) {
        // RFC 6455 §7.1.7: "the endpoint SHOULD send a Close frame with an appropriate status code".
        if (closeSent == null) {
            sendClose(violation.closeStatus());
        }
        enterClosed();
    }
    // end::fail-connection[]

    /**
     * Lets the application answer the messages that came before a peer's violation: from now on a violation
     * while OPEN stops reading and is reported at once ({@link Event.Failed}), but its Close, and CLOSED, wait
     * for {@link #failHeldViolation()}, {@link #close} or the end of the transport. §7.1.7 forbids processing
     * more of the peer's data, not answering an earlier, valid message before the Close.
     */
    public void holdViolations() {
        holdViolations = true;
    }

    /** Fails the connection for the held violation, if there is one: sends its Close and enters CLOSED. */
    public void failHeldViolation() {
        Violation violation = heldViolation;
        if (violation != null) {
            heldViolation = null;
            sendFailingClose(violation);
        }
    }

    // tag::send-close[]
    private void sendClose(CloseStatus status) {
        sender.send(Frame.close(status));
        closeSent = status;
        if (state == ConnectionState.OPEN) {
            state = ConnectionState.CLOSING;
        }
    }
    // end::send-close[]

    // tag::enter-closed[]
    private void enterClosed() {
        state = ConnectionState.CLOSED;
        compression.close();
        CloseStatus received = closeReceived != null ? closeReceived : CloseStatus.ABNORMAL;
        CloseStatus sent = closeSent != null ? closeSent : CloseStatus.ABNORMAL;
        events.add(new Event.Closed(received, sent, closeReceived != null && closeSent != null));
    }
    // end::enter-closed[]

    private void requireOpen(String action) {
        if (state != ConnectionState.OPEN) {
            throw new IllegalStateException("cannot " + action + " in state " + state
                    + (closeSent != null ? ": a Close frame was already sent (RFC 6455 §5.5.1)" : ""));
        }
    }
}
