package dev.wslab.protocol.connection;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.frame.FrameDecoder;
import dev.wslab.protocol.frame.FramePart;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.frame.Payload;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller that decodes frames itself (the conformance suite, which also logs them) hands the connection
 * the decoded parts; the connection judges them by the same rules as bytes.
 */
@DisplayName("Connection.receive(FramePart)")
class ConnectionFramePartTest {

    private final Connection client = Connection.open(Role.CLIENT, Limits.DEFAULTS, MaskingKeySource.fixed(0));

    @Test
    void givesTheSameEventsAsTheBytes() {
        String frames = "810548656c6c6f" // TEXT, FIN, unmasked, 5 bytes: "Hello"
                + "89026869"; // Ping, FIN, unmasked, 2 bytes: "hi"
        Connection fromBytes = Connection.open(Role.CLIENT, Limits.DEFAULTS, MaskingKeySource.fixed(0));
        fromBytes.receive(hex(frames));

        receiveParts(client, frames);

        assertThat(client.takeEvents()).containsExactlyElementsOf(fromBytes.takeEvents())
                .containsExactly(new Event.TextMessage("Hello"), new Event.PingReceived(Payload.utf8("hi")));
    }

    @Test
    void failsTheConnectionOnABrokenRule() {
        receiveParts(client, "8185" // TEXT, FIN, masked, 5 bytes: a server frame MUST NOT be masked
                + "37fa213d7f9f4d5158"); // masking key 37fa213d, then "Hello" masked (RFC 6455 §5.7)

        assertThat(client.takeEvents()).first().isInstanceOfSatisfying(Event.Failed.class,
                failed -> assertThat(failed.violation().rule()).isEqualTo(Rule.MASKED_SERVER_FRAME));
        assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void ignoresPartsAfterTheConnectionClosed() {
        receiveParts(client, "880203e8"); // Close, FIN, unmasked, 2 bytes: code 1000
        client.takeEvents();

        receiveParts(client, "810548656c6c6f"); // TEXT, FIN, unmasked, 5 bytes: "Hello"

        assertThat(client.takeEvents()).isEmpty();
    }


    private static void receiveParts(Connection connection, String hexDigits) {
        FrameDecoder decoder = new FrameDecoder();
        ByteBuffer bytes = ByteBuffer.wrap(hex(hexDigits));
        FramePart part;
        while ((part = decoder.next(bytes)) != null) {
            connection.receive(part);
        }
    }

    private static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits);
    }
}
