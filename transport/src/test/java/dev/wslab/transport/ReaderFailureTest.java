package dev.wslab.transport;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Connection;
import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.frame.MaskingKeySource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("WebSocketSession: a RuntimeException in the reader still ends the connection")
class ReaderFailureTest {

    /** A masked client text frame "Hi": 81 = FIN + text, 82 = MASK + length 2, key 01 02 03 04, "Hi" masked. */
    private static final byte[] MASKED_HI = HexFormat.of().parseHex("818201020304496b");

    @Test
    @DisplayName("the connection is told the transport ended (CLOSED, codec released) and the session ends as 1006")
    void aBugThatThrowsWhileReadingClosesTheConnection() throws Exception {
        SessionObserver throwsOnInput = new SessionObserver() {
            @Override
            public void bytes(WebSocketSession session, Direction direction, byte[] bytes, int offset, int length) {
                if (direction == Direction.INBOUND) {
                    throw new IllegalStateException("a bug in the observer");
                }
            }
        };
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             Socket accepted = listener.accept()) {
            Connection connection = Connection.open(Role.SERVER, Limits.DEFAULTS, MaskingKeySource.seeded(1));
            WebSocketSession server = WebSocketSession.start(accepted, connection, Optional.empty(), List.of(),
                    SessionOptions.DEFAULTS, throwsOnInput);

            client.getOutputStream().write(MASKED_HI);
            Event.Closed end = server.closed().get(10, TimeUnit.SECONDS);

            assertThat(end.received()).isEqualTo(CloseStatus.ABNORMAL);
            assertThat(end.cleanly()).isFalse();
            // receiveEof() ran: the connection is CLOSED, which is where it ends its Deflater and Inflater.
            assertThat(server.state()).isEqualTo(ConnectionState.CLOSED);
            assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
        }
    }
}
