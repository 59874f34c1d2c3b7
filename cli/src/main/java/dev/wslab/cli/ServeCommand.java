package dev.wslab.cli;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.server.Endpoints;
import dev.wslab.server.WebSocketServer;
import dev.wslab.server.WebSocketServerBuilder;
import dev.wslab.transport.SessionOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code wslab serve}: an echo server on every path, for trying clients against. It shuts down
 * gracefully on Ctrl-C or SIGTERM: every client gets a Close frame with 1001 (Going Away).
 */
@Command(name = "serve",
        description = {"Runs a WebSocket echo server: every message sent to any path comes back.",
                "Also answers GET /healthz (200 ok) and GET /metrics (Prometheus).",
                "Compresses with permessage-deflate (RFC 7692) when the client offers it, unless --no-deflate.",
                "Example: wslab serve --port 8080, then connect to ws://127.0.0.1:8080/"},
        mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {

    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "the port to listen on; 0 picks a free one (default: 8080)")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "the address to listen on (default: 127.0.0.1; 0.0.0.0 for every interface)")
    String bind;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "a PKCS#12 keystore: serve wss:// instead of ws://")
    Path tlsKeystore;

    @Option(names = "--tls-password", paramLabel = "PW", description = "the keystore's password")
    String tlsPassword;

    @Option(names = "--max-message-size", paramLabel = "BYTES",
            description = "the largest message accepted; larger ones close with 1009 (default: 1048576)")
    Long maxMessageSize;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "the most connections at once; more get 503 (default: 10000)")
    Integer maxConnections;

    @Option(names = "--ping-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "how often to Ping each client, e.g. 20s, 500ms, 0 for never (default: 20s)")
    Duration pingInterval;

    @Option(names = "--ping-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "how long to wait for the Pong before dropping the client (default: 20s)")
    Duration pingTimeout;

    @Mixin
    DeflateFlags deflate = new DeflateFlags();

    /** A test seam: stop by itself after this long, as if Ctrl-C had been pressed. */
    @Option(names = "--exit-after", hidden = true, converter = DurationConverter.class)
    Duration exitAfter;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        String problem = checkOptions();
        if (problem != null) {
            err.println("wslab: " + problem);
            return Main.EXIT_USAGE;
        }
        // One line per log record (java.util.logging's default takes two), unless the user chose a format.
        if (System.getProperty(LOG_FORMAT) == null) {
            System.setProperty(LOG_FORMAT, "%4$s: %5$s%6$s%n");
        }
        WebSocketServer server;
        try {
            server = configure().start();
        } catch (UnknownHostException e) {
            err.println("wslab: unknown bind address: " + bind);
            return Main.EXIT_USAGE;
        } catch (BindException e) {
            err.println("wslab: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return Main.EXIT_FAILURE;
        } catch (IOException e) {
            err.println("wslab: " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
        spec.commandLine().getOut().println("wslab: echo server listening on " + server.uri("/") + " (Ctrl-C to stop)");
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.shutdown(CloseStatus.of(CloseCode.GOING_AWAY, "server shutting down"), Duration.ofSeconds(5));
            stopped.countDown();
        }, "wslab-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (exitAfter == null) {
            stopped.await(); // until Ctrl-C or SIGTERM runs the hook
        } else if (!stopped.await(exitAfter.toMillis(), TimeUnit.MILLISECONDS)) {
            Runtime.getRuntime().removeShutdownHook(hook);
            hook.run();
        }
        return 0;
    }

    /** Returns what is wrong with the options together, or null. */
    private String checkOptions() {
        if (port < 0 || port > 65535) {
            return "--port must be 0-65535, got " + port;
        }
        if ((tlsKeystore == null) != (tlsPassword == null)) {
            return "--tls-keystore and --tls-password go together";
        }
        if (maxMessageSize != null && (maxMessageSize < 1 || maxMessageSize > Limits.MAX_ARRAY_SIZE)) {
            return "--max-message-size must be 1-" + Limits.MAX_ARRAY_SIZE + ", got " + maxMessageSize;
        }
        if (maxConnections != null && maxConnections < 1) {
            return "--max-connections must be at least 1, got " + maxConnections;
        }
        return deflate.problem();
    }

    private WebSocketServerBuilder configure() throws UnknownHostException {
        SessionOptions options = SessionOptions.DEFAULTS;
        options = options.withHeartbeat(pingInterval != null ? pingInterval : options.pingInterval(),
                pingTimeout != null ? pingTimeout : options.pingTimeout());
        WebSocketServerBuilder builder = WebSocketServer.builder().bindAddress(bind).port(port)
                .defaultEndpoint(Endpoints.echo()).sessionOptions(options);
        deflate.options().ifPresent(builder::deflate); // on unless --no-deflate, as browsers expect
        if (maxMessageSize != null) {
            builder.limits(Limits.DEFAULTS.withMaxMessageSize(maxMessageSize));
        }
        if (maxConnections != null) {
            builder.maxConnections(maxConnections);
        }
        if (tlsKeystore != null) {
            builder.tls(tlsKeystore, tlsPassword);
        }
        return builder;
    }
}
