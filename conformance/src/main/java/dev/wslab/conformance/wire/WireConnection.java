package dev.wslab.conformance.wire;

import dev.wslab.conformance.Observed;
import dev.wslab.conformance.RequestDelivery;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.deflate.DeflateAgreement;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.deflate.MessageDeflater;
import dev.wslab.protocol.extension.Extension;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.handshake.ClientHandshakeResult;
import dev.wslab.protocol.handshake.HandshakeFailure;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * WireConnection is the suite's raw client: it performs an ordinary opening handshake, then writes any
 * bytes a case asks for (broken frames, writes split at chosen points) and records everything in a
 * {@link WireLog}.
 *
 * <p>It is made of parts, one per job, that share one {@link WireState}:
 * <ul>
 *   <li>{@link HandshakeDialer} connects and runs the opening handshake, as the case wants it delivered;</li>
 *   <li>{@link WireWriter} writes the case's bytes and the suite's replies, never one inside the other;</li>
 *   <li>{@link WireReader} reads the server's bytes on a thread of its own, and hands them to
 *       {@link ServerFrames}, which decodes them once for the log and for the judge: the protocol core;</li>
 *   <li>the waits below ask the state, which wakes them at every change.</li>
 * </ul>
 */
public final class WireConnection implements AutoCloseable {

    private final Socket socket;
    private final WireLog log;
    private final WireState state = new WireState();
    private final WireWriter writer;
    private final Optional<DeflateAgreement> deflate;
    /** The role the suite plays on this connection: the client (server mode) or the server (client mode). */
    private final Role suiteRole;

    /** @param deflate permessage-deflate as the handshake agreed it, if it did */
    WireConnection(Socket socket, WireLog log, Optional<DeflateAgreement> deflate) throws IOException {
        this(socket, log, deflate, Role.CLIENT);
    }

    private WireConnection(Socket socket, WireLog log, Optional<DeflateAgreement> deflate, Role suiteRole)
            throws IOException {
        this.socket = socket;
        this.log = log;
        this.deflate = deflate;
        this.suiteRole = suiteRole;
        this.writer = new WireWriter(socket.getOutputStream(), log, state, this::close, suiteRole);
    }

    /**
     * Takes over a socket whose opening handshake the suite, playing the server, has just answered with 101:
     * from now on the suite sends its frames unmasked and requires the client's to be masked (RFC 6455 §5.1).
     *
     * @param afterHandshake the bytes the client sent after its request, already read
     */
    public static WireConnection accepted(Socket socket, byte[] afterHandshake, WireLog log) throws IOException {
        WireConnection connection = new WireConnection(socket, log, Optional.empty(), Role.SERVER);
        connection.startReading(afterHandshake);
        return connection;
    }

    /** Returns the role the suite plays on this connection. */
    public Role suiteRole() {
        return suiteRole;
    }

    /**
     * Returns frames' bytes as the suite sends them: masked with a fresh key as a client must (§5.3), or
     * unmasked as a server must (§5.1: "A server MUST NOT mask any frames that it sends to the client").
     */
    public byte[] encode(List<Frame> frames) {
        if (suiteRole == Role.CLIENT) {
            return dev.wslab.conformance.Step.encodeMasked(frames, nextMaskingKey());
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        frames.forEach(frame -> out.writeBytes(dev.wslab.protocol.frame.FrameEncoder.encode(frame)));
        return out.toByteArray();
    }

    /**
     * Connects to the target and performs the opening handshake (§4.1).
     *
     * @throws HandshakeFailedException when the server refuses or answers wrongly; the log shows the exchange
     */
    public static WireConnection open(Target target, WireLog log) throws IOException, HandshakeFailedException {
        return open(HandshakeDialer.probe(target, UnaryOperator.identity(), new byte[0], RequestDelivery.WHOLE,
                target.connectTimeout(), List.of(), log));
    }

    /**
     * Connects and performs the opening handshake with {@code deflateOffers} in {@code Sec-WebSocket-Extensions}
     * (RFC 7692 §5), e.g. {@code permessage-deflate; client_max_window_bits=9} (see
     * {@link DeflateNegotiation#offers(String)}). The connection is open either
     * way: {@link #deflate()} tells whether the server accepted the offer or declined it.
     *
     * @throws HandshakeFailedException when the server refuses, or answers the offer as RFC 7692 §7 makes a
     *                                  client fail the connection; the log shows the exchange
     */
    public static WireConnection open(Target target, List<Extension> deflateOffers, WireLog log)
            throws IOException, HandshakeFailedException {
        return open(HandshakeDialer.probe(target, UnaryOperator.identity(), new byte[0], RequestDelivery.WHOLE,
                target.connectTimeout(), deflateOffers, log));
    }

    private static WireConnection open(HandshakeProbe probe) throws IOException, HandshakeFailedException {
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
        return HandshakeDialer.probe(target, editRequest, afterHead, delivery, patience, List.of(), log);
    }

    /** Starts the reader, once the handshake is accepted, with the bytes that came after the response. */
    void startReading(byte[] afterHandshake) {
        new WireReader(socket, log, state, deflate, writer::answer, suiteRole).start(afterHandshake);
    }

    /** Returns permessage-deflate as the handshake agreed it; empty when none was offered or the server declined. */
    public Optional<DeflateAgreement> deflate() {
        return deflate;
    }

    // ---------------------------------------------------------------- writing

    /** Writes bytes in one write, logged with {@code text}. */
    public void write(byte[] bytes, String text) throws IOException {
        writer.write(bytes, text);
    }

    /** Writes bytes in pieces of at most {@code chopSize}, each its own write. */
    public void writeChopped(byte[] bytes, int chopSize, String text) throws IOException {
        writer.writeChopped(bytes, chopSize, text);
    }

    /** Sends one frame, masked with a fresh key unless it is masked already, as a client must (§5.3). */
    public void send(Frame frame) throws IOException {
        writer.send(frame);
    }

    /**
     * Writes whole frames of a flood, without logging each byte (the caller notes what it sent). When the
     * write has not finished after {@code limit}, the server has stopped reading (TCP backpressure): the
     * suite closes the connection, which ends the blocked write, and returns false.
     */
    public boolean writeFlood(byte[] frames, Duration limit) throws IOException {
        return writer.writeFlood(frames, limit);
    }

    /**
     * Sends one message compressed (RFC 7692 §6): deflated with what was agreed for the client's messages,
     * cut into frames of at most {@code fragmentSize} bytes of compressed data (0: one frame), RSV1 on the
     * first. Each frame is logged as written.
     *
     * @throws IllegalStateException when permessage-deflate was not agreed
     */
    public void sendCompressed(Opcode opcode, byte[] message, int fragmentSize) throws IOException {
        DeflateAgreement agreed = deflate.orElseThrow(
                () -> new IllegalStateException("permessage-deflate was not agreed on this connection"));
        List<Frame> frames = state.compress(
                () -> new MessageDeflater(agreed.clientToServer(), DeflateOptions.DEFAULTS.compressionLevel()),
                deflater -> CompressedMessage.frames(opcode, message, deflater, fragmentSize));
        for (Frame frame : frames) {
            writer.send(frame);
        }
    }

    /**
     * Sends one message already compressed for this connection (RFC 7692 §7.2.1, tail removed): {@code compressed}
     * cut into frames of at most {@code fragmentSize} bytes (0: one frame), RSV1 on the first. The caller
     * compressed it within what was agreed for the client's messages (its window, {@link #deflate()}); a
     * message compressed on its own, with an empty window, is valid whether or not the context is taken over.
     *
     * @throws IllegalStateException when permessage-deflate was not agreed
     */
    public void sendPrecompressed(Opcode opcode, byte[] compressed, int fragmentSize) throws IOException {
        deflate.orElseThrow(() -> new IllegalStateException("permessage-deflate was not agreed on this connection"));
        for (Frame frame : CompressedMessage.framesOf(opcode, compressed, fragmentSize)) {
            writer.send(frame);
        }
    }

    /** Returns a fresh masking key, for cases that encode frames themselves. */
    public int nextMaskingKey() {
        return writer.nextMaskingKey();
    }

    /** Records that a Close frame went out as part of raw bytes written by a case. */
    public void noteCloseSent() {
        state.closeSent();
    }

    /** Records that the server did not close TCP in time after the closing handshake. */
    public void noteServerLeftTcpOpen() {
        state.serverLeftTcpOpen();
    }

    /**
     * Records a marker among the observed events, unless the server has already closed: a marker tells
     * how far the case had come when the server reacted.
     */
    public void mark(String name) {
        if (state.addMarker(new Observed.Marker(name))) {
            log.note("marker " + name);
        } else {
            log.note("marker " + name + " not set: the server had already closed");
        }
    }

    // ---------------------------------------------------------------- the case's switches

    /**
     * Stops reading the socket (after the read in progress) until {@link #resumeReading()}: the server's
     * frames wait in TCP buffers, then in the server.
     */
    public void pauseReading() {
        state.readingPaused(true);
        log.note("the suite stops reading");
    }

    /** Reads the socket again. */
    public void resumeReading() {
        state.readingPaused(false);
        log.note("the suite reads again");
    }

    /** Stops answering the server's Pings and Close frames, as a dead peer would; reading goes on. */
    public void mute() {
        state.mute();
        log.note("the suite stops answering Pings and Close frames (a dead peer)");
    }

    // ---------------------------------------------------------------- waiting and observing

    /** Waits until at least {@code count} events were observed, the TCP connection ended, or the timeout. */
    public void awaitEvents(int count, Duration timeout) throws InterruptedException {
        state.awaitUntil(seen -> awaitedEvents(seen) >= count || seen.tcpClosed() || seen.serverViolation().isPresent(),
                timeout);
    }

    /**
     * Takes the next message the server sent out of the observed events, waiting up to {@code timeout}; empty
     * when none came in time, or the server closed or broke a rule first. Taken messages are no longer in
     * {@link #observation()}: a case that streams many checks each as it comes instead of keeping them all.
     */
    public Optional<Observed> takeMessage(Duration timeout) throws InterruptedException {
        return state.takeMessage(timeout);
    }

    /** Waits until the server closed TCP, or the timeout; returns whether it did. */
    public boolean awaitTcpClosed(Duration timeout) throws InterruptedException {
        return state.awaitUntil(Observation::tcpClosed, timeout);
    }

    /** Waits until the suite's Close frame went out (a reply is written on the reader's thread), or the timeout. */
    public boolean awaitCloseSent(Duration timeout) throws InterruptedException {
        return state.awaitUntil(Observation::closeSent, timeout);
    }

    /** Waits until the peer's Close frame arrived, TCP ended or the peer broke a rule, or the timeout. */
    public void awaitCloseOrViolation(Duration timeout) throws InterruptedException {
        state.awaitUntil(seen -> seen.closeReceived().isPresent() || seen.tcpClosed()
                || seen.serverViolation().isPresent(), timeout);
    }

    /** Waits until the server's Close frame arrived or TCP ended, or the timeout; returns whether a Close came. */
    public boolean awaitClose(Duration timeout) throws InterruptedException {
        state.awaitUntil(seen -> seen.closeReceived().isPresent() || seen.tcpClosed(), timeout);
        return observation().closeReceived().isPresent();
    }

    /** Counts the events a case waits for: not its own markers, nor the server's keepalive Pings (§5.5.2). */
    private static long awaitedEvents(Observation seen) {
        return seen.events().stream().filter(e -> !(e instanceof Observed.Marker) && !(e instanceof Observed.Ping)).count();
    }

    /** Returns what was observed so far. */
    public Observation observation() {
        return state.observation();
    }

    // ---------------------------------------------------------------- ending

    /** Closes the TCP connection at once. */
    @Override
    public void close() throws IOException {
        state.releaseDeflater();
        socket.close();
        state.readingPaused(false); // wakes a paused reader, which then sees the socket closed
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
