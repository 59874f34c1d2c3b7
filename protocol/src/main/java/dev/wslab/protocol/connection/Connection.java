package dev.wslab.protocol.connection;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.Violation;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameDecoder;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.FrameHeader;
import dev.wslab.protocol.frame.FramePart;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.protocol.frame.PayloadChunk;
import dev.wslab.protocol.handshake.ClientHandshake;
import dev.wslab.protocol.handshake.ClientHandshakeResult;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.handshake.HandshakeRejection;
import dev.wslab.protocol.handshake.ServerHandshakeResult;
import dev.wslab.protocol.http.HttpHeadException;
import dev.wslab.protocol.http.HttpHeadParser;
import dev.wslab.protocol.http.HttpRequest;
import dev.wslab.protocol.http.HttpResponse;

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
 * <p>It starts {@link ConnectionState#CONNECTING}: a client's first outgoing bytes are its handshake
 * request; a server reports the client's request as {@link Event.HandshakeRequested} and waits for the
 * application's {@link #respond}. The caller owns the socket and the clock:
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
    private final Limits limits;
    private final MaskingKeySource maskingKeys;
    private final FrameDecoder decoder = new FrameDecoder();
    private final MessageAssembler assembler;
    private final List<Event> events = new ArrayList<>();
    private final ByteArrayOutputStream outgoing = new ByteArrayOutputStream();

    private ConnectionState state;
    /** The opcode of the frame whose payload is arriving. */
    private Opcode currentOpcode;
    private final ByteArrayOutputStream controlPayload = new ByteArrayOutputStream(FrameHeader.MAX_7_BIT_LENGTH);
    private CloseStatus closeReceived;
    private CloseStatus closeSent;

    /** While CONNECTING: the client's handshake, whose response is awaited (client only). */
    private final ClientHandshake clientHandshake;
    /** While CONNECTING: the parser of the handshake head arriving (request or response). */
    private HttpHeadParser<?> headParser;
    /** A server's received request awaiting {@link #respond}, and the bytes that came after it. */
    private HttpRequest pendingRequest;
    private ByteBuffer bytesAfterRequest;

    private Connection(Role role, Limits limits, MaskingKeySource maskingKeys, ConnectionState initialState,
                       ClientHandshake clientHandshake) {
        this.role = Objects.requireNonNull(role, "role");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.maskingKeys = Objects.requireNonNull(maskingKeys, "maskingKeys");
        this.assembler = new MessageAssembler(limits.maxMessageSize());
        this.state = initialState;
        this.clientHandshake = clientHandshake;
    }

    /**
     * Returns a server connection, {@link ConnectionState#CONNECTING}: it reads the client's handshake
     * request, reports it as {@link Event.HandshakeRequested}, and waits for {@link #respond}.
     */
    public static Connection server(Limits limits) {
        Connection connection = new Connection(Role.SERVER, limits, MaskingKeySource.fixed(0),
                ConnectionState.CONNECTING, null);
        connection.headParser = HttpHeadParser.forRequest(limits);
        return connection;
    }

    /**
     * Returns a client connection, {@link ConnectionState#CONNECTING}, whose first outgoing bytes are the
     * handshake's request. It opens when the server's response passes {@link ClientHandshake#validate}.
     */
    public static Connection client(ClientHandshake handshake, Limits limits, MaskingKeySource maskingKeys) {
        Connection connection = new Connection(Role.CLIENT, limits, maskingKeys, ConnectionState.CONNECTING,
                Objects.requireNonNull(handshake, "handshake"));
        connection.headParser = HttpHeadParser.forResponse(limits);
        connection.outgoing.writeBytes(handshake.request().toBytes());
        return connection;
    }

    /**
     * Returns a connection whose opening handshake was already done by the caller: it starts
     * {@link ConnectionState#OPEN}. A client's frames are masked with keys from {@code maskingKeys}.
     */
    public static Connection open(Role role, Limits limits, MaskingKeySource maskingKeys) {
        return new Connection(role, limits, maskingKeys, ConnectionState.OPEN, null);
    }

    /** Returns this endpoint's role. */
    public Role role() {
        return role;
    }

    /** Returns where the connection is in its life. */
    public ConnectionState state() {
        return state;
    }

    // ---------------------------------------------------------------- bytes from the network

    /**
     * Takes bytes read from the network, all of them. Afterwards, take the events and the outgoing bytes.
     * Bytes that arrive after the connection is {@link ConnectionState#CLOSED} are ignored (§7.1.7: after
     * failing, "MUST NOT continue to attempt to process data").
     */
    public void receive(ByteBuffer bytes) {
        if (state == ConnectionState.CONNECTING) {
            receiveHandshake(bytes);
            if (state != ConnectionState.OPEN) {
                return;
            }
        }
        try {
            FramePart part;
            while (state != ConnectionState.CLOSED && (part = decoder.next(bytes)) != null) {
                receive(part);
            }
        } catch (ProtocolViolationException e) {
            failConnection(e.violation());
        }
        bytes.position(bytes.limit());
    }

    /**
     * Takes one part of a frame that the caller decoded itself with a {@link FrameDecoder}, for a caller
     * that also looks at the frames (the conformance suite logs every frame it judges). Use either this
     * or {@link #receive(ByteBuffer)} on a connection, never both. Parts that arrive after the connection
     * is {@link ConnectionState#CLOSED} are ignored, as bytes are.
     *
     * @throws IllegalStateException while the connection is {@link ConnectionState#CONNECTING}
     */
    public void receive(FramePart part) {
        if (state == ConnectionState.CONNECTING) {
            throw new IllegalStateException("frames come after the opening handshake");
        }
        if (state == ConnectionState.CLOSED) {
            return;
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
        if (state == ConnectionState.CONNECTING && role == Role.CLIENT) {
            events.add(new Event.HandshakeFailed(HandshakeFailure.closedBeforeResponse()));
        }
        if (state != ConnectionState.CLOSED) {
            enterClosed();
        }
    }
    // end::receive-eof[]

    // ---------------------------------------------------------------- the opening handshake (§4)

    private void receiveHandshake(ByteBuffer bytes) {
        if (pendingRequest != null) {
            throw new IllegalStateException("answer the handshake request with respond() before giving more bytes");
        }
        Object head;
        try {
            head = headParser.feed(bytes).orElse(null);
        } catch (HttpHeadException e) {
            if (role == Role.SERVER) {
                respond(HandshakeRejection.of(e));
            } else {
                failHandshake(HandshakeFailure.malformed(e));
            }
            bytes.position(bytes.limit());
            return;
        }
        switch (head) {
            case null -> { }
            case HttpRequest request -> {
                pendingRequest = request;
                // Bytes after the head are the client's first frames: kept until the handshake is accepted.
                bytesAfterRequest = ByteBuffer.allocate(bytes.remaining()).put(bytes).flip();
                events.add(new Event.HandshakeRequested(request));
            }
            case HttpResponse response -> {
                switch (clientHandshake.validate(response)) {
                    case ClientHandshakeResult.Accepted accepted -> open(accepted.subprotocol());
                    case HandshakeFailure failure -> failHandshake(failure);
                }
            }
            default -> throw new IllegalStateException("unexpected head " + head);
        }
    }

    /**
     * Answers the client's handshake request (server only): writes the response, then the connection is
     * {@link ConnectionState#OPEN} if it was accepted (and the bytes that followed the request are read
     * as frames), or {@link ConnectionState#CLOSED} if it was rejected.
     *
     * @throws IllegalStateException when no request is awaiting an answer
     */
    public void respond(ServerHandshakeResult result) {
        if (role != Role.SERVER || state != ConnectionState.CONNECTING) {
            throw new IllegalStateException("only a server that received a handshake request can respond, in state " + state);
        }
        outgoing.writeBytes(result.toBytes());
        headParser = null;
        pendingRequest = null;
        switch (result) {
            case ServerHandshakeResult.Accepted accepted -> {
                open(accepted.subprotocol());
                if (bytesAfterRequest != null) {
                    receive(bytesAfterRequest);
                }
            }
            case HandshakeRejection rejection -> {
                events.add(new Event.HandshakeRejected(rejection));
                enterClosed();
            }
        }
        bytesAfterRequest = null;
    }

    private void open(Optional<String> subprotocol) {
        headParser = null;
        state = ConnectionState.OPEN;
        events.add(new Event.Opened(subprotocol));
    }

    private void failHandshake(HandshakeFailure failure) {
        headParser = null;
        events.add(new Event.HandshakeFailed(failure));
        enterClosed();
    }

    private void startFrame(FrameHeader header) {
        // tag::reserved-checks[]
        // The checks follow the order of the header's fields (§5.2), and all come before the payload.
        // RFC 6455 §5.2: "MUST be 0 unless an extension is negotiated that defines meanings".
        if (header.anyReservedBitSet()) {
            throw new ProtocolViolationException(Rule.RESERVED_BITS_SET, header.toString());
        }
        Opcode opcode = Opcode.of(header.opcode()).orElseThrow(() -> new ProtocolViolationException(
                Rule.RESERVED_OPCODE, String.format("opcode 0x%X", header.opcode())));
        // end::reserved-checks[]
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
            assembler.startFrame(header, opcode);
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
    private void handleControlFrame(Opcode opcode, Payload payload) {
        switch (opcode) {
            case PING -> {
                events.add(new Event.PingReceived(payload));
                // RFC 6455 §5.5.2: "Upon receipt of a Ping frame, an endpoint MUST send a Pong frame in
                // response ... with identical Application data". Not after our Close (§5.5.1).
                if (state == ConnectionState.OPEN) {
                    sendFrame(Frame.pong(payload));
                }
            }
            case PONG -> events.add(new Event.PongReceived(payload));
            case CLOSE -> handleClose(CloseStatus.parse(payload));
            case CONTINUATION, TEXT, BINARY -> throw new IllegalStateException("not a control opcode: " + opcode);
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

    // ---------------------------------------------------------------- commands from the application

    /** Sends a text message in one frame. */
    public void sendText(String text) {
        requireOpen("send a text message");
        sendFrame(Frame.text(text));
    }

    /** Sends a binary message in one frame. */
    public void sendBinary(Payload data) {
        requireOpen("send a binary message");
        sendFrame(Frame.binary(data));
    }

    // tag::send-ping[]
    /** Sends a Ping; the peer must answer with a Pong carrying the same payload (at most 125 bytes). */
    public void sendPing(Payload payload) {
        requireOpen("send a Ping");
        requireControlPayload(payload);
        sendFrame(Frame.ping(payload));
    }
    // end::send-ping[]

    /** Sends an unsolicited Pong, a one-way heartbeat (§5.5.3). */
    public void sendPong(Payload payload) {
        requireOpen("send a Pong");
        requireControlPayload(payload);
        sendFrame(Frame.pong(payload));
    }

    // tag::close-start[]
    /**
     * Starts the closing handshake (§7.1.2): sends a Close frame and waits for the peer's. Does nothing
     * when a Close frame was already sent or the connection is closed.
     *
     * @throws IllegalArgumentException when the status may not be sent (§7.4.2) or its reason is too long
     */
    public void close(CloseStatus status) {
        if (state == ConnectionState.OPEN) {
            sendClose(status);
        }
    }
    // end::close-start[]

    /**
     * Fails the connection (§7.1.7) for a reason of the application's own, e.g. 1008 or 1011: sends a
     * Close frame if none was sent and goes straight to {@link ConnectionState#CLOSED} without waiting
     * for the peer's reply.
     */
    public void fail(CloseStatus status) {
        if (state == ConnectionState.OPEN) {
            sendClose(status);
        }
        if (state != ConnectionState.CLOSED) {
            enterClosed();
        }
    }

    // ---------------------------------------------------------------- output to the application and the network

    /** Returns the events since the last call, oldest first. */
    public List<Event> takeEvents() {
        List<Event> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    /** Returns the bytes to write to the network since the last call; empty when there are none. */
    public byte[] takeOutgoingBytes() {
        byte[] bytes = outgoing.toByteArray();
        outgoing.reset();
        return bytes;
    }

    // ---------------------------------------------------------------- the closing handshake and failing

    // tag::fail-connection[]
    private void failConnection(Violation violation) {
        events.add(new Event.Failed(violation));
        // RFC 6455 §7.1.7: "the endpoint SHOULD send a Close frame with an appropriate status code".
        if (closeSent == null) {
            sendClose(CloseStatus.of(violation.closeCode(), shortReason(violation)));
        }
        enterClosed();
    }
    // end::fail-connection[]

    // tag::send-close[]
    private void sendClose(CloseStatus status) {
        sendFrame(Frame.close(status));
        closeSent = status;
        if (state == ConnectionState.OPEN) {
            state = ConnectionState.CLOSING;
        }
    }
    // end::send-close[]

    // tag::enter-closed[]
    private void enterClosed() {
        state = ConnectionState.CLOSED;
        CloseStatus received = closeReceived != null ? closeReceived : CloseStatus.ABNORMAL;
        CloseStatus sent = closeSent != null ? closeSent : CloseStatus.ABNORMAL;
        events.add(new Event.Closed(received, sent, closeReceived != null && closeSent != null));
    }
    // end::enter-closed[]

    // ---------------------------------------------------------------- sending frames

    // tag::mask-by-role[]
    private void sendFrame(Frame frame) {
        // RFC 6455 §5.3: a client masks every frame with a fresh, unpredictable key; a server never masks.
        Frame onTheWire = role.masksFrames() ? frame.maskedWith(maskingKeys.nextKey()) : frame;
        outgoing.writeBytes(FrameEncoder.encode(onTheWire));
    }
    // end::mask-by-role[]

    private void requireOpen(String action) {
        if (state != ConnectionState.OPEN) {
            throw new IllegalStateException("cannot " + action + " in state " + state
                    + (closeSent != null ? ": a Close frame was already sent (RFC 6455 §5.5.1)" : ""));
        }
    }

    // tag::control-payload[]
    private static void requireControlPayload(Payload payload) {
        if (payload.length() > FrameHeader.MAX_7_BIT_LENGTH) {
            throw new IllegalArgumentException("a control frame's payload is at most 125 bytes (RFC 6455 §5.5), got "
                    + payload.length());
        }
    }
    // end::control-payload[]

    /** A close reason must fit in 123 bytes of UTF-8; the rule's description always does (ASCII, short). */
    private static String shortReason(Violation violation) {
        String reason = violation.rule().description();
        return reason.length() <= CloseStatus.MAX_REASON_BYTES ? reason : reason.substring(0, CloseStatus.MAX_REASON_BYTES);
    }
}
