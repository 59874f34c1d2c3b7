package dev.wslab.protocol.connection;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.frame.AllocationMeter;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameGenerators;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.frame.Opcode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Properties of the connection, checked on generated input. A failure prints the smallest example
 * QuickTheories could shrink it to and the seed; rerun with {@code -DQT_SEED=<seed>} to reproduce it.
 */
@DisplayName("Connection properties")
class ConnectionPropertiesTest {

    /** What a connection did with some input: its events and the bytes it sent. */
    record Outcome(List<Event> events, byte[] sent) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Outcome that && events.equals(that.events) && Arrays.equals(sent, that.sent);
        }

        @Override
        public int hashCode() {
            return events.hashCode() * 31 + Arrays.hashCode(sent);
        }

        @Override
        public String toString() {
            return events + " sent " + sent.length + " bytes";
        }
    }

    @Test
    @DisplayName("splitting the input at arbitrary points never changes the events or the bytes sent")
    void splittingTheInputNeverChangesTheOutcome() {
        Gen<List<Frame>> frames = lists().of(FrameGenerators.anyFrames(FrameGenerators.smallPayloadLengths())
                .map(ConnectionPropertiesTest::mostlyValid)).ofSizeBetween(1, 8);
        Gen<List<Integer>> cuts = lists().of(integers().between(0, 3_000)).ofSizeBetween(0, 16);
        qt().withExamples(400).forAll(frames, cuts).checkAssert((conversation, cutPoints) -> {
            byte[] stream = clientBytes(conversation);
            assertThat(runInPieces(stream, cutPoints)).isEqualTo(runInPieces(stream, List.of()));
        });
    }

    @Test
    @DisplayName("§7 whatever arrives, a connection sends at most one Close, nothing after it, and ends closed or open")
    void atMostOneCloseAndNothingAfterIt() {
        Gen<List<Frame>> frames = lists().of(FrameGenerators.anyFrames(FrameGenerators.smallPayloadLengths())
                .map(ConnectionPropertiesTest::mostlyValid)).ofSizeBetween(1, 10);
        qt().withExamples(400).forAll(frames).checkAssert(conversation -> {
            Connection server = newServer(Limits.DEFAULTS);
            server.receive(clientBytes(conversation));
            List<Frame> sent = Peer.framesSentBy(server);
            long closes = sent.stream().filter(frame -> frame.opcode() == Opcode.CLOSE.code()).count();
            assertThat(closes).isLessThanOrEqualTo(1);
            if (closes == 1) {
                assertThat(sent.getLast().opcode()).as("the Close is the last frame sent").isEqualTo(Opcode.CLOSE.code());
                assertThat(server.state()).isIn(ConnectionState.CLOSING, ConnectionState.CLOSED);
            }
            List<Event> events = server.takeEvents();
            boolean closedEvent = !events.isEmpty() && events.getLast() instanceof Event.Closed;
            assertThat(closedEvent).isEqualTo(server.state() == ConnectionState.CLOSED);
            boolean wasClosed = server.state() == ConnectionState.CLOSED;
            server.receive(clientBytes(List.of(Frame.ping(dev.wslab.protocol.frame.Payload.EMPTY).maskedWith(7))));
            if (wasClosed) {
                assertThat(server.takeOutgoingBytes()).as("nothing is sent once closed").isEmpty();
                assertThat(server.takeEvents()).isEmpty();
            }
        });
    }

    @Test
    @DisplayName("random bytes never raise an exception out of receive, and memory follows the limits")
    void randomBytesNeverEscapeAsExceptions() {
        Limits small = Limits.DEFAULTS.withMaxMessageSize(4096);
        Gen<byte[]> noise = Generate.byteArrays(integers().between(0, 200),
                Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
        qt().withExamples(3_000).forAll(noise).checkAssert(bytes -> {
            // A first run links the code paths these bytes take (class loading and call-site bootstrap
            // allocate once per JVM); the second run, on a fresh connection, is the one measured.
            newServer(small).receive(bytes);
            Connection server = newServer(small);
            long allocated = AllocationMeter.bytesAllocatedBy(() -> {
                server.receive(bytes);
                server.receiveEof();
            });
            assertThat(server.state()).isEqualTo(ConnectionState.CLOSED);
            assertThat(allocated).isLessThan(64 * 1024);
        });
    }

    /** Client frames are masked, so most generated frames should be too; a few stay broken on purpose. */
    private static Frame mostlyValid(Frame frame) {
        boolean keepBroken = (frame.payload().length() % 16) == 1;
        if (keepBroken) {
            return frame;
        }
        int opcode = switch (frame.opcode() % 4) {
            case 0 -> Opcode.BINARY.code();
            case 1 -> Opcode.PING.code();
            case 2 -> Opcode.PONG.code();
            default -> frame.fin() ? Opcode.BINARY.code() : Opcode.CONTINUATION.code();
        };
        Frame valid = new Frame(frame.fin() || Opcode.isControl(opcode), false, false, false, opcode, true,
                frame.maskingKey(), frame.payload());
        return Opcode.isControl(opcode) && frame.payload().length() > 125 ? valid.withOpcode(Opcode.BINARY.code()) : valid;
    }

    private static Connection newServer(Limits limits) {
        return Connection.open(Role.SERVER, limits, MaskingKeySource.fixed(0));
    }

    private static byte[] clientBytes(List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(frame -> out.writeBytes(dev.wslab.protocol.frame.FrameEncoder.encode(frame)));
        return out.toByteArray();
    }

    private static Outcome runInPieces(byte[] stream, List<Integer> cutPoints) {
        Connection server = newServer(Limits.DEFAULTS);
        int[] cuts = cutPoints.stream().mapToInt(cut -> Math.min(cut, stream.length)).sorted().toArray();
        List<Event> events = new ArrayList<>();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        int start = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int end = i < cuts.length ? cuts[i] : stream.length;
            server.receive(Arrays.copyOfRange(stream, start, end));
            events.addAll(server.takeEvents());
            sent.writeBytes(server.takeOutgoingBytes());
            start = end;
        }
        return new Outcome(events, sent.toByteArray());
    }
}
