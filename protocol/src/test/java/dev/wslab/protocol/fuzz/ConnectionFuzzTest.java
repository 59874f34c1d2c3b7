package dev.wslab.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.connection.Connection;
import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.connection.ServerOpening;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.handshake.ServerHandshake;
import dev.wslab.protocol.handshake.ServerHandshakeResult;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
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
 * from its handshake on (a {@link ServerOpening}, answering the request with {@link ServerHandshake#validate}
 * and going on with the connection it opens); 1, an open server; 2, an open client (both
 * {@link Connection#open}, masking key 0). Byte 1 sets the split point; the rest is what the peer sends. The
 * transport then ends ({@link Connection#receiveEof}, or {@link ServerOpening#receiveEof} before a request).
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

    /**
     * Everything the opening and the connection reported and sent, and where it ended up (CLOSED too when
     * no connection opened).
     */
    private record Outcome(List<ServerOpening.Outcome> opening, List<Event> events, String sentHex,
                           ConnectionState state) {
    }

    @FuzzTest(maxDuration = "2m")
    void receivesAnyBytesAsEventsNeverAsAnException(byte[] data) {
        FuzzInput input = FuzzInput.of(data);
        int mode = input.variant() % 3;

        // Every 2 wire bytes can be an empty frame that yields no event (a non-final continuation): the
        // decoder's header and chunk for it are allowed on top of the per-event allowance.
        Outcome whole = input.checkAllocation(() -> receive(mode, input.wire()),
                outcome -> outcome.opening().size() + outcome.events().size(), input.wire().length / 2);

        assertThat(whole.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(receive(mode, input.first(), input.second())).as("split at %d", input.split()).isEqualTo(whole);
        assertThat(receive(mode, input.oneByteAtATime())).as("one byte at a time").isEqualTo(whole);
    }

    /** Gives the pieces to a new connection as successive socket reads, then ends the transport. */
    private static Outcome receive(int mode, byte[]... pieces) {
        Endpoint endpoint = switch (mode) {
            case 0 -> new Endpoint(new ServerOpening(FuzzInput.LIMITS));
            case 1 -> new Endpoint(Connection.open(Role.SERVER, FuzzInput.LIMITS, MaskingKeySource.fixed(0)));
            default -> new Endpoint(Connection.open(Role.CLIENT, FuzzInput.LIMITS, MaskingKeySource.fixed(0)));
        };
        for (byte[] piece : pieces) {
            endpoint.receive(ByteBuffer.wrap(piece));
        }
        endpoint.receiveEof();
        return endpoint.outcome();
    }

    /** The side under test: a server's opening until it ends, then the connection it opened, if any. */
    private static final class Endpoint {

        private final ServerOpening opening;
        private final List<ServerOpening.Outcome> openingOutcomes = new ArrayList<>();
        private final List<Event> events = new ArrayList<>();
        private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        private Connection connection;

        Endpoint(ServerOpening opening) {
            this.opening = opening;
        }

        Endpoint(Connection connection) {
            this.opening = null;
            this.connection = connection;
        }

        void receive(ByteBuffer bytes) {
            if (connection != null) {
                connection.receive(bytes);
                drain();
            } else if (openingOutcomes.isEmpty()) {
                opening.receive(bytes).ifPresent(this::answer);
            }
        }

        void receiveEof() {
            if (connection != null) {
                connection.receiveEof();
                drain();
            } else if (openingOutcomes.isEmpty()) {
                openingOutcomes.add(opening.receiveEof());
            }
        }

        /** Answers the opening's outcome as a server application does. */
        private void answer(ServerOpening.Outcome outcome) {
            openingOutcomes.add(outcome);
            switch (outcome) {
                case ServerOpening.RequestReceived received -> {
                    ServerHandshakeResult result = HANDSHAKE.validate(received.request());
                    sent.writeBytes(result.toBytes());
                    if (result instanceof ServerHandshakeResult.Accepted accepted) {
                        connection = opening.accept(accepted);
                        drain();
                    }
                }
                case ServerOpening.Refused refused -> sent.writeBytes(refused.rejection().toBytes());
                case ServerOpening.ClosedBeforeRequest closed -> { }
            }
        }

        private void drain() {
            events.addAll(connection.takeEvents());
            sent.writeBytes(connection.takeOutgoingBytes());
        }

        Outcome outcome() {
            ConnectionState state = connection != null ? connection.state() : ConnectionState.CLOSED;
            return new Outcome(openingOutcomes, events, HexFormat.of().formatHex(sent.toByteArray()), state);
        }
    }
}
