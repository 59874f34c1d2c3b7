package dev.wslab.conformance;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.FrameReader;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.protocol.handshake.ServerHandshake;
import dev.wslab.protocol.handshake.ServerHandshakeResult;
import dev.wslab.protocol.http.HttpHeadParser;
import dev.wslab.protocol.http.HttpRequest;
import dev.wslab.protocol.utf8.Utf8Validator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * FlawedEchoServer is an echo server written directly on the frame layer, with rules that can be switched
 * off one by one. With no flaw it is a correct server; each {@link Flaw} breaks exactly one rule, so the
 * suite's tests can show that the cases for that rule fail and the others do not.
 */
public final class FlawedEchoServer implements AutoCloseable {

    /** One rule of RFC 6455 the server can be made to break. */
    public enum Flaw {
        /** §5.2: frames with RSV bits set are treated as if the bits were clear. */
        IGNORES_RESERVED_BITS,
        /** §5.2: frames with reserved opcodes are skipped instead of failing the connection. */
        SKIPS_RESERVED_OPCODES,
        /** §5.5: fragmented and oversized control frames are accepted. */
        ACCEPTS_BAD_CONTROL_FRAMES,
        /** §5.5.2: Pings are not answered. */
        NEVER_PONGS,
        /** §5.4: a continuation with nothing to continue, or a new message inside one, is accepted. */
        LOOSE_FRAGMENTATION,
        /** §8.1: text is echoed without UTF-8 validation. */
        NO_UTF8_VALIDATION,
        /** §5.5.1, §7.4: any Close body is accepted and answered with 1000. */
        ACCEPTS_ANY_CLOSE,
        /** §7.1.7: protocol errors close with 1000 instead of the right code. */
        CLOSES_WITH_1000,
        /** §5.5.1: a Close is answered by closing TCP, without a Close frame. */
        NO_CLOSE_REPLY,
        /** §5.5.1: data that arrives after the client's Close is still echoed. */
        ECHOES_AFTER_CLOSE,
        /** §4.2.1: every request is accepted with 101, whatever it lacks. */
        ACCEPTS_ANY_HANDSHAKE,
        /** §5.5.1: after the closing handshake the server leaves TCP open, waiting for the client to close it. */
        KEEPS_TCP_OPEN_AFTER_CLOSE,
        /** §5.1: frames a client sent unmasked are accepted (only probe 20.24 and the properties send them). */
        ACCEPTS_UNMASKED_FRAMES
    }

    /**
     * One defence the RFC does not require but §10.4 asks for ("implementation-specific limits"), which the
     * server can be made to lack: the robustness probes must catch each.
     */
    public enum Weakness {
        /** No handshake deadline: a silent or slowloris connection is held for ever. */
        NO_HANDSHAKE_DEADLINE,
        /** The handshake timer restarts with every read (an inactivity timer): slowloris holds the connection. */
        HANDSHAKE_TIMER_RESETS,
        /** Handshakes are read one at a time on the accepting thread: a few stalled clients block everyone. */
        SERIAL_HANDSHAKES,
        /** A message may grow without limit while its fragments arrive. */
        NO_MESSAGE_LIMIT
    }

    /**
     * The server's policies where RFC 6455 leaves them to it (§10.4). In every profile the server sends no
     * heartbeats, has no idle timeout once the connection is open and no rate limit, and has a handshake
     * deadline of {@link #HANDSHAKE_DEADLINE_MILLIS}; the profiles differ in the message limit.
     */
    public enum Profile {
        /** A 1 MiB message limit, the default of wslab's server and python-websockets. */
        DEFAULT(1 << 20),
        /**
         * Strictly correct but minimal: every MUST kept, and nothing more than the 16 MiB message limit that
         * Autobahn's section 9 needs (no heartbeats, no idle timeout, no rate limit). The suite must not
         * fail it: a probe whose policy it lacks is UNSAFE, or with the limits stated, OK or INFORMATIONAL.
         */
        STRICTLY_CORRECT_BUT_MINIMAL(16 << 20);

        private final int maxMessage;

        Profile(int maxMessage) {
            this.maxMessage = maxMessage;
        }

        /** The largest message accepted; larger fails with 1009. */
        public int maxMessage() {
            return maxMessage;
        }
    }

    /** How long a client has, from accept, to send its whole request. */
    static final int HANDSHAKE_DEADLINE_MILLIS = 1000;

    private final ServerSocket listener;
    private final Set<Flaw> flaws;
    private final Set<Weakness> weaknesses;
    private final Profile profile;

    public FlawedEchoServer(Set<Flaw> flaws) throws IOException {
        this(flaws, Set.of());
    }

    public FlawedEchoServer(Set<Flaw> flaws, Set<Weakness> weaknesses) throws IOException {
        this(flaws, weaknesses, Profile.DEFAULT);
    }

    /** A server without flaws or weaknesses, with the policies of {@code profile}. */
    public FlawedEchoServer(Profile profile) throws IOException {
        this(Set.of(), Set.of(), profile);
    }

    private FlawedEchoServer(Set<Flaw> flaws, Set<Weakness> weaknesses, Profile profile) throws IOException {
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
        this.weaknesses = weaknesses.isEmpty() ? EnumSet.noneOf(Weakness.class) : EnumSet.copyOf(weaknesses);
        this.profile = profile;
        listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                if (weaknesses.contains(Weakness.SERIAL_HANDSHAKES)) {
                    Optional<ByteBuffer> rest = handshake(socket);
                    rest.ifPresent(bytes -> Thread.ofVirtual().start(() -> frames(socket, bytes)));
                } else {
                    Thread.ofVirtual().start(() -> handshake(socket).ifPresent(rest -> frames(socket, rest)));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The state of one connection. */
    private final class Session {
        final OutputStream out;
        Opcode messageType;
        final ByteArrayOutputStream message = new ByteArrayOutputStream();
        final Utf8Validator utf8 = new Utf8Validator();
        boolean closeReceived;

        Session(OutputStream out) {
            this.out = out;
        }

        void send(Frame frame) throws IOException {
            out.write(FrameEncoder.encode(frame));
            out.flush();
        }

        /** Fails the connection with {@code code} (or 1000 with the flaw); returns false to stop reading. */
        boolean fail(int code) throws IOException {
            send(Frame.close(CloseStatus.of(CloseCode.of(flaws.contains(Flaw.CLOSES_WITH_1000) ? 1000 : code))));
            return false;
        }

        /** Handles one frame; returns false when the connection is to be closed. */
        boolean handle(Frame frame) throws IOException {
            if (closeReceived && !flaws.contains(Flaw.ECHOES_AFTER_CLOSE)) {
                return false;
            }
            // RFC 6455 §5.1: a server MUST close the connection upon receiving an unmasked frame.
            if (!frame.masked() && !flaws.contains(Flaw.ACCEPTS_UNMASKED_FRAMES)) {
                return fail(1002);
            }
            if (frame.rsv1() || frame.rsv2() || frame.rsv3()) {
                if (!flaws.contains(Flaw.IGNORES_RESERVED_BITS)) {
                    return fail(1002);
                }
            }
            Optional<Opcode> known = Opcode.of(frame.opcode());
            if (known.isEmpty()) {
                return flaws.contains(Flaw.SKIPS_RESERVED_OPCODES) || fail(1002);
            }
            Opcode opcode = known.get();
            if (opcode.isControl() && (!frame.fin() || frame.payload().length() > 125)
                    && !flaws.contains(Flaw.ACCEPTS_BAD_CONTROL_FRAMES)) {
                return fail(1002);
            }
            return switch (opcode) {
                case PING -> {
                    if (!flaws.contains(Flaw.NEVER_PONGS)) {
                        send(Frame.pong(frame.payload()));
                    }
                    yield true;
                }
                case PONG -> true;
                case CLOSE -> close(frame.payload());
                case TEXT, BINARY, CONTINUATION -> data(opcode, frame);
            };
        }

        private boolean close(Payload body) throws IOException {
            if (closeReceived) {
                return true;
            }
            closeReceived = true;
            CloseStatus reply = CloseStatus.NORMAL;
            if (!flaws.contains(Flaw.ACCEPTS_ANY_CLOSE)) {
                try {
                    CloseStatus status = CloseStatus.parse(body);
                    reply = status.equals(CloseStatus.NO_STATUS) ? CloseStatus.NO_STATUS : CloseStatus.of(status.code());
                } catch (ProtocolViolationException e) {
                    return fail(e.violation().closeCode().value());
                }
            }
            if (!flaws.contains(Flaw.NO_CLOSE_REPLY)) {
                send(Frame.close(reply));
            }
            return flaws.contains(Flaw.ECHOES_AFTER_CLOSE);
        }

        private boolean data(Opcode opcode, Frame frame) throws IOException {
            boolean loose = flaws.contains(Flaw.LOOSE_FRAGMENTATION);
            if (opcode == Opcode.CONTINUATION) {
                if (messageType == null) {
                    if (!loose) {
                        return fail(1002);
                    }
                    messageType = Opcode.BINARY;
                }
            } else {
                if (messageType != null && !loose) {
                    return fail(1002);
                }
                messageType = opcode;
                message.reset();
                utf8.reset();
            }
            byte[] bytes = frame.payload().toByteArray();
            if (message.size() + (long) bytes.length > profile.maxMessage()
                    && !weaknesses.contains(Weakness.NO_MESSAGE_LIMIT)) {
                return fail(1009);
            }
            message.writeBytes(bytes);
            boolean validate = messageType == Opcode.TEXT && !flaws.contains(Flaw.NO_UTF8_VALIDATION);
            if (validate && utf8.validate(bytes, 0, bytes.length) != Utf8Validator.NO_INVALID_BYTE) {
                return fail(1007);
            }
            if (frame.fin()) {
                if (validate && !utf8.isAtCharacterBoundary()) {
                    return fail(1007);
                }
                send(Frame.of(messageType, Payload.of(message.toByteArray())));
                messageType = null;
            }
            return true;
        }
    }

    /** Reads and answers the handshake; returns the bytes after the head once accepted, else closes. */
    private Optional<ByteBuffer> handshake(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            HttpHeadParser<HttpRequest> parser = HttpHeadParser.forRequest(Limits.DEFAULTS);
            byte[] buffer = new byte[64 * 1024];
            long deadline = System.nanoTime() + HANDSHAKE_DEADLINE_MILLIS * 1_000_000L;
            while (true) {
                if (!weaknesses.contains(Weakness.NO_HANDSHAKE_DEADLINE)) {
                    long left = weaknesses.contains(Weakness.HANDSHAKE_TIMER_RESETS) ? HANDSHAKE_DEADLINE_MILLIS
                            : (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        socket.close();
                        return Optional.empty();
                    }
                    socket.setSoTimeout((int) left);
                }
                int count = in.read(buffer);
                if (count < 0) {
                    socket.close();
                    return Optional.empty();
                }
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, count);
                Optional<HttpRequest> request = parser.feed(bytes);
                if (request.isPresent()) {
                    socket.setSoTimeout(0);
                    if (flaws.contains(Flaw.ACCEPTS_ANY_HANDSHAKE)) {
                        String key = request.get().headers().first("Sec-WebSocket-Key").orElse("");
                        socket.getOutputStream().write(ServerHandshake.acceptResponse(key, Optional.empty()).toBytes());
                        return Optional.of(copy(bytes));
                    }
                    ServerHandshakeResult result = ServerHandshake.create().validate(request.get());
                    socket.getOutputStream().write(result.toBytes());
                    if (!(result instanceof ServerHandshakeResult.Accepted)) {
                        socket.close();
                        return Optional.empty();
                    }
                    return Optional.of(copy(bytes));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the deadline passed, the connection ended, or the head was malformed
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            return Optional.empty();
        }
    }

    private static ByteBuffer copy(ByteBuffer bytes) {
        ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
        copy.put(bytes).flip();
        return copy;
    }

    /** Serves frames after the handshake, until the connection ends. */
    private void frames(Socket socket, ByteBuffer rest) {
        try (socket) {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            Session session = new Session(socket.getOutputStream());
            FrameReader reader = new FrameReader(64L << 20);
            ByteBuffer pending = rest;
            while (true) {
                Frame frame;
                while ((frame = reader.next(pending)) != null) {
                    if (!session.handle(frame)) {
                        if (session.closeReceived && flaws.contains(Flaw.KEEPS_TCP_OPEN_AFTER_CLOSE)) {
                            drain(in);
                            return;
                        }
                        socket.shutdownOutput();
                        drain(in);
                        return;
                    }
                }
                int count = in.read(buffer);
                if (count < 0) {
                    return;
                }
                pending = ByteBuffer.wrap(buffer, 0, count);
            }
        } catch (IOException | RuntimeException e) {
            // the connection ended or the bytes were not frames
        }
    }

    /** Reads until the client closes, so that closing does not reset the connection before our last frame arrives. */
    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[4096];
        while (in.read(sink) >= 0) {
            // discard
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
