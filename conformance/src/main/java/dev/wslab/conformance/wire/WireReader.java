package dev.wslab.conformance.wire;

import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.deflate.DeflateAgreement;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * WireReader is the thread that reads the server's bytes for as long as the connection lasts. It hands
 * them to {@link ServerFrames}, which logs and judges them, passes the judged events on to whoever
 * answers the server, and records in the {@link WireState} when the TCP connection ends.
 *
 * <p>A case may pause it ({@link WireState#readingPaused}): it then stops after the read in progress, and
 * the server's bytes wait in TCP buffers, then in the server.
 */
final class WireReader {

    private static final int READ_BUFFER_SIZE = 64 * 1024;

    private final Socket socket;
    private final WireLog log;
    private final WireState state;
    private final ServerFrames frames;
    private final Consumer<List<Event>> answer;

    /**
     * @param deflate permessage-deflate as agreed, if it was: compressed messages are inflated
     * @param answer what to do with the events judged in each read: the suite's replies
     */
    WireReader(Socket socket, WireLog log, WireState state, Optional<DeflateAgreement> deflate,
               Consumer<List<Event>> answer, dev.wslab.protocol.Role suiteRole) {
        this.socket = socket;
        this.log = log;
        this.state = state;
        this.frames = new ServerFrames(log, state, deflate, suiteRole);
        this.answer = answer;
    }

    /** Starts reading, first the bytes that came right after the handshake response. */
    void start(byte[] afterHandshake) {
        Thread.ofVirtual().name("wire-reader").start(() -> run(afterHandshake));
    }

    private void run(byte[] afterHandshake) {
        if (afterHandshake.length > 0) {
            answer.accept(frames.receive(afterHandshake));
        }
        byte[] buffer = new byte[READ_BUFFER_SIZE];
        try {
            InputStream in = socket.getInputStream();
            int count;
            while ((count = readUnlessPaused(in, buffer)) >= 0) {
                answer.accept(frames.receive(Arrays.copyOf(buffer, count)));
            }
            log.note("the server closed the TCP connection");
        } catch (IOException e) {
            log.note("the TCP connection ended: " + e.getMessage());
        }
        state.tcpClosed();
    }

    /** Reads once reading is not paused; throws when the socket was closed meanwhile. */
    private int readUnlessPaused(InputStream in, byte[] buffer) throws IOException {
        state.awaitReadingAllowed(socket::isClosed);
        if (socket.isClosed()) {
            throw new SocketException("the suite closed the connection");
        }
        return in.read(buffer);
    }
}
