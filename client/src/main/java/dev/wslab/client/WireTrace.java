package dev.wslab.client;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameFormat;
import dev.wslab.protocol.frame.FrameReader;
import dev.wslab.transport.Direction;
import dev.wslab.transport.WebSocketSession;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * WireTrace prints everything that crosses the wire, both ways, as it happens: the HTTP heads of the
 * opening handshake as they are, then every frame field by field (time, {@code >} sent or {@code <}
 * received, FIN, RSV, opcode, MASK, length, a payload preview), and every state change.
 *
 * <pre>
 * 12:00:00.101 &gt; FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=1 length=5 "hello" [5 bytes]
 * 12:00:00.102 &lt; FIN=1 RSV=000 opcode=0x8 (CLOSE) MASK=0 length=2 1000 (Normal Closure)
 * </pre>
 *
 * It decodes the raw byte streams itself with a {@link FrameReader}, so it shows frames exactly as sent,
 * even ones the connection would refuse.
 */
public final class WireTrace implements ClientObserver {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintWriter out;
    private final Clock clock;
    private final ByteStream sent = new ByteStream('>');
    private final ByteStream received = new ByteStream('<');

    /** Creates a trace that prints to {@code out}, with times from {@code clock}. */
    public WireTrace(PrintWriter out, Clock clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void connecting(String target) {
        line("  connecting to " + target);
    }

    @Override
    public void handshakeBytes(Direction direction, byte[] bytes, int offset, int length) {
        (direction == Direction.INBOUND ? received : sent).take(bytes, offset, length);
    }

    @Override
    public void bytes(WebSocketSession session, Direction direction, byte[] bytes, int offset, int length) {
        (direction == Direction.INBOUND ? received : sent).take(bytes, offset, length);
    }

    @Override
    public void event(WebSocketSession session, Event event) {
        if (event instanceof Event.Opened opened) {
            line("  state OPEN" + opened.subprotocol().map(p -> " (subprotocol " + p + ")").orElse(""));
        }
    }

    @Override
    public void stateChanged(WebSocketSession session, ConnectionState state, String detail) {
        line("  state " + state + (detail.isEmpty() ? "" : " (" + detail + ")"));
    }

    @Override
    public void pongReceived(WebSocketSession session, Duration roundTrip) {
        line("  heartbeat: Pong after " + roundTrip.toMillis() + " ms");
    }

    private void line(String text) {
        synchronized (out) {
            out.println(LocalTime.now(clock).format(TIME) + " " + text);
            out.flush();
        }
    }

    /** One direction's byte stream: an HTTP head up to its blank line, then frames. */
    private final class ByteStream {
        private final char arrow;
        private final ByteArrayOutputStream head = new ByteArrayOutputStream();
        private final FrameReader frames = new FrameReader(Limits.MAX_ARRAY_SIZE);
        private boolean inHead = true;
        private boolean broken;
        /** The last four bytes of the head, to find its end: CR LF CR LF. */
        private int lastFour;

        ByteStream(char arrow) {
            this.arrow = arrow;
        }

        synchronized void take(byte[] bytes, int offset, int length) {
            int end = offset + length;
            int position = offset;
            while (inHead && position < end) {
                byte b = bytes[position++];
                head.write(b);
                lastFour = lastFour << 8 | (b & 0xFF);
                if (lastFour == 0x0D0A0D0A) {
                    inHead = false;
                    head.toString(StandardCharsets.ISO_8859_1).lines().forEach(l -> line(arrow + " " + l));
                }
            }
            if (!inHead && !broken && position < end) {
                readFrames(ByteBuffer.wrap(bytes, position, end - position));
            }
        }

        private void readFrames(ByteBuffer in) {
            try {
                Frame frame;
                while ((frame = frames.next(in)) != null) {
                    line(arrow + " " + FrameFormat.frame(frame));
                }
            } catch (ProtocolViolationException e) {
                broken = true;
                line(arrow + " (cannot decode further: " + e.getMessage() + ")");
            }
        }
    }
}
