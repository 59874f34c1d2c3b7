package dev.wslab.conformance.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wslab.conformance.Observed;
import dev.wslab.protocol.Rule;
import dev.wslab.protocol.Violation;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Payload;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The server's bytes are decoded once: every whole frame goes to the wire log, and the same parts go to
 * the judge, whose findings become the observation. The log is the more tolerant of the two.
 */
@DisplayName("ServerFrames: one decoder for the wire log and the judge")
class ServerFramesTest {

    private final WireLog log = new WireLog();
    private final WireState state = new WireState();
    private final ServerFrames frames = new ServerFrames(log, state, Optional.empty());

    @Nested
    @DisplayName("the wire log")
    class TheWireLog {

        @Test
        void showsEachReadWithTheFramesItCompletes() {
            frames.receive(hex("810548656c6c6f")); // TEXT, FIN, unmasked, 5 bytes: "Hello"

            assertThat(received()).containsExactly(Frame.text("Hello").toString());
        }

        @Test
        void showsAReadThatEndsInsideAFrameAsPartOfAFrame() {
            frames.receive(hex("810548656c")); // TEXT, FIN, unmasked, 5 bytes announced, "Hel" of them
            frames.receive(hex("6c6f")); // the rest of the payload: "lo"

            assertThat(received()).containsExactly("part of a frame", Frame.text("Hello").toString());
        }

        @Test
        void showsSeveralFramesOfOneReadInOneEntry() {
            frames.receive(hex("8a00" // Pong, FIN, empty, unmasked
                    + "810548656c6c6f")); // TEXT, FIN, unmasked, 5 bytes: "Hello"

            assertThat(received()).containsExactly(Frame.pong(Payload.of()) + "\n" + Frame.text("Hello"));
        }

        @Test
        void keepsTheBytesAsTheyCame() {
            byte[] bytes = hex("880203e8"); // Close, FIN, unmasked, 2 bytes: code 1000

            frames.receive(bytes);

            assertThat(log.entries().getLast().bytes()).isEqualTo(bytes);
        }

        @Test
        void showsRawBytesFromTheFirstBytesThatCannotBeFrames() {
            frames.receive(hex("827e0005" // BINARY, FIN, 16-bit length form for 5 bytes (the 7-bit form is a MUST)
                    + "0102030405")); // its 5 payload bytes
            frames.receive(hex("8a00")); // Pong, FIN, empty, unmasked: no longer decoded

            assertThat(received()).containsExactly(
                    "bytes that are not frames: " + new Violation(Rule.NON_MINIMAL_LENGTH, "length 5 in the 16-bit form").message(),
                    "bytes");
        }

        @Test
        void goesOnShowingFramesAfterTheJudgeStopped() {
            frames.receive(hex("880203e8")); // Close, FIN, unmasked, 2 bytes: code 1000
            frames.receive(hex("810548656c6c6f")); // TEXT, FIN, unmasked, 5 bytes: "Hello"

            assertThat(received()).containsExactly(Frame.close(CloseStatus.NORMAL).toString(),
                    Frame.text("Hello").toString());
        }
    }

    @Nested
    @DisplayName("the judge")
    class TheJudge {

        @Test
        void observesMessagesAndControlFrames() {
            frames.receive(hex("810548656c6c6f" // TEXT, FIN, unmasked, 5 bytes: "Hello"
                    + "89026869" // Ping, FIN, unmasked, 2 bytes: "hi"
                    + "880203e8")); // Close, FIN, unmasked, 2 bytes: code 1000

            Observation seen = state.observation();
            assertThat(seen.events()).containsExactly(new Observed.Text(Payload.utf8("Hello")),
                    new Observed.Ping(Payload.utf8("hi")));
            assertThat(seen.closeReceived()).contains(CloseStatus.NORMAL);
            assertThat(seen.serverViolation()).isEmpty();
        }

        @Test
        void returnsItsEventsForTheSuiteToAnswer() {
            List<Event> judged = frames.receive(hex("89026869")); // Ping, FIN, unmasked, 2 bytes: "hi"

            assertThat(judged).containsExactly(new Event.PingReceived(Payload.utf8("hi")));
        }

        @Test
        void catchesAMaskedServerFrame() {
            frames.receive(hex("8185" // TEXT, FIN, masked, 5 bytes (RFC 6455 §5.7's example)
                    + "37fa213d" // masking key
                    + "7f9f4d5158")); // "Hello", masked

            assertThat(state.observation().serverViolation()).hasValueSatisfying(
                    violation -> assertThat(violation.rule()).isEqualTo(Rule.MASKED_SERVER_FRAME));
        }

        @Test
        void catchesInvalidUtf8() {
            frames.receive(hex("8101ff")); // TEXT, FIN, unmasked, 1 byte: 0xff, never UTF-8

            assertThat(state.observation().serverViolation()).hasValueSatisfying(
                    violation -> assertThat(violation.rule()).isEqualTo(Rule.INVALID_UTF8));
        }

        @Test
        void catchesBytesThatCannotBeFrames() {
            frames.receive(hex("827e0005" // BINARY, FIN, 16-bit length form for 5 bytes (the 7-bit form is a MUST)
                    + "0102030405")); // its 5 payload bytes

            assertThat(state.observation().serverViolation()).hasValueSatisfying(
                    violation -> assertThat(violation.rule()).isEqualTo(Rule.NON_MINIMAL_LENGTH));
        }

        @Test
        void catchesAFrameAfterTheServersClose() {
            frames.receive(hex("880203e8")); // Close, FIN, unmasked, 2 bytes: code 1000
            frames.receive(hex("810548656c6c6f")); // TEXT, FIN, unmasked, 5 bytes: "Hello"

            assertThat(state.observation().serverViolation()).hasValueSatisfying(
                    violation -> assertThat(violation.rule()).isEqualTo(Rule.FRAME_AFTER_CLOSE));
        }

        @Test
        void ignoresBytesThatCannotBeFramesAfterTheServersClose() {
            frames.receive(hex("880203e8")); // Close, FIN, unmasked, 2 bytes: code 1000
            frames.receive(hex("827e0005")); // BINARY, FIN, 16-bit length form for 5 bytes: not a frame

            assertThat(state.observation().serverViolation()).isEmpty();
        }

        @Test
        void recordsAControlFrameAfterTheServersCloseApartFromTheDataFrameThatBreaksTheRule() {
            frames.receive(hex("880203e8")); // Close, FIN, unmasked, 2 bytes: code 1000
            frames.receive(hex("8a00" // Pong, FIN, empty, unmasked
                    + "810548656c6c6f")); // TEXT, FIN, unmasked, 5 bytes: "Hello"

            // RFC 6455 §5.5.1 forbids only data frames after a Close: the Pong is odd, the text a violation.
            assertThat(state.observation().controlFrameAfterClose()).contains(Frame.pong(Payload.of()).toString());
            assertThat(state.observation().serverViolation()).hasValueSatisfying(
                    violation -> assertThat(violation.detail()).isEqualTo(Frame.text("Hello").toString()));
        }

        @Test
        void keepsTheFirstRuleBrokenAfterTheServersClose() {
            frames.receive(hex("880203e8")); // Close, FIN, unmasked, 2 bytes: code 1000
            frames.receive(hex("810548656c6c6f" // TEXT, FIN, unmasked, 5 bytes: "Hello"
                    + "820100")); // BINARY, FIN, unmasked, 1 byte: 00

            assertThat(state.observation().serverViolation()).hasValueSatisfying(
                    violation -> assertThat(violation.detail()).isEqualTo(Frame.text("Hello").toString()));
        }
    }

    /** The texts of the log's RECEIVED entries. */
    private List<String> received() {
        return log.entries().stream()
                .filter(entry -> entry.direction() == WireLog.Direction.RECEIVED)
                .map(WireLog.Entry::text)
                .toList();
    }

    private static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits);
    }
}
