package dev.wslab.tutorials.closecodes;

import dev.wslab.client.ClientOptions;
import dev.wslab.client.ConnectFailedException;
import dev.wslab.client.WebSocketClient;
import dev.wslab.protocol.Limits;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Event;
import dev.wslab.server.Endpoints;
import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.WebSocketSession;
import dev.wslab.tutorials.relay.TcpRelay;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * CloseCodeLab provokes four close codes against a real wslab server, and shows each from both sides:
 * the client's {@link CloseLog} and the server's transition log ({@link ServerCloseLog}).
 *
 * <ul>
 *   <li>1006: a box in the middle drops the TCP connection ({@link TcpRelay}, which cuts it);</li>
 *   <li>1007: a client sends a text message that is not UTF-8;</li>
 *   <li>1009: a client sends a message over the server's limit;</li>
 *   <li>4001: the application refuses an invalid token, and the client refreshes it and reconnects.</li>
 * </ul>
 *
 * Run it: {@code mvn -pl tutorials test -Dtest=CloseCodeLabTest}, or this class's main method.
 */
public final class CloseCodeLab implements AutoCloseable {

    /** The server's message size limit in this lab: small, so that a 1009 is cheap to provoke. */
    public static final int MAX_MESSAGE_SIZE = 1024;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ServerCloseLog serverLog = new ServerCloseLog();
    private final CloseLog clientLog = new CloseLog("client");
    private final TokenIssuer tokens = new TokenIssuer();
    private final WebSocketServer server;

    // tag::server[]
    public CloseCodeLab() throws IOException {
        server = WebSocketServer.builder()
                .limits(Limits.DEFAULTS.withMaxMessageSize(MAX_MESSAGE_SIZE)) // larger: 1009
                .endpoint("/echo", Endpoints.echo())
                .endpoint("/app", new TokenCheckingHandler(tokens))           // invalid token: 4001
                .onTransition(serverLog)       // every transition, CLOSED with its code and reason
                .start();
    }
    // end::server[]

    public ServerCloseLog serverLog() {
        return serverLog;
    }

    public CloseLog clientLog() {
        return clientLog;
    }

    public TokenIssuer tokens() {
        return tokens;
    }

    public WebSocketServer server() {
        return server;
    }

    private ClientOptions options() {
        return ClientOptions.DEFAULTS.withObserver(clientLog);
    }

    /** 1006: the connection goes through a relay that drops it, as an idle timeout or a crash would. */
    // tag::drop[]
    public CloseStatus networkDrop() throws Exception {
        try (TcpRelay relay = TcpRelay.to(server.port()).start()) {
            WebSocketSession session = WebSocketClient.connect(relay.uri("/echo"), options());
            session.sendText("hello");
            session.receive();      // the echo: the path works
            relay.cutAll();         // the proxy's idle timeout fires: TCP closed, no Close frame
            return CloseLog.seenStatus(end(session));
        }
    }
    // end::drop[]

    /** 1007: "café" sent as text in Latin-1, where é is the lone byte 0xE9: not UTF-8. */
    // tag::bad-utf8[]
    public List<Event> invalidUtf8() throws IOException {
        byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1); // 63 61 66 E9
        return InvalidUtf8Client.sendText(URI.create(server.uri("/echo")), latin1);
    }
    // end::bad-utf8[]

    /** 1009: one byte over the server's limit. */
    // tag::too-big[]
    public CloseStatus tooBig() throws Exception {
        WebSocketSession session = WebSocketClient.connect(URI.create(server.uri("/echo")), options());
        session.sendText("x".repeat(MAX_MESSAGE_SIZE + 1));
        return CloseLog.seenStatus(end(session));
    }
    // end::too-big[]

    /** 4001: the client holds a token that has expired; the server refuses it, the client refreshes it. */
    // tag::expired-token[]
    public TokenClient.Authenticated expiredToken() throws Exception {
        String token = tokens.issue();
        tokens.revoke(token); // it expires while the client still holds it
        TokenClient client = new TokenClient(URI.create(server.uri("/app")), token, tokens::issue, clientLog);
        return client.connect(3);
    }
    // end::expired-token[]

    private static Event.Closed end(WebSocketSession session)
            throws InterruptedException, ExecutionException, TimeoutException {
        return session.closed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.close();
    }

    /** Provokes each code and prints what both sides logged. */
    public static void main(String[] args) throws Exception {
        try (CloseCodeLab lab = new CloseCodeLab()) {
            System.out.println("network drop:  client saw " + lab.networkDrop());
            System.out.println("invalid UTF-8: client saw " + lab.invalidUtf8());
            System.out.println("too big:       client saw " + lab.tooBig());
            TokenClient.Authenticated authenticated = lab.expiredToken();
            System.out.println("expired token: authenticated after " + authenticated.attempts() + " connections");
            authenticated.session().close();
            lab.serverLog().awaitCloses(5, WAIT).forEach(line -> System.out.println("server: " + line));
        } catch (ConnectFailedException e) {
            System.out.println(e.getMessage());
        }
    }
}
