package dev.wslab.conformance.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wslab.conformance.Observed;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameReader;
import dev.wslab.protocol.frame.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A case waits for the server through its wire connection: for messages, for the server's Close, for the
 * end of TCP. Each wait ends as soon as what it waits for arrives; these tests run a real socket pair on
 * 127.0.0.1, the server side played by the test, past the opening handshake.
 */
@DisplayName("WireConnection: the waits, the reader and its pause")
class WireConnectionWaitsTest {

    /** Long enough never to pass on a working connection; a wait that needs it has failed. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** How long a test watches for something that must not happen. */
    private static final Duration A_MOMENT = Duration.ofMillis(200);

    private ServerSocket listener;
    private Socket server;
    private OutputStream serverOut;
    private WireConnection wire;

    @BeforeEach
    void connect() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        server = listener.accept();
        serverOut = server.getOutputStream();
        wire = new WireConnection(client, new WireLog(), Optional.empty());
    }

    @AfterEach
    void disconnect() throws IOException {
        wire.close();
        server.close();
        listener.close();
    }

    @Test
    void awaitEventsReturnsOnceTheServersMessagesArrived() throws Exception {
        wire.startReading(new byte[0]);

        serverSends("810548656c6c6f" // TEXT, FIN, unmasked, 5 bytes: "Hello"
                + "8203010203"); // BINARY, FIN, unmasked, 3 bytes: 01 02 03
        wire.awaitEvents(2, PATIENCE);

        assertThat(wire.observation().events()).containsExactly(new Observed.Text(Payload.utf8("Hello")),
                new Observed.Binary(Payload.of((byte) 1, (byte) 2, (byte) 3)));
    }

    @Test
    void readsTheBytesThatCameWithTheHandshakeResponseFirst() throws Exception {
        wire.startReading(HexFormat.of().parseHex("810548656c6c6f")); // TEXT, FIN, unmasked, 5 bytes: "Hello"

        serverSends("8102686f"); // TEXT, FIN, unmasked, 2 bytes: "ho"
        wire.awaitEvents(2, PATIENCE);

        assertThat(wire.observation().events()).containsExactly(new Observed.Text(Payload.utf8("Hello")),
                new Observed.Text(Payload.utf8("ho")));
    }

    @Test
    void awaitCloseReturnsTrueOnTheServersCloseAndTheSuiteAnswersIt() throws Exception {
        wire.startReading(new byte[0]);

        serverSends("880203e8"); // Close, FIN, unmasked, 2 bytes: code 1000

        assertThat(wire.awaitClose(PATIENCE)).isTrue();
        assertThat(wire.observation().closeReceived()).contains(CloseStatus.NORMAL);
        assertThat(serverReadsFrame().unmasked()).isEqualTo(Frame.close(CloseStatus.NORMAL));
    }

    @Test
    void awaitCloseReturnsFalseWhenTcpEndsWithoutAClose() throws Exception {
        wire.startReading(new byte[0]);

        server.close();

        assertThat(wire.awaitClose(PATIENCE)).isFalse();
        assertThat(wire.observation().tcpClosed()).isTrue();
    }

    @Test
    void awaitTcpClosedTellsWhetherTheServerClosed() throws Exception {
        wire.startReading(new byte[0]);
        assertThat(wire.awaitTcpClosed(A_MOMENT)).isFalse();

        server.close();

        assertThat(wire.awaitTcpClosed(PATIENCE)).isTrue();
    }

    @Test
    void aPausedReaderReadsNothingUntilItResumes() throws Exception {
        wire.pauseReading();
        wire.startReading(new byte[0]);

        serverSends("810548656c6c6f"); // TEXT, FIN, unmasked, 5 bytes: "Hello"
        wire.awaitEvents(1, A_MOMENT);
        assertThat(wire.observation().events()).isEmpty();

        wire.resumeReading();
        wire.awaitEvents(1, PATIENCE);
        assertThat(wire.observation().events()).containsExactly(new Observed.Text(Payload.utf8("Hello")));
    }

    @Test
    void closingWakesAPausedReader() throws Exception {
        wire.pauseReading();
        wire.startReading(new byte[0]);

        wire.close();

        assertThat(wire.awaitTcpClosed(PATIENCE)).isTrue();
    }

    @Test
    void aMarkerIsNotSetOnceTheServerHasClosed() throws Exception {
        wire.startReading(new byte[0]);
        wire.mark("before");
        server.close();
        wire.awaitTcpClosed(PATIENCE);

        wire.mark("after");

        assertThat(wire.observation().events()).containsExactly(new Observed.Marker("before"));
    }

    private void serverSends(String hexDigits) throws IOException {
        serverOut.write(HexFormat.of().parseHex(hexDigits));
        serverOut.flush();
    }

    /** Reads one whole frame the suite sent, as the server would. */
    private Frame serverReadsFrame() throws IOException {
        server.setSoTimeout((int) PATIENCE.toMillis());
        InputStream in = server.getInputStream();
        FrameReader reader = new FrameReader(1024);
        byte[] buffer = new byte[256];
        while (true) {
            int count = in.read(buffer);
            if (count < 0) {
                throw new IOException("the suite closed before a whole frame");
            }
            Frame frame = reader.next(ByteBuffer.wrap(buffer, 0, count));
            if (frame != null) {
                return frame;
            }
        }
    }
}
