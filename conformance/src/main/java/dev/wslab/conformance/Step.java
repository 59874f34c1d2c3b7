package dev.wslab.conformance;

import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;

/**
 * Step is one thing a case does on the wire, in order: send frames (written whole, frame by frame, or in
 * chops down to one byte per write), send raw bytes, pause, or set a marker in the observed events. The
 * robustness probes add floods ({@link Repeat}), a suite that stops reading or stops answering
 * ({@link StopReading}, {@link Mute}), and crowds of other connections ({@link Crowd}).
 */
public sealed interface Step {

    /** Sends frames, masked as a client must, and written to TCP as {@code writing} says. */
    record Send(List<Frame> frames, Writing writing) implements Step {
        public Send {
            frames = List.copyOf(frames);
        }
    }

    /**
     * Sends one message compressed as permessage-deflate agreed (RFC 7692 §6.1), with the connection's own
     * compressor, so that a context taken over carries from one such step to the next: its compressed bytes
     * cut into frames of at most {@code fragmentSize} bytes (0: one frame), RSV1 on the first. Needs a case
     * with an {@link ConformanceCase#offer() offer} the server accepted.
     */
    record SendCompressed(Opcode opcode, Payload message, int fragmentSize) implements Step {
        public SendCompressed {
            if (opcode != Opcode.TEXT && opcode != Opcode.BINARY) {
                throw new IllegalArgumentException("only a data message is compressed, not " + opcode);
            }
            if (fragmentSize < 0) {
                throw new IllegalArgumentException("fragmentSize must be 0 or more, got " + fragmentSize);
            }
        }
    }

    /**
     * Sends the compressed messages of a case of sections 12 and 13 one after another, each once the echo of
     * the previous one arrived, and checks every echo for type, length and content as it comes, within the
     * case's deadline: Autobahn's 1000 messages, streamed, so that neither the observed events nor the wire log
     * keep them all. Needs a case with an {@link ConformanceCase#offer() offer} the server accepted.
     */
    record EchoMessages(dev.wslab.conformance.deflate.CompressedEchoes echoes) implements Step {
        public EchoMessages {
            java.util.Objects.requireNonNull(echoes, "echoes");
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

    // tag::probe-steps[]
    /**
     * Sends {@code frame} {@code times} times, masked, in large writes: a flood, built while it is sent so
     * that a probe of a million frames costs no memory until it runs. When the server stops reading for
     * longer than the case's deadline (TCP backpressure), the flood stops there and the log says so.
     */
    record Repeat(Frame frame, int times) implements Step {
        public Repeat {
            if (times < 1) {
                throw new IllegalArgumentException("a flood repeats a frame at least once");
            }
        }
    }

    /**
     * The suite stops reading the socket, so the server's replies pile up in TCP buffers and then in the
     * server, until {@link ResumeReading}: what a slow or malicious reader does.
     */
    record StopReading() implements Step {
    }

    /** The suite reads the socket again, and sees what the server sent meanwhile. */
    record ResumeReading() implements Step {
    }

    /**
     * The suite stops answering the server's Pings and Close frames, while still reading: a peer that died
     * without its TCP connection dropping (a cable pulled behind a NAT), which only keepalive can notice.
     */
    record Mute() implements Step {
    }

    /**
     * Opens {@code connections} other connections to the target URL (and nowhere else), at most
     * {@code atOnce} at a time, each doing {@code visit}; then, or while they are still held, checks that a
     * fresh connection completes its handshake and echoes a message, recording {@link #SERVED} as a marker
     * when it does. Every connection of the crowd is closed by the end of the step.
     */
    record Crowd(int connections, int atOnce, CrowdVisit visit) implements Step {
        /** The marker a crowd step records when a fresh connection was served. */
        public static final String SERVED = "fresh connection served";

        public Crowd {
            if (connections < 1 || atOnce < 1 || atOnce > connections) {
                throw new IllegalArgumentException("a crowd has 1 or more connections, 1 to all of them at once");
            }
        }
    }
    // end::probe-steps[]

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
