package dev.wslab.cli;

import dev.wslab.client.ClientObserver;
import dev.wslab.client.ClientOptions;
import dev.wslab.client.ConnectFailedException;
import dev.wslab.client.WebSocketClient;
import dev.wslab.client.WireTrace;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.transport.Message;
import dev.wslab.transport.SessionObserver;
import dev.wslab.transport.SessionOptions;
import dev.wslab.transport.WebSocketSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code wslab connect URL}: an interactive client, like wscat or websocat. Each line of standard input
 * is sent as a text message; each message received is printed (text as is, binary as a hex preview).
 * End of input closes the connection with 1000 and waits for the server's Close (§7.1.2); the exit code
 * is 0 for that clean close and 1 for anything else. {@code --trace} prints every frame both ways.
 *
 * <p>Before that Close, connect waits for the answers to what it sent: a server that gets a Close answers
 * with its own at once (RFC 6455 §5.5.1) and may send nothing more, so closing right after the last line
 * would lose the replies still being made. It closes as soon as as many messages arrived as lines were
 * sent, or once the server has been silent for {@code --linger}.
 */
@Command(name = "connect",
        description = {"Connects to a WebSocket server: stdin lines are sent as text messages, received messages are printed.",
                "End of input (Ctrl-D) closes with 1000, once a message came back for each line sent or the server was",
                "silent for --linger. Exit code 0 after a clean close, 1 otherwise.",
                "Example: wslab connect ws://127.0.0.1:8080/echo --trace"},
        mixinStandardHelpOptions = true)
final class ConnectCommand implements Callable<Integer> {

    /** Where the lines to send come from; tests replace it with a pipe. */
    static volatile InputStream input = System.in;

    private static final int BINARY_PREVIEW_BYTES = 16;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "URL", description = "ws://host[:port]/path or wss://...")
    String url;

    @Option(names = "--subprotocol", paramLabel = "P", description = "offer this subprotocol (repeatable, most preferred first)")
    List<String> subprotocols = List.of();

    @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'", description = "send this header in the handshake (repeatable)")
    List<String> headers = List.of();

    @Option(names = "--origin", paramLabel = "O", description = "send Origin: O")
    String origin;

    @Option(names = "--trace", description = "print every frame both ways, the handshake and state changes to stderr")
    boolean trace;

    @Option(names = {"-k", "--insecure"}, description = "trust any certificate and host name (self-signed test servers only)")
    boolean insecure;

    @Option(names = "--ping-interval", paramLabel = "D", converter = DurationConverter.class,
            description = "send a Ping every D (e.g. 20s, 500ms; 0 for never); no Pong within D drops the connection (default: 20s)")
    Duration pingInterval;

    @Option(names = "--linger", paramLabel = "D", converter = DurationConverter.class,
            description = "at the end of input, wait up to D of silence from the server for the answers to the lines"
                    + " sent before closing (e.g. 500ms; 0 closes at once; default: 2s)")
    Duration linger = Duration.ofSeconds(2);

    @Mixin
    DeflateFlags deflate = new DeflateFlags();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClientOptions options;
        URI uri;
        try {
            uri = new URI(url);
            options = options(err);
        } catch (URISyntaxException e) {
            err.println("wslab: not a URL: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (IllegalArgumentException e) {
            err.println("wslab: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        AtomicReference<String> why = new AtomicReference<>(""); // e.g. "aborted: no Pong within 20000 ms"
        options = options.withObserver(ClientObserver.all(options.observer(), new SessionObserver() {
            @Override
            public void stateChanged(WebSocketSession session, ConnectionState state, String detail) {
                if (!detail.isEmpty()) {
                    why.set(detail);
                }
            }
        }));
        WebSocketSession session;
        try {
            session = WebSocketClient.connect(uri, options);
        } catch (ConnectFailedException e) {
            err.println("wslab: " + e.getMessage());
            return e.kind() == ConnectFailedException.Kind.BAD_URL ? Main.EXIT_USAGE : Main.EXIT_FAILURE;
        }
        err.println("connected to " + uri + session.subprotocol().map(p -> " (subprotocol " + p + ")").orElse("")
                + "; type lines to send, end of input to close");
        err.flush();
        Semaphore answers = new Semaphore(0);
        Thread printer = Thread.ofVirtual().name("connect-printer").start(() -> printMessages(session, out, answers));
        Thread.ofVirtual().name("connect-stdin").start(() -> sendLines(session, err, answers, linger));
        // Ctrl-C: say goodbye with 1001 (§7.4.1 "going away") rather than vanish (1006 at the server).
        Thread goodbye = new Thread(() -> session.close(CloseStatus.of(CloseCode.GOING_AWAY, "interrupted")));
        Runtime.getRuntime().addShutdownHook(goodbye);
        Event.Closed end;
        try {
            end = session.closed().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("closed() never fails", e);
        } finally {
            removeShutdownHook(goodbye);
        }
        printer.join();
        out.flush();
        boolean clean = end.cleanly() && end.received().code().equals(CloseCode.NORMAL_CLOSURE);
        String summary = "received " + end.received() + ", sent " + end.sent();
        if (!clean) {
            err.println("wslab: the connection did not close cleanly with 1000: " + summary
                    + (end.cleanly() ? "" : " (no closing handshake: the connection was dropped"
                    + (why.get().isEmpty() ? "" : ", " + why.get()) + ")"));
            return Main.EXIT_FAILURE;
        }
        err.println("closed: " + summary);
        return 0;
    }

    private ClientOptions options(PrintWriter err) {
        String problem = deflate.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        ClientOptions options = deflate.options().map(ClientOptions.DEFAULTS::withDeflate)
                .orElseGet(ClientOptions.DEFAULTS::withoutDeflate);
        if (!subprotocols.isEmpty()) {
            options = options.withSubprotocols(subprotocols.toArray(String[]::new));
        }
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--header must look like 'Name: value', got '" + header + "'");
            }
            options = options.withHeader(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        if (origin != null) {
            options = options.withOrigin(origin);
        }
        if (pingInterval != null) {
            options = options.withSession(SessionOptions.DEFAULTS.withHeartbeat(pingInterval, pingInterval));
        }
        if (insecure) {
            options = options.withTls(InsecureTls.context()).withVerifyHostname(false);
        }
        if (trace) {
            options = options.withObserver(new WireTrace(err, Clock.systemDefaultZone()));
        }
        return options;
    }

    /**
     * Prints each message received until the connection is closed, with a permit in {@code answers} for each;
     * at the end, permits enough for any wait.
     */
    private static void printMessages(WebSocketSession session, PrintWriter out, Semaphore answers) {
        try {
            for (var message = session.receive(); message.isPresent(); message = session.receive()) {
                switch (message.get()) {
                    case Message.Text text -> out.println(text.text());
                    case Message.Binary binary -> out.println(describe(binary.data()));
                }
                out.flush();
                answers.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            answers.release(Integer.MAX_VALUE / 2); // closed: nothing more to wait for
        }
    }

    /**
     * Sends each line of input as a text message; at the end of input, waits for as many answers as lines
     * (each within {@code linger} of the one before), then starts the closing handshake.
     */
    private static void sendLines(WebSocketSession session, PrintWriter err, Semaphore answers, Duration linger) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
            String line;
            long sent = 0;
            while ((line = lines.readLine()) != null) {
                session.sendText(line);
                sent++;
            }
            for (long answered = 0; answered < sent; answered++) {
                if (!answers.tryAcquire(linger.toMillis(), TimeUnit.MILLISECONDS)) {
                    break; // the server has been silent for the whole linger: it answers no more
                }
            }
            session.close(CloseStatus.NORMAL);
        } catch (IllegalStateException closing) {
            // the server closed the connection: nothing more can be sent
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.close(CloseStatus.NORMAL);
        } catch (IOException e) {
            err.println("wslab: reading standard input failed: " + e.getMessage());
            session.close(CloseStatus.of(CloseCode.GOING_AWAY, "input failed"));
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to undo
        }
    }

    /** Returns {@code <binary N bytes: 01 02 03 ...>}, showing up to 16 bytes. */
    static String describe(Payload data) {
        int shown = Math.min(data.length(), BINARY_PREVIEW_BYTES);
        String hex = HexFormat.ofDelimiter(" ").formatHex(data.toByteArray(), 0, shown);
        return "<binary " + data.length() + (data.length() == 1 ? " byte" : " bytes")
                + (shown == 0 ? "" : ": " + hex + (shown < data.length() ? " ..." : "")) + ">";
    }
}
