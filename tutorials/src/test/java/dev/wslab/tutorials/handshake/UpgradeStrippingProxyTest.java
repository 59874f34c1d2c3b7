package dev.wslab.tutorials.handshake;

import dev.wslab.client.ClientOptions;
import dev.wslab.client.ConnectFailedException;
import dev.wslab.client.WebSocketClient;
import dev.wslab.protocol.handshake.ClientHandshake;
import dev.wslab.protocol.handshake.HandshakeFailure;
import dev.wslab.protocol.http.HttpRequest;
import dev.wslab.server.Endpoints;
import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;
import dev.wslab.tutorials.handshake.UpgradeStrippingProxy.Mode;
import dev.wslab.tutorials.relay.TcpRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("Lab: a proxy that strips the Upgrade header breaks the opening handshake")
class UpgradeStrippingProxyTest {

    private final ServerLog serverLog = new ServerLog();
    private WebSocketServer server;
    private InetSocketAddress serverAddress;

    @BeforeEach
    void startServer() throws Exception {
        server = WebSocketServer.builder().endpoint("/echo", Endpoints.echo()).onTransition(serverLog).start();
        serverAddress = new InetSocketAddress("127.0.0.1", server.port());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Opens a connection, sends one message and returns its echo. */
    private static String echoThrough(URI uri) throws Exception {
        try (WebSocketSession session = WebSocketClient.connect(uri, ClientOptions.DEFAULTS)) {
            session.sendText("hello");
            return session.receive().map(message -> ((Message.Text) message).text()).orElse("(nothing)");
        }
    }

    @Test
    @DisplayName("directly, the handshake succeeds and messages flow")
    void directly() throws Exception {
        assertThat(echoThrough(URI.create(server.uri("/echo")))).isEqualTo("hello");
    }

    @Test
    @DisplayName("through the stripping proxy, the client sees 426 instead of 101 and the connection never opens")
    void throughTheStrippingProxy() throws Exception {
        try (TcpRelay proxy = UpgradeStrippingProxy.start(serverAddress, Mode.STRIPS_HOP_BY_HOP)) {
            // tag::client-sees[]
            ConnectFailedException failure = catchThrowableOfType(ConnectFailedException.class,
                    () -> WebSocketClient.connect(proxy.uri("/echo"), ClientOptions.DEFAULTS));

            assertThat(failure.kind()).isEqualTo(ConnectFailedException.Kind.HANDSHAKE_FAILED);
            assertThat(failure.httpStatus()).hasValue(426);
            assertThat(failure.getMessage()).contains("the server did not switch protocols (426 \"Upgrade Required\"");
            // The answer carries no Sec-WebSocket-Version: the server did not object to our version,
            // it never saw a WebSocket request at all.
            HandshakeFailure handshake = failure.handshakeFailure().orElseThrow();
            assertThat(handshake.response().orElseThrow().headers().contains("Sec-WebSocket-Version")).isFalse();
            // end::client-sees[]

            // tag::server-sees[]
            assertThat(proxy.forwardedRequests()).singleElement().satisfies(forwarded -> {
                assertThat(forwarded.headers().contains("Upgrade")).isFalse();
                assertThat(forwarded.headers().contains("Connection")).isFalse();
                assertThat(forwarded.headers().contains("Sec-WebSocket-Key")).isTrue();
            });
            assertThat(serverLog.awaitLine("handshake refused 426"))
                    .contains("the request is not a WebSocket handshake (no Upgrade header)");
            // end::server-sees[]
        }
    }

    @Test
    @DisplayName("the fix: a proxy that forwards Upgrade and Connection lets the handshake through")
    void throughAForwardingProxy() throws Exception {
        try (TcpRelay proxy = UpgradeStrippingProxy.start(serverAddress, Mode.FORWARDS_UPGRADE)) {
            assertThat(echoThrough(proxy.uri("/echo"))).isEqualTo("hello");
            assertThat(proxy.forwardedRequests()).singleElement()
                    .satisfies(forwarded -> assertThat(forwarded.headers().containsToken("Upgrade", "websocket")).isTrue());
        }
    }

    @Test
    @DisplayName("stripping drops exactly the hop-by-hop Upgrade and Connection fields, nothing else")
    void rewriteKeepsTheOtherFields() {
        HttpRequest request = ClientHandshake.create(URI.create("ws://example.com/chat"), new SecureRandom()).request();
        HttpRequest stripped = UpgradeStrippingProxy.rewrite(request, Mode.STRIPS_HOP_BY_HOP);
        assertThat(stripped.headers().size()).isEqualTo(request.headers().size() - 2);
        assertThat(stripped.headers().first("Sec-WebSocket-Version")).hasValue("13");
        assertThat(UpgradeStrippingProxy.rewrite(request, Mode.FORWARDS_UPGRADE)).isEqualTo(request);
    }
}
