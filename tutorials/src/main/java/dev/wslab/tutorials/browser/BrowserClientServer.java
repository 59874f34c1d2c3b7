package dev.wslab.tutorials.browser;

import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * BrowserClientServer serves the browser client (client.html and wslab-client.js under {@code /web/})
 * and the two WebSockets that page opens: {@code /ws}, which answers the page's heartbeat pings and echoes
 * anything else, and {@code /log}, which receives the page's log lines.
 *
 * <p>Run it, open the printed URL, then stop and start it (same port) and watch the page reconnect
 * ({@code java} must be 21 or newer):
 * <pre>
 * mvn -q -pl tutorials compile exec:exec -Dexec.executable=java \
 *     -Dexec.args="-cp %classpath dev.wslab.tutorials.browser.BrowserClientServer 8080"
 * </pre>
 */
public final class BrowserClientServer {

    private BrowserClientServer() {
    }

    // tag::server[]
    /** Starts the server on {@code port} (0: any free one), serving {@code web}; page log lines go to {@code pageLog}. */
    public static WebSocketServer start(int port, Path web, Consumer<String> pageLog) throws IOException {
        return WebSocketServer.builder()
                .port(port)
                .staticFiles("/web/", web)                      // the page comes from us: same Origin
                .endpoint("/ws", BrowserClientServer::answerPings)
                .endpoint("/log", session -> {
                    Optional<Message> line;
                    while ((line = session.receive()).isPresent()) {
                        if (line.get() instanceof Message.Text(String text)) {
                            pageLog.accept(text);
                        }
                    }
                })
                .start();
    }
    // end::server[]

    // tag::pong[]
    /** Answers every ping message with the pong of the same sequence number; echoes anything else. */
    static void answerPings(WebSocketSession session) throws InterruptedException {
        Optional<Message> message;
        while ((message = session.receive()).isPresent()) {
            if (message.get() instanceof Message.Text(String text)) {
                OptionalLong seq = AppHeartbeat.pingSeq(text);
                session.sendText(seq.isPresent() ? AppHeartbeat.pong(seq.getAsLong()) : "echo: " + text);
            }
        }
    }
    // end::pong[]

    /** Serves on the port of the first argument (default 8080) until the process is stopped. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        try (WebSocketServer server = start(port, WebFiles.extractToTemporaryDirectory(),
                line -> System.out.println("page: " + line))) {
            System.out.println("open http://127.0.0.1:" + server.port() + "/web/client.html"
                    + "?heartbeat=2000&pongTimeout=1000&base=200&cap=5000");
            Thread.currentThread().join();
        }
    }
}
