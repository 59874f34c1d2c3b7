package dev.wslab.server;

import dev.wslab.client.ClientOptions;
import dev.wslab.client.WebSocketClient;
import dev.wslab.protocol.Limits;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.deflate.LiveCodecs;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Deflater and Inflater holds native zlib memory the garbage collector does not see: each must be
 * ended when its connection closes, however it closes. Both ends here are wslab's (client and server), so
 * {@link LiveCodecs} counts four codecs per open connection that has sent one compressed message each way.
 */
@DisplayName("Deflaters and Inflaters are ended on every close path: normal close, failure, TCP drop")
class CodecReleaseTest {

    /** Connections per close path: 3 x 667 = 2001 connections opened and closed. */
    private static final int ROUNDS = 667;
    /** Compresses well, and is sent compressed because the threshold is 0: makes all four codecs. */
    private static final String GREETING = "compress me ".repeat(20);
    /** 64 KiB of one letter: a few hundred bytes on the wire, past the server's 4 KiB message limit inflated. */
    private static final String BOMB = "a".repeat(64 * 1024);

    private enum ClosePath { NORMAL_CLOSE, FAILURE, TCP_DROP }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a guard against a hang, not a timing target
    void theLiveCodecCountReturnsToZeroAfterTwoThousandConnections() throws Exception {
        long before = LiveCodecs.count();
        DeflateOptions compressEverything = DeflateOptions.DEFAULTS.withMinimumSize(0);
        try (WebSocketServer server = WebSocketServer.builder().endpoint("/echo", Endpoints.echo())
                .limits(Limits.DEFAULTS.withMaxMessageSize(4096)).deflate(compressEverything).start()) {
            URI uri = URI.create(server.uri("/echo"));
            ClientOptions client = ClientOptions.DEFAULTS.withDeflate(compressEverything);
            long mostSeen = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (ClosePath path : ClosePath.values()) {
                    WebSocketSession session = WebSocketClient.connect(uri, client);
                    session.sendText(GREETING);
                    assertThat(session.receive()).contains(new Message.Text(GREETING));
                    // The client's codecs are live now; the server's deflater too, its echo having been sent.
                    mostSeen = Math.max(mostSeen, LiveCodecs.count() - before);
                    end(session, path);
                }
            }
            // The server's side of a connection ends a little after the client's: wait for its sessions to end.
            while (server.openSessions() > 0) {
                Thread.sleep(10);
            }
            assertThat(mostSeen).as("codecs counted while connections were open").isGreaterThanOrEqualTo(3);
            assertThat(LiveCodecs.count() - before).as("codecs still held after every connection closed").isZero();
        }
    }

    private static void end(WebSocketSession session, ClosePath path) throws Exception {
        switch (path) {
            case NORMAL_CLOSE -> {
                session.close(CloseStatus.NORMAL);
                assertThat(session.closed().get().cleanly()).isTrue();
            }
            case FAILURE -> {
                // RFC 7692 §8 (implementation notes) and RFC 6455 §7.4.1: the server fails the connection with
                // 1009 when the message inflates past its limit.
                session.sendText(BOMB);
                Event.Closed closed = session.closed().get();
                assertThat(closed.received().code()).isEqualTo(CloseCode.MESSAGE_TOO_BIG);
            }
            case TCP_DROP -> {
                session.abort("the test drops TCP");
                session.closed().get();
            }
        }
    }
}
