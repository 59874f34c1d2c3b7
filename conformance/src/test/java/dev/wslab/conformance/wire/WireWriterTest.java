package dev.wslab.conformance.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.FrameReader;
import dev.wslab.protocol.frame.Payload;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The suite answers the server as any client would (§5.5.1, §5.5.2), but never inside a frame the case is
 * writing in pieces, and never after its own Close.
 */
@DisplayName("WireWriter: the case's bytes and the suite's replies")
class WireWriterTest {

    private static final Event PING = new Event.PingReceived(Payload.utf8("hi"));

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final WireLog log = new WireLog();
    private final WireState state = new WireState();
    private final WireWriter writer = new WireWriter(wire, log, state, () -> { });

    @Test
    void answersAPingWithAPongOfTheSamePayload() {
        writer.answer(List.of(PING));

        assertThat(framesOnTheWire()).containsExactly(Frame.pong(Payload.utf8("hi")));
    }

    @Test
    void masksEveryFrameItSends() {
        writer.answer(List.of(PING));

        assertThat(FrameReader.readAll(wire.toByteArray(), 1024)).allSatisfy(frame -> assertThat(frame.masked()).isTrue());
    }

    @Test
    void answersACloseByEchoingItsCode() {
        writer.answer(List.of(new Event.CloseReceived(CloseStatus.of(CloseCode.of(4000), "bye"))));

        assertThat(framesOnTheWire()).containsExactly(Frame.close(CloseStatus.of(CloseCode.of(4000))));
        assertThat(state.isCloseSent()).isTrue();
    }

    @Test
    void answersAnEmptyCloseWithAnEmptyOne() {
        writer.answer(List.of(new Event.CloseReceived(CloseStatus.NO_STATUS)));

        assertThat(framesOnTheWire()).containsExactly(Frame.close(CloseStatus.NO_STATUS));
    }

    @Test
    void answersNothingAfterItsOwnClose() throws Exception {
        writer.send(Frame.close(CloseStatus.NORMAL));

        writer.answer(List.of(PING, new Event.CloseReceived(CloseStatus.NORMAL)));

        assertThat(framesOnTheWire()).containsExactly(Frame.close(CloseStatus.NORMAL));
    }

    @Test
    void answersNothingWhenMuted() {
        state.mute();

        writer.answer(List.of(PING));

        assertThat(wire.toByteArray()).isEmpty();
    }

    @Test
    void holdsAReplyUntilTheFrameBeingWrittenIsComplete() throws Exception {
        byte[] text = FrameEncoder.encode(Frame.text("Hello").maskedWith(0x37fa213d));
        writer.write(Arrays.copyOf(text, 4), "the first 4 bytes of a frame");

        writer.answer(List.of(PING));
        assertThat(wire.toByteArray()).hasSize(4);

        writer.write(Arrays.copyOfRange(text, 4, text.length), "the rest of the frame");
        assertThat(framesOnTheWire()).containsExactly(Frame.text("Hello"), Frame.pong(Payload.utf8("hi")));
    }

    @Test
    void repliesAtOnceAfterBytesThatAreNotFrames() throws Exception {
        byte[] notAFrame = HexFormat.of().parseHex("827e0005"); // BINARY, FIN, 16-bit length form for 5 bytes
        writer.write(notAFrame, "a header that breaks the minimal length rule");

        writer.answer(List.of(PING));

        assertThat(wire.size()).isGreaterThan(notAFrame.length);
    }

    @Test
    void writesChopsAsTheyAreAndLogsEach() throws Exception {
        byte[] text = FrameEncoder.encode(Frame.text("Hello").maskedWith(0x37fa213d));

        writer.writeChopped(text, 3, "a text frame");

        assertThat(framesOnTheWire()).containsExactly(Frame.text("Hello"));
        assertThat(log.entries()).filteredOn(entry -> entry.text().equals("chop")).hasSize((text.length + 2) / 3);
    }

    @Test
    void recordsTheCasesClose() throws Exception {
        writer.send(Frame.close(CloseStatus.NORMAL));

        assertThat(state.observation().closeSent()).isTrue();
    }

    /** The frames written so far, unmasked, to compare with the frames the suite meant. */
    private List<Frame> framesOnTheWire() {
        return FrameReader.readAll(wire.toByteArray(), 1024).stream().map(Frame::unmasked).toList();
    }
}
