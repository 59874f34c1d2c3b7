package dev.wslab.tutorials.compression;

import dev.wslab.client.ClientOptions;
import dev.wslab.client.WebSocketClient;
import dev.wslab.client.WireTrace;
import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.server.Endpoints;
import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * CompressionTrace records a real permessage-deflate conversation (RFC 7692) between wslab's client and
 * wslab's server on 127.0.0.1, as the client's {@link WireTrace} prints it: the offer and the answer in the
 * opening handshake, then every frame with its RSV bits and its payload as it crossed the wire.
 *
 * <p>The conversation sends "Hello" twice and then an empty message, each echoed by the server: the two
 * "Hello"s show context takeover (the second one refers back to the first), the empty one shows the single
 * byte an empty compressed message is. Both sides compress every message here ({@code minimumSize} 0);
 * with the default 1 KiB threshold messages this small would go uncompressed.
 *
 * Run it: {@code mvn -pl tutorials test -Dtest=CompressionTraceTest}, or this class's main method.
 */
public final class CompressionTrace {

    /** The messages sent, in order; each one waits for its echo. */
    public static final List<String> MESSAGES = List.of("Hello", "Hello", "");

    private CompressionTrace() {
    }

    // tag::record[]
    /**
     * Plays {@link #MESSAGES} against an echo server, both ends compressing with {@code context}, and returns
     * the client's trace, one line per header line, frame or state change (the clock's time left out).
     */
    public static List<String> record(ContextTakeover context) throws Exception {
        DeflateOptions deflate = DeflateOptions.DEFAULTS.withMinimumSize(0).withOwnContext(context);
        StringWriter trace = new StringWriter();
        WireTrace wireTrace = new WireTrace(new PrintWriter(trace), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        try (WebSocketServer server = WebSocketServer.builder()
                .deflate(deflate)                                 // the server accepts an offer
                .endpoint("/echo", Endpoints.echo()).start()) {
            ClientOptions client = ClientOptions.DEFAULTS.withDeflate(deflate).withObserver(wireTrace);
            WebSocketSession session = WebSocketClient.connect(URI.create(server.uri("/echo")), client);
            for (String message : MESSAGES) {
                session.sendText(message);
                expectEcho(session.receive(), message);
            }
            session.close();
            session.closed().get(10, TimeUnit.SECONDS);
        }
        return trace.toString().lines().map(line -> line.substring("00:00:00.000 ".length())).toList();
    }
    // end::record[]

    private static void expectEcho(Optional<Message> echo, String sent) throws IOException {
        if (!echo.equals(Optional.of(new Message.Text(sent)))) {
            throw new IOException("expected the echo of \"" + sent + "\", got " + echo);
        }
    }

    /** Prints both traces. */
    public static void main(String[] args) throws Exception {
        for (ContextTakeover context : ContextTakeover.values()) {
            System.out.println("--- context " + context);
            record(context).forEach(System.out::println);
        }
    }
}
