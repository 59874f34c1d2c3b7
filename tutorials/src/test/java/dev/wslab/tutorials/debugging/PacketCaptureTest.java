package dev.wslab.tutorials.debugging;

import dev.wslab.client.WireTrace;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.server.Endpoints;
import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.Direction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("Packet capture: tcpdump and tshark see the frames the client's WireTrace printed")
class PacketCaptureTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private WebSocketServer server;
    private Path pcap;
    private final StringWriter traceText = new StringWriter();
    private final WireTrace trace = new WireTrace(new PrintWriter(traceText), Clock.systemUTC());

    @BeforeAll
    static void toolsPresent() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "skipped: no /usr/bin/tshark (apt-get install tshark)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump")),
                "skipped: no tcpdump (apt-get install tcpdump)");
    }

    @BeforeEach
    void startServer() throws IOException {
        server = WebSocketServer.builder().endpoint("/echo", Endpoints.echo()).start();
        pcap = dir.resolve("ws.pcap");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private FrameScriptClient connect() throws IOException {
        return FrameScriptClient.connect(URI.create(server.uri("/echo")), trace, TIMEOUT);
    }

    /** Plays the exchange, checks the server's answers, and stops the capture once TCP is closed. */
    private void play(FrameScriptClient client, PacketCapture capture) throws Exception {
        List<Frame> received = KnownExchange.play(client);
        assertThat(received).extracting(Frame::opcode).containsExactly(Opcode.TEXT.code(),
                Opcode.BINARY.code(), Opcode.TEXT.code(), Opcode.PONG.code(), Opcode.CLOSE.code());
        client.close();
        capture.stop(TIMEOUT);
        assertThat(capture.messages()).as("tcpdump's report").anyMatch(line -> line.matches("\\d+ packets? captured"));
        System.out.println("--- WireTrace ---");
        System.out.print(traceText);
    }

    private List<String> decode(String... arguments) throws Exception {
        List<String> lines = PacketCapture.decode(LoopbackCapture.SCRIPTS, TIMEOUT, arguments);
        System.out.println("--- decode.sh " + String.join(" ", arguments) + " ---");
        lines.forEach(System.out::println);
        return lines;
    }

    @Test
    @DisplayName("every frame, both ways, has the same FIN, opcode, MASK and length as in the trace, in the same order")
    void tsharkAgreesWithTheTrace() throws Exception {
        try (PacketCapture capture = LoopbackCapture.startOrSkip(server.port(), pcap, TIMEOUT); FrameScriptClient client = connect()) {
            play(client, capture);
        }
        String port = String.valueOf(server.port());
        List<WireFrame> byTshark = WireFrame.fromTshark(decode("frames", pcap.toString(), port), server.port());
        List<WireFrame> byTrace = WireFrame.fromTrace(traceText.toString().lines().toList());

        // tag::compare[]
        // What the client sent: exactly the script, every frame masked (RFC 6455 §5.3), the fragments as two frames.
        List<WireFrame> script = KnownExchange.SENT.stream()
                .map(frame -> new WireFrame(Direction.OUTBOUND, frame.fin(), frame.opcode(), true, frame.payload().length()))
                .toList();
        assertThat(WireFrame.going(byTshark, Direction.OUTBOUND)).as("client to server, seen by tshark").isEqualTo(script);
        // What the server sent: the echoes (the fragmented message whole, in one frame), the Pong, the Close
        // echoing the code without the reason; never masked.
        assertThat(WireFrame.going(byTshark, Direction.INBOUND)).as("server to client, seen by tshark")
                .extracting(WireFrame::toString).containsExactly(
                        "< FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=0 length=5",
                        "< FIN=1 RSV=000 opcode=0x2 (BINARY) MASK=0 length=3",
                        "< FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=0 length=8",
                        "< FIN=1 RSV=000 opcode=0xA (PONG) MASK=0 length=4",
                        "< FIN=1 RSV=000 opcode=0x8 (CLOSE) MASK=0 length=2");
        // The two tools agree, direction by direction.
        assertThat(WireFrame.going(byTshark, Direction.OUTBOUND)).isEqualTo(WireFrame.going(byTrace, Direction.OUTBOUND));
        assertThat(WireFrame.going(byTshark, Direction.INBOUND)).isEqualTo(WireFrame.going(byTrace, Direction.INBOUND));
        // end::compare[]

        // The loss filter lists only segments tshark flags (loopback rarely has any; a FIN resent at the very
        // end of a connection is common there and harmless).
        assertThat(decode("loss", pcap.toString()))
                .allMatch(line -> line.contains("TCP Retransmission") || line.contains("TCP Dup ACK")
                        || line.contains("TCP Fast Retransmission") || line.contains("TCP Spurious Retransmission"));
    }

    @Test
    @DisplayName("a capture started after the handshake shows no WebSocket until the port is decoded as websocket")
    void captureThatMissedTheHandshake() throws Exception {
        try (FrameScriptClient client = connect(); PacketCapture capture = LoopbackCapture.startOrSkip(server.port(), pcap, TIMEOUT)) {
            play(client, capture);
        }
        String port = String.valueOf(server.port());
        assertThat(WireFrame.fromTshark(decode("frames", pcap.toString(), port), server.port()))
                .as("no Upgrade in the capture: tshark sees plain TCP").isEmpty();

        List<WireFrame> byTshark = WireFrame.fromTshark(decode("midstream", pcap.toString(), port), server.port());
        assertThat(byTshark).hasSize(11).isEqualTo(WireFrame.fromTrace(traceText.toString().lines().toList()));
    }
}
