package dev.wslab.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.connection.Connection;
import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.handshake.ServerHandshake;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of {@link Connection}, the whole sans-I/O core from the first byte a peer
 * sends: the HTTP head of the opening handshake (§4), frames (§5), fragmentation (§5.4), control frames
 * (§5.5), UTF-8 (§8.1) and the closing handshake (§7). {@link Connection#receive} must never throw:
 * every broken rule becomes an {@link Event.Failed} (or a refused handshake), whatever the bytes; it must
 * never allocate beyond {@link FuzzInput#LIMITS}; and the events and the bytes it sends back must not
 * depend on how the bytes were split into socket reads.
 *
 * <p>Input layout ({@link FuzzInput}): byte 0 chooses the connection by its value modulo 3: 0, a server
 * from its handshake on ({@link Connection#server}, answering each request with
 * {@link ServerHandshake#validate}); 1, an open server; 2, an open client (both {@link Connection#open},
 * masking key 0). Byte 1 sets the split point; the rest is what the peer sends. The transport then ends
 * ({@link Connection#receiveEof}).
 *
 * <p>In every build ({@code mvn verify}) the test only replays the committed inputs of
 * {@code src/test/resources/dev/wslab/protocol/fuzz/ConnectionFuzzTestInputs/receivesAnyBytesAsEventsNeverAsAnException/}.
 * To fuzz (about two minutes, {@code maxDuration}; new crashing inputs are written to that directory):
 * <pre>{@code
 * JAZZER_FUZZ=1 mvn -B -pl protocol test -Dtest=ConnectionFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 */
class ConnectionFuzzTest {

    private static final ServerHandshake HANDSHAKE = ServerHandshake.create();

    /** Everything the connection reported and sent, and where it ended up. */
    private record Outcome(List<Event> events, String sentHex, ConnectionState state) {
    }

    @FuzzTest(maxDuration = "2m")
    void receivesAnyBytesAsEventsNeverAsAnException(byte[] data) {
        FuzzInput input = FuzzInput.of(data);
        int mode = input.variant() % 3;

        // Every 2 wire bytes can be an empty frame that yields no event (a non-final continuation): the
        // decoder's header and chunk for it are allowed on top of the per-event allowance.
        Outcome whole = input.checkAllocation(() -> receive(mode, input.wire()), outcome -> outcome.events().size(),
                input.wire().length / 2);

        assertThat(whole.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(receive(mode, input.first(), input.second())).as("split at %d", input.split()).isEqualTo(whole);
        assertThat(receive(mode, input.oneByteAtATime())).as("one byte at a time").isEqualTo(whole);
    }

    /** Gives the pieces to a new connection as successive socket reads, then ends the transport. */
    private static Outcome receive(int mode, byte[]... pieces) {
        Connection connection = switch (mode) {
            case 0 -> Connection.server(FuzzInput.LIMITS);
            case 1 -> Connection.open(Role.SERVER, FuzzInput.LIMITS, MaskingKeySource.fixed(0));
            default -> Connection.open(Role.CLIENT, FuzzInput.LIMITS, MaskingKeySource.fixed(0));
        };
        List<Event> events = new ArrayList<>();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            connection.receive(piece);
            drain(connection, events, sent);
        }
        connection.receiveEof();
        drain(connection, events, sent);
        return new Outcome(events, HexFormat.of().formatHex(sent.toByteArray()), connection.state());
    }

    /** Takes the events and the outgoing bytes, answering a handshake request as a server application does. */
    private static void drain(Connection connection, List<Event> events, ByteArrayOutputStream sent) {
        List<Event> taken = connection.takeEvents();
        events.addAll(taken);
        for (Event event : taken) {
            if (event instanceof Event.HandshakeRequested(var request)) {
                connection.respond(HANDSHAKE.validate(request));
                events.addAll(connection.takeEvents());
            }
        }
        sent.writeBytes(connection.takeOutgoingBytes());
    }
}
