package dev.wslab.tutorials.handshake;

import dev.wslab.client.ClientOptions;
import dev.wslab.client.ConnectFailedException;
import dev.wslab.client.WebSocketClient;
import dev.wslab.protocol.handshake.ClientHandshakeResult;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.http.HttpResponse;
import dev.wslab.server.Endpoints;
import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.WebSocketSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The failure table of the handshake page, row by row: each status is provoked with a real feature of the
 * wslab server, and the test states what the client sees and what the server logs.
 */
@DisplayName("Anything other than 101 is a failed handshake: what each status means")
class HandshakeFailuresTest {

    private final ServerLog serverLog = new ServerLog();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    private <T extends AutoCloseable> T use(T resource) {
        resources.add(resource);
        return resource;
    }

    private static URI uri(WebSocketServer server, String path) {
        return URI.create(server.uri(path));
    }

    /** Connects with our client and returns the failure it reports; fails the test if it connects. */
    private static ConnectFailedException refused(URI uri, ClientOptions options) {
        return catchThrowableOfType(ConnectFailedException.class, () -> WebSocketClient.connect(uri, options).close());
    }

    /** Returns the response of a failed raw handshake; fails the test if the handshake was accepted. */
    private static HttpResponse refusedRaw(ClientHandshakeResult result) {
        assertThat(result).isInstanceOf(HandshakeFailure.class);
        return ((HandshakeFailure) result).response().orElseThrow();
    }

    @Test
    @DisplayName("400: malformed WebSocket headers, here a Sec-WebSocket-Key that is not 16 base64 bytes")
    void badRequest() throws Exception {
        WebSocketServer server = use(WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .onTransition(serverLog).start());
        // tag::status-400[]
        HttpResponse response = refusedRaw(RawHandshake.send(uri(server, "/echo"), RawHandshake.BROKEN_KEY));
        assertThat(response.status()).isEqualTo(400);
        assertThat(serverLog.awaitLine("handshake refused 400"))
                .contains("the Sec-WebSocket-Key is not the base64 encoding of 16 bytes");
        // end::status-400[]
    }

    @Test
    @DisplayName("401: authentication failed; the answer says how to authenticate")
    void unauthorized() throws Exception {
        WebSocketServer server = use(GuardedServers.authenticated(serverLog));
        // tag::status-401[]
        ConnectFailedException failure = refused(uri(server, "/echo"), ClientOptions.DEFAULTS);
        assertThat(failure.httpStatus()).hasValue(401);
        HttpResponse response = failure.handshakeFailure().orElseThrow().response().orElseThrow();
        assertThat(response.headers().first("WWW-Authenticate")).hasValue("Bearer");

        WebSocketSession withToken = use(WebSocketClient.connect(
                uri(server, "/echo?token=" + GuardedServers.TOKEN), ClientOptions.DEFAULTS));
        // end::status-401[]
        assertThat(withToken.subprotocol()).isEmpty();
        assertThat(serverLog.awaitLine("handshake refused 401")).contains("missing or wrong token");
    }

    @Test
    @DisplayName("403: refused by policy, here an Origin that is not on the allow-list")
    void forbiddenOrigin() throws Exception {
        WebSocketServer server = use(GuardedServers.originChecked(serverLog));
        // tag::status-403[]
        ConnectFailedException failure = refused(uri(server, "/echo"),
                ClientOptions.DEFAULTS.withOrigin("https://evil.example.net"));
        assertThat(failure.httpStatus()).hasValue(403);
        assertThat(serverLog.awaitLine("handshake refused 403"))
                .contains("the Origin is not allowed (got https://evil.example.net)");

        use(WebSocketClient.connect(uri(server, "/echo"), ClientOptions.DEFAULTS.withOrigin(GuardedServers.ALLOWED_ORIGIN)));
        // end::status-403[]
    }

    @Test
    @DisplayName("426: a wrong version; the answer lists the version the server speaks")
    void upgradeRequired() throws Exception {
        WebSocketServer server = use(WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .onTransition(serverLog).start());
        // tag::status-426[]
        HttpResponse response = refusedRaw(RawHandshake.send(uri(server, "/echo"), RawHandshake.DRAFT_VERSION));
        assertThat(response.status()).isEqualTo(426);
        assertThat(response.headers().first("Sec-WebSocket-Version")).hasValue("13");
        // end::status-426[]
        assertThat(serverLog.awaitLine("handshake refused 426")).contains("the Sec-WebSocket-Version is not 13");
    }

    @Test
    @DisplayName("429: too many handshakes from one address, as in a reconnect storm")
    void tooManyRequests() throws Exception {
        // tag::status-429[]
        WebSocketServer server = use(GuardedServers.rateLimited(0.01, 3, serverLog));
        for (int attempt = 1; attempt <= 3; attempt++) {
            WebSocketClient.connect(uri(server, "/echo"), ClientOptions.DEFAULTS).close();
        }
        ConnectFailedException fourth = refused(uri(server, "/echo"), ClientOptions.DEFAULTS);
        assertThat(fourth.httpStatus()).hasValue(429);
        HttpResponse response = fourth.handshakeFailure().orElseThrow().response().orElseThrow();
        assertThat(response.headers().first("Retry-After")).isPresent();
        // end::status-429[]
        assertThat(fourth.getMessage()).contains("back off before reconnecting");
    }

    @Test
    @DisplayName("5xx: the server cannot take the connection now (503 with Retry-After)")
    void serviceUnavailable() throws Exception {
        WebSocketServer server = use(GuardedServers.singleConnection(serverLog));
        // tag::status-503[]
        use(WebSocketClient.connect(uri(server, "/echo"), ClientOptions.DEFAULTS));
        ConnectFailedException second = refused(uri(server, "/echo"), ClientOptions.DEFAULTS);
        assertThat(second.httpStatus()).hasValue(503);
        assertThat(second.getMessage()).contains("at its connection limit; retry later");
        // end::status-503[]
        assertThat(serverLog.awaitLine("handshake refused 503")).contains("connections already");
    }

    @Test
    @DisplayName("5xx: a hook that throws during the upgrade gets 500, and the cause is in the server's log")
    void crashDuringTheUpgrade() throws Exception {
        WebSocketServer server = use(GuardedServers.crashingHook(serverLog));
        // tag::crash[]
        ConnectFailedException failure = refused(uri(server, "/echo"), ClientOptions.DEFAULTS);
        assertThat(failure.httpStatus()).hasValue(500);
        assertThat(failure.getMessage()).contains("the server failed while handling the upgrade (see its logs)");
        assertThat(failure.handshakeFailure().orElseThrow().kind())
                .isEqualTo(HandshakeFailure.Kind.UNEXPECTED_STATUS);
        // end::crash[]
        assertThat(serverLog.awaitLine("handshake refused 500")).contains("failed while handling the upgrade");
    }
}
