package dev.wslab.tutorials.debugging;

import dev.wslab.client.ClientObserver;
import dev.wslab.protocol.Limits;
import dev.wslab.protocol.connection.ClientOpening;
import dev.wslab.protocol.deflate.AgreedDeflate;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.FrameReader;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.handshake.ClientHandshake;
import dev.wslab.protocol.handshake.ClientHandshakeOptions;
import dev.wslab.transport.Deadline;
import dev.wslab.transport.Direction;
import dev.wslab.transport.HandshakeDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * FrameScriptClient sends exactly the frames it is given, one by one, and reads the server's frames one by
 * one: the known traffic a packet capture is checked against. {@code WebSocketClient} sends every message
 * in one frame; this client can also send a message in fragments (FIN=0, then continuations).
 *
 * <p>Every byte it writes or reads goes to a {@link ClientObserver}, e.g. the client's
 * {@link dev.wslab.client.WireTrace}, exactly as a real client reports it: the handshake through
 * {@code handshakeBytes}, the frames through {@code bytes}. There is no session here, so {@code bytes} gets
 * {@code null} for it (the trace decodes the bytes and needs none).
 *
 * <p>It masks every frame with a fresh key (RFC 6455 §5.3: a client MUST mask), and checks no other rule:
 * sending a valid script is the caller's business.
 */
public final class FrameScriptClient implements AutoCloseable {

    private final Socket socket;
    private final ClientObserver observer;
    private final MaskingKeySource maskingKeys = MaskingKeySource.secure();
    private final FrameReader frames = new FrameReader(Limits.DEFAULTS.maxMessageSize());
    private final byte[] buffer = new byte[16 * 1024];
    private ByteBuffer unread = ByteBuffer.allocate(0);
    private Optional<AgreedDeflate> deflate = Optional.empty();

    private FrameScriptClient(Socket socket, ClientObserver observer) {
        this.socket = socket;
        this.observer = observer;
    }

    /**
     * Opens TCP to a ws:// URI and completes the opening handshake (§4.1).
     *
     * @param timeout how long any one read may wait, the handshake included
     * @throws IOException when TCP fails, the server does not answer in time, or it refuses the handshake
     */
    public static FrameScriptClient connect(URI uri, ClientObserver observer, Duration timeout) throws IOException {
        return connect(uri, ClientHandshakeOptions.NONE, observer, timeout);
    }

    /**
     * Opens TCP to a ws:// URI and completes the opening handshake with {@code options}, e.g. a
     * permessage-deflate offer (RFC 7692); the frames sent afterwards are still exactly the ones given.
     */
    public static FrameScriptClient connect(URI uri, ClientHandshakeOptions options, ClientObserver observer,
            Duration timeout) throws IOException {
        ClientHandshake handshake = ClientHandshake.create(uri, options, new SecureRandom());
        observer.connecting(handshake.uri().toString());
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(handshake.uri().host(), handshake.uri().port()),
                    (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            FrameScriptClient client = new FrameScriptClient(socket, observer);
            client.handshake(handshake, timeout);
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends the request and reads until the response head is judged; the connection is then OPEN. */
    private void handshake(ClientHandshake handshake, Duration timeout) throws IOException {
        // The protocol's opening builds the request and judges the response; after that, frames are ours.
        ClientOpening opening = new ClientOpening(handshake, Limits.DEFAULTS, maskingKeys);
        switch (HandshakeDriver.awaitResponse(socket, opening, Deadline.after(timeout), observer.handshakeTap())) {
            case HandshakeDriver.TimedOut<ClientOpening.Outcome> timedOut ->
                    throw new SocketTimeoutException("no answer to the handshake within " + timeout.toMillis() + " ms");
            case HandshakeDriver.Ended<ClientOpening.Outcome>(ClientOpening.Failed failed) ->
                    throw new IOException("handshake refused: " + failed.failure());
            case HandshakeDriver.Ended<ClientOpening.Outcome>(ClientOpening.Opened opened) ->
                    // OPEN: from here on this client reads the server's frames itself.
                    deflate = opened.accepted().deflate();
        }
    }

    /** Returns permessage-deflate as the handshake agreed it; empty when it was not offered or was declined. */
    public Optional<AgreedDeflate> deflate() {
        return deflate;
    }

    /** Masks {@code frame} with a fresh key and writes it. */
    public void send(Frame frame) throws IOException {
        byte[] wire = FrameEncoder.encode(frame.maskedWith(maskingKeys.nextKey()));
        observer.bytes(null, Direction.OUTBOUND, wire, 0, wire.length);
        OutputStream out = socket.getOutputStream();
        out.write(wire);
        out.flush();
    }

    /**
     * Reads the server's next frame.
     *
     * @return the frame, or empty when the server closed TCP first
     * @throws java.net.SocketTimeoutException when nothing comes within the timeout
     */
    public Optional<Frame> receive() throws IOException {
        InputStream in = socket.getInputStream();
        while (true) {
            Frame frame = frames.next(unread);
            if (frame != null) {
                return Optional.of(frame);
            }
            int count = in.read(buffer);
            if (count < 0) {
                return Optional.empty();
            }
            observer.bytes(null, Direction.INBOUND, buffer, 0, count);
            unread = ByteBuffer.wrap(buffer.clone(), 0, count);
        }
    }

    /** Closes TCP; call it after the closing handshake, or to drop the connection. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
