package dev.wslab.conformance.wire;

import dev.wslab.conformance.Observed;
import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;
import dev.wslab.server.Endpoints;
import dev.wslab.server.ReferenceServer;
import dev.wslab.server.WebSocketServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The suite's raw client talks permessage-deflate (RFC 7692) with real servers on 127.0.0.1: it makes a
 * case's own offer, reads the answer, sends compressed messages and reads the server's compressed echoes.
 */
@DisplayName("WireConnection: permessage-deflate offered, agreed or declined")
class CompressedWireConnectionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** Long enough that the reference server compresses its echo (it leaves messages under 1024 bytes alone). */
    private static final byte[] PROSE = "a message that compresses well, said again and again. "
            .repeat(100).getBytes(StandardCharsets.UTF_8);

    @Test
    void a_compressing_server_agrees_and_echoes_compressed_messages_that_read_back_as_sent() throws Exception {
        try (WebSocketServer server = ReferenceServer.start()) {
            WireLog log = new WireLog();
            try (WireConnection wire = WireConnection.open(target(server),
                    DeflateNegotiation.offers("permessage-deflate; client_no_context_takeover"), log)) {
                assertThat(wire.deflate()).isPresent();
                assertThat(wire.deflate().get().clientToServer().context()).isEqualTo(ContextTakeover.RESET);

                wire.sendCompressed(Opcode.TEXT, PROSE, 0);
                wire.sendCompressed(Opcode.BINARY, PROSE, 64);
                wire.sendCompressed(Opcode.TEXT, new byte[0], 0);
                wire.awaitEvents(3, PATIENCE);

                assertThat(wire.observation().serverViolation()).isEmpty();
                assertThat(wire.observation().events()).containsExactly(
                        new Observed.Text(Payload.of(PROSE)),
                        new Observed.Binary(Payload.of(PROSE)),
                        new Observed.Text(Payload.EMPTY));
            }
            List<WireLog.Entry> received = log.entries().stream()
                    .filter(entry -> entry.direction() == WireLog.Direction.RECEIVED).toList();
            assertThat(received.get(0).text()).contains("permessage-deflate");
            // the log keeps the bytes as they came: the echo is compressed, so smaller than the message
            assertThat(received.stream().skip(1).mapToInt(entry -> entry.bytes().length).sum())
                    .isLessThan(PROSE.length);
        }
    }

    @Test
    void an_offer_with_a_window_hint_is_agreed_and_messages_fragmented_after_compression_round_trip() throws Exception {
        try (WebSocketServer server = ReferenceServer.start();
             WireConnection wire = WireConnection.open(target(server),
                     DeflateNegotiation.offers("permessage-deflate; client_max_window_bits=9"), new WireLog())) {
            assertThat(wire.deflate()).isPresent();

            wire.sendCompressed(Opcode.TEXT, PROSE, 100);
            wire.awaitEvents(1, PATIENCE);

            assertThat(wire.observation().events()).containsExactly(new Observed.Text(Payload.of(PROSE)));
        }
    }

    @Test
    void a_server_without_compression_declines_the_offer_and_the_connection_stays_open() throws Exception {
        try (WebSocketServer server = WebSocketServer.builder()
                .port(0).defaultEndpoint(Endpoints.echo()).start();
             WireConnection wire = WireConnection.open(target(server),
                     DeflateNegotiation.offers("permessage-deflate"), new WireLog())) {
            assertThat(wire.deflate()).isEmpty();
            assertThatThrownBy(() -> wire.sendCompressed(Opcode.TEXT, PROSE, 0))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    private static Target target(WebSocketServer server) {
        return Target.of(URI.create("ws://127.0.0.1:" + server.port() + "/"));
    }
}
