package dev.wslab.tutorials.debugging;

import dev.wslab.client.ClientOptions;
import dev.wslab.client.WebSocketClient;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.handshake.ClientHandshake;
import dev.wslab.server.Endpoints;
import dev.wslab.server.Transition;
import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("State-transition logs: every CONNECTING, OPEN, CLOSING, CLOSED with a timestamp and a reason")
class StateTransitionLogTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static long closedCount(List<Transition> log) {
        return log.stream().filter(t -> t.state() == ConnectionState.CLOSED).count();
    }

    @Test
    @DisplayName("a clean conversation: the client logs CONNECTING, OPEN, CLOSING, CLOSED; the server CONNECTING, OPEN, CLOSED")
    void everyTransitionIsLogged() throws Exception {
        List<Transition> serverLog = new CopyOnWriteArrayList<>();
        // tag::server-log[]
        WebSocketServer server = WebSocketServer.builder()
                .endpoint("/echo", Endpoints.echo())
                .onTransition(transition -> serverLog.add(transition)) // besides the INFO line it logs anyway
                .start();
        // end::server-log[]
        try (server) {
            // tag::client-log[]
            StateLog clientLog = new StateLog(Clock.systemUTC(), change -> System.out.println("client " + change));
            WebSocketSession session = WebSocketClient.connect(URI.create(server.uri("/echo")),
                    ClientOptions.DEFAULTS.withObserver(clientLog));
            // end::client-log[]
            session.sendText("hi");
            assertThat(session.receive()).contains(new Message.Text("hi"));
            session.close();
            await(() -> closedCount(serverLog) == 1, "the server's CLOSED line");
            serverLog.forEach(t -> System.out.println("server " + t));

            List<StateChange> client = clientLog.changes();
            assertThat(client).extracting(StateChange::state).containsExactly(ConnectionState.CONNECTING,
                    ConnectionState.OPEN, ConnectionState.CLOSING, ConnectionState.CLOSED);
            assertThat(client).isSortedAccordingTo(Comparator.comparing(StateChange::at));
            assertThat(client.getFirst().detail()).isEqualTo("to " + server.uri("/echo"));
            assertThat(client.getLast().detail()).contains("received=1000", "sent=1000", "cleanly");

            assertThat(serverLog).extracting(Transition::state).containsExactly(ConnectionState.CONNECTING,
                    ConnectionState.OPEN, ConnectionState.CLOSED);
            assertThat(serverLog).isSortedAccordingTo(Comparator.comparing(Transition::at));
            assertThat(serverLog.get(1).detail()).startsWith("/echo");
            assertThat(serverLog.getLast().detail()).contains("code=1000", "cleanly");
        }
    }

    @Test
    @DisplayName("thrashing: connections that open and close at once, over and over, stand out in the log")
    void thrashing() throws Exception {
        List<Transition> flakyLog = new CopyOnWriteArrayList<>();
        List<Transition> healthyLog = new CopyOnWriteArrayList<>();
        // The failure: an endpoint that refuses every client right after the handshake (say, the token
        // check moved after the upgrade and every token is "expired"), and clients that reconnect at once.
        // tag::flaky[]
        try (WebSocketServer flaky = WebSocketServer.builder()
                .endpoint("/feed", session -> session.close(CloseStatus.of(CloseCode.of(4001), "token expired")))
                .onTransition(flakyLog::add).start()) {
            for (int i = 0; i < 5; i++) {
                WebSocketSession session = WebSocketClient.connect(URI.create(flaky.uri("/feed")), ClientOptions.DEFAULTS);
                session.closed().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            await(() -> closedCount(flakyLog) == 5, "five CLOSED lines");
        }
        // end::flaky[]
        flakyLog.forEach(t -> System.out.println("flaky " + t));
        // The same number of connections that do their work and stay open (here 2 s) is not thrashing.
        try (WebSocketServer healthy = WebSocketServer.builder().endpoint("/feed", Endpoints.echo())
                .onTransition(healthyLog::add).start()) {
            List<WebSocketSession> sessions = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sessions.add(WebSocketClient.connect(URI.create(healthy.uri("/feed")), ClientOptions.DEFAULTS));
            }
            Thread.sleep(2000);
            sessions.forEach(WebSocketSession::close);
            await(() -> closedCount(healthyLog) == 5, "five CLOSED lines");
        }

        // tag::detect[]
        Duration maxOpen = Duration.ofSeconds(1);
        assertThat(TransitionPatterns.thrashing(flakyLog, 5, maxOpen)).isTrue();
        assertThat(TransitionPatterns.shortLived(flakyLog, maxOpen))
                .allSatisfy(life -> assertThat(life.closeDetail()).contains("4001"));
        assertThat(TransitionPatterns.thrashing(healthyLog, 5, maxOpen)).isFalse();
        assertThat(TransitionPatterns.shortLived(healthyLog, maxOpen)).isEmpty();
        // end::detect[]
    }

    @Test
    @DisplayName("slow CONNECTING: a handshake whose bytes come late keeps the connection in CONNECTING")
    void slowConnecting() throws Exception {
        List<Transition> log = new CopyOnWriteArrayList<>();
        InetSocketAddress slowClient;
        try (WebSocketServer server = WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .onTransition(log::add).start()) {
            URI uri = URI.create(server.uri("/echo"));
            // One client on a good network...
            WebSocketClient.connect(uri, ClientOptions.DEFAULTS).close();
            // ...and one whose request's last bytes are 3 s late, as over a lossy link.
            // tag::slow[]
            byte[] request = ClientHandshake.create(uri, new SecureRandom()).request().toBytes();
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                slowClient = (InetSocketAddress) socket.getLocalSocketAddress();
                OutputStream out = socket.getOutputStream();
                out.write(Arrays.copyOf(request, request.length - 2));
                out.flush();
                Thread.sleep(3000);
                out.write(request, request.length - 2, 2);
                out.flush();
                // end::slow[]
                socket.setSoTimeout((int) TIMEOUT.toMillis());
                InputStream in = socket.getInputStream();
                assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII))
                        .isEqualTo("HTTP/1.1 101");
            }
            await(() -> closedCount(log) == 2, "two CLOSED lines");
        }
        log.forEach(t -> System.out.println("server " + t));

        List<ConnectionLife> slow = TransitionPatterns.slowConnecting(log, Duration.ofSeconds(2));
        assertThat(slow).singleElement().satisfies(life -> {
            assertThat(life.remote()).isEqualTo(slowClient);
            // About the client's 3 s pause, not exactly: the server's stamps are wall-clock instants taken as it
            // handles each step, not when the bytes left the client (a fresh-clone run measured 2.9975 s).
            assertThat(life.connectingFor()).hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(2500)));
            assertThat(life.opened()).isPresent();
        });
    }
}
