package dev.wslab.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wslab.protocol.http.HttpHeadException;
import dev.wslab.protocol.http.HttpHeadParser;
import dev.wslab.protocol.http.HttpHeadProblem;

import java.nio.ByteBuffer;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of {@link HttpHeadParser} (RFC 9112 §2-§5, as the opening handshake of RFC 6455
 * §4 uses it): whatever bytes arrive, it yields a head, asks for more, or throws its own
 * {@link HttpHeadException}, never another exception; it never reads past the head's empty line or past
 * {@code maxHandshakeHeadSize}; it allocates in proportion to what arrived; and the result does not
 * depend on how the bytes were split.
 *
 * <p>Input layout ({@link FuzzInput}): byte 0 chooses the parser, even for a request head
 * ({@link HttpHeadParser#forRequest}), odd for a response head ({@link HttpHeadParser#forResponse}); byte 1
 * sets the split point; the rest is the head and whatever follows it.
 *
 * <p>In every build ({@code mvn verify}) the test only replays the committed inputs of
 * {@code src/test/resources/dev/wslab/protocol/fuzz/HttpHeadParserFuzzTestInputs/parsesAnyBytesIntoAHeadOrItsOwnException/}.
 * To fuzz (about two minutes, {@code maxDuration}; new crashing inputs are written to that directory):
 * <pre>{@code
 * JAZZER_FUZZ=1 mvn -B -pl protocol test -Dtest=HttpHeadParserFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 */
class HttpHeadParserFuzzTest {

    /**
     * What parsing produced: the head (a request or a response) once complete, how many bytes belong to
     * it, and the problem and detail if the head was refused.
     */
    private record Outcome(Optional<?> head, int consumed, HttpHeadProblem problem, String detail) {
    }

    @FuzzTest(maxDuration = "2m")
    void parsesAnyBytesIntoAHeadOrItsOwnException(byte[] data) {
        FuzzInput input = FuzzInput.of(data);
        boolean request = input.variant() % 2 == 0;

        Outcome whole = input.checkAllocation(() -> parse(request, input.wire()), outcome -> 1);

        assertThat(whole.consumed()).isLessThanOrEqualTo(FuzzInput.LIMITS.maxHandshakeHeadSize());
        assertThat(parse(request, input.first(), input.second())).as("split at %d", input.split()).isEqualTo(whole);
        assertThat(parse(request, input.oneByteAtATime())).as("one byte at a time").isEqualTo(whole);
    }

    /** Feeds the pieces in order to one parser until the head is complete or refused. */
    private static Outcome parse(boolean request, byte[]... pieces) {
        HttpHeadParser<?> parser = request
                ? HttpHeadParser.forRequest(FuzzInput.LIMITS) : HttpHeadParser.forResponse(FuzzInput.LIMITS);
        int consumed = 0;
        for (byte[] piece : pieces) {
            ByteBuffer in = ByteBuffer.wrap(piece);
            Optional<?> head;
            try {
                head = parser.feed(in);
            } catch (HttpHeadException e) {
                // The parser stops at the byte that broke the head: it has consumed that byte, no more.
                return new Outcome(Optional.empty(), consumed + in.position(), e.problem(), e.detail());
            }
            consumed += in.position();
            if (head.isPresent()) {
                // The bytes after the empty line are the first frames: the parser leaves them in the buffer.
                return new Outcome(head, consumed, null, null);
            }
            // While the head is incomplete, every byte given belongs to it.
            assertThat(in.hasRemaining()).isFalse();
        }
        return new Outcome(Optional.empty(), consumed, null, null);
    }
}
