package dev.wslab.tutorials.compression;

import dev.wslab.client.ClientObserver;
import dev.wslab.client.ClientOptions;
import dev.wslab.client.WebSocketClient;
import dev.wslab.protocol.Limits;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.handshake.ClientHandshakeOptions;
import dev.wslab.server.Endpoints;
import dev.wslab.server.Transition;
import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;
import dev.wslab.tutorials.closecodes.ServerCloseLog;
import dev.wslab.tutorials.debugging.FrameScriptClient;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * DecompressionBombLab sends a decompression bomb to a real wslab server with permessage-deflate on: a
 * message of a few KiB on the wire that inflates to 4 MiB, four times the server's message limit. The
 * server inflates while it reads and stops at the limit: it closes with 1009 (Message Too Big) after the
 * first KiB or so, before the rest of the message has even been sent, and goes on serving other clients.
 *
 * Run it: {@code mvn -pl tutorials test -Dtest=DecompressionBombLabTest}, or this class's main method.
 */
public final class DecompressionBombLab implements AutoCloseable {

    /** The server's limit: wslab's default, 1 MiB per message (inflated). */
    public static final int MAX_MESSAGE_SIZE = 1 << 20;
    /** What the bomb inflates to: 4 MiB of zeros. */
    public static final int BOMB_SIZE = 4 << 20;
    /** The bomb goes out in fragments of this many bytes, so that one can see where the server stopped. */
    public static final int FRAGMENT_SIZE = 256;
    private static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * What happened to the bomb.
     *
     * @param bomb          the message
     * @param frames        how many frames it makes
     * @param framesSent    how many of them were sent before the server answered
     * @param bytesSent     the compressed bytes they held
     * @param serverClose   the Close frame the server sent
     * @param serverLog     the server's CLOSED line for the connection
     */
    public record Outcome(DecompressionBomb bomb, int frames, int framesSent, int bytesSent, CloseStatus serverClose,
                          Transition serverLog) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, """
                    bomb: %,d bytes of zeros compressed to %,d bytes (%.0f:1), %d frames of %d bytes
                    sent: %d frames, %,d bytes, enough to inflate past the limit of %,d bytes; the message unfinished
                    the server answered: Close %s
                    server log: %s %s""", bomb.inflatedSize(), bomb.compressed().length, bomb.amplification(), frames,
                    FRAGMENT_SIZE, framesSent, bytesSent, MAX_MESSAGE_SIZE, serverClose, serverLog.state(),
                    serverLog.detail());
        }
    }

    private final ServerCloseLog serverLog = new ServerCloseLog();
    private final WebSocketServer server;

    // tag::server[]
    public DecompressionBombLab() throws IOException {
        server = WebSocketServer.builder()
                .limits(Limits.DEFAULTS.withMaxMessageSize(MAX_MESSAGE_SIZE)) // counted inflated
                .deflate(DeflateOptions.DEFAULTS)                             // as ./wslab serve does
                .endpoint("/echo", Endpoints.echo())
                .onTransition(serverLog)
                .start();
    }
    // end::server[]

    public ServerCloseLog serverLog() {
        return serverLog;
    }

    // tag::detonate[]
    /**
     * Negotiates permessage-deflate, then sends the bomb's frames one by one, but only as many as it takes to
     * inflate past the server's limit (the message stays unfinished), and reads the server's answer.
     */
    public Outcome detonate() throws IOException, InterruptedException {
        DecompressionBomb bomb = DecompressionBomb.of(BOMB_SIZE);
        List<Frame> frames = bomb.frames(FRAGMENT_SIZE);
        int enough = DecompressionBomb.framesToPass(frames, MAX_MESSAGE_SIZE);
        ClientHandshakeOptions offer = ClientHandshakeOptions.NONE.withDeflate(DeflateOptions.DEFAULTS);
        try (FrameScriptClient client = FrameScriptClient.connect(URI.create(server.uri("/echo")), offer,
                ClientObserver.NONE, WAIT)) {
            if (client.deflate().isEmpty()) {
                throw new IOException("the server did not accept permessage-deflate");
            }
            int bytesSent = 0;
            for (Frame frame : frames.subList(0, enough)) {
                client.send(frame);
                bytesSent += frame.payload().length();
            }
            Frame answer = client.receive().orElseThrow(() -> new IOException("the server closed TCP without a Close"));
            if (answer.opcode() != Opcode.CLOSE.code()) {
                throw new IOException("expected a Close, got " + answer);
            }
            List<Transition> closes = serverLog.awaitCloses(1, WAIT);
            return new Outcome(bomb, frames.size(), enough, bytesSent, CloseStatus.parse(answer.payload()),
                    closes.getLast());
        }
    }
    // end::detonate[]

    // tag::other-client[]
    /** Another client, after the bomb: a 16 KiB compressed text, echoed whole. Returns the echo. */
    public Optional<Message> anotherClient(String text) throws Exception {
        try (WebSocketSession session = WebSocketClient.connect(URI.create(server.uri("/echo")), ClientOptions.DEFAULTS)) {
            session.sendText(text);
            return session.receive();
        }
    }
    // end::other-client[]

    @Override
    public void close() {
        server.close();
    }

    /** Sends the bomb, prints what happened, and checks that the server still serves. */
    public static void main(String[] args) throws Exception {
        try (DecompressionBombLab lab = new DecompressionBombLab()) {
            System.out.println(lab.detonate());
            String text = "{\"ok\": true} ".repeat(16 * 1024 / 13);
            System.out.println("another client: " + (lab.anotherClient(text).equals(Optional.of(new Message.Text(text)))
                    ? "its " + text.length() + "-byte message echoed whole" : "NO ECHO"));
        }
    }
}
