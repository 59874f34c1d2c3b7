package dev.wslab.conformance;

import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.Payload;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;

/**
 * Step is one thing a case does on the wire, in order: send frames (written whole, frame by frame, or in
 * chops down to one byte per write), send raw bytes, pause, or set a marker in the observed events.
 */
public sealed interface Step {

    /** Sends frames, masked as a client must, and written to TCP as {@code writing} says. */
    record Send(List<Frame> frames, Writing writing) implements Step {
        public Send {
            frames = List.copyOf(frames);
        }
    }

    /** Sends bytes exactly as given: for a frame cut into pieces with pauses between them. */
    record SendRaw(Payload bytes, Writing writing) implements Step {
    }

    /**
     * Sends {@code frame} {@code count} times, each only after the echo of the previous one arrived (or
     * the case's deadline passed): a round-trip measurement.
     */
    record RoundTrips(Frame frame, int count) implements Step {
    }

    /** Waits before the next step, letting the server react to what was sent so far. */
    record Pause(Duration duration) implements Step {
    }

    /** Records a marker among the observed events, to tell when the server reacted (fail-fast cases). */
    record Marker(String name) implements Step {
    }

    /** How bytes are written to TCP. */
    sealed interface Writing {
        /** All bytes of the step in one write. */
        Writing WHOLE = new Whole();
        /** Each frame in its own write, flushed. */
        Writing PER_FRAME = new PerFrame();
        /** One write per byte. */
        Writing OCTET_WISE = new Chops(1);

        /** Writes of at most {@code size} bytes. */
        static Writing chops(int size) {
            return new Chops(size);
        }

        record Whole() implements Writing {
        }

        record PerFrame() implements Writing {
        }

        record Chops(int size) implements Writing {
            public Chops {
                if (size <= 0) {
                    throw new IllegalArgumentException("a chop has at least one byte");
                }
            }
        }
    }

    /** Returns the frames' bytes as a client sends them, each masked with {@code key}. */
    static byte[] encodeMasked(List<Frame> frames, int key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame frame : frames) {
            out.writeBytes(FrameEncoder.encode(frame.masked() ? frame : frame.maskedWith(key)));
        }
        return out.toByteArray();
    }
}
