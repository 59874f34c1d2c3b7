package dev.wslab.client;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.connection.ConnectionState;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.deflate.DeflateAgreement;
import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.deflate.PerMessageDeflate;
import dev.wslab.protocol.deflate.WireInflater;
import dev.wslab.protocol.extension.Extension;
import dev.wslab.protocol.extension.ExtensionHeaderParser;
import dev.wslab.protocol.extension.ParsedExtensions;
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
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

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
 * even ones the connection would refuse. When the heads agreed on permessage-deflate (RFC 7692), a frame of
 * a compressed message (RSV=100 on its first frame) also shows what its payload inflated to; its
 * {@code length} is the payload's size on the wire:
 *
 * <pre>
 * 12:00:00.103 &lt; FIN=1 RSV=100 opcode=0x1 (TEXT) MASK=0 length=7 f2 48 cd c9 c9 07 00 [7 bytes] inflated: "Hello" [5 bytes]
 * </pre>
 */
public final class WireTrace implements ClientObserver {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    /** The trace stops inflating a message beyond this: a decompression bomb costs it no more. */
    private static final long MAX_INFLATED_MESSAGE = 64L << 20;

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
        if (state == ConnectionState.CLOSED) {
            sent.close();
            received.close();
        }
    }

    /**
     * Called when the response head is complete: what the heads agreed on compression, by the client's own
     * rules (a refused answer agrees on nothing; the client fails the connection then).
     */
    private void headsComplete() {
        Optional<Extension> offer = deflateElements(sent.headText()).stream().findFirst();
        List<Extension> answer = deflateElements(received.headText());
        if (offer.isEmpty() || answer.size() != 1) {
            return;
        }
        if (PerMessageDeflate.check(answer.get(0), offer.get()) instanceof PerMessageDeflate.ClientCheck.Agreed agreed) {
            DeflateAgreement agreement = agreed.agreement();
            sent.inflateWith(agreement.clientToServer());
            received.inflateWith(agreement.serverToClient());
        }
    }

    /** Returns the permessage-deflate elements of a head's Sec-WebSocket-Extensions lines; none when malformed. */
    private static List<Extension> deflateElements(String head) {
        List<String> values = head.lines()
                .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("sec-websocket-extensions:"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .toList();
        if (values.isEmpty()
                || !(ExtensionHeaderParser.parse(values) instanceof ParsedExtensions.Parsed(List<Extension> elements))) {
            return List.of();
        }
        return elements.stream().filter(e -> e.name().equals(PerMessageDeflate.NAME)).toList();
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
        /** Inflates compressed messages once the heads agreed on permessage-deflate; empty before, or without. */
        private Optional<WireInflater> inflater = Optional.empty();
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
                    headText().lines().forEach(l -> line(arrow + " " + l));
                    if (this == received) {
                        headsComplete();
                    }
                }
            }
            if (!inHead && !broken && position < end) {
                readFrames(ByteBuffer.wrap(bytes, position, end - position));
            }
        }

        String headText() {
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        synchronized void inflateWith(DirectionSettings sender) {
            inflater = Optional.of(new WireInflater(sender, MAX_INFLATED_MESSAGE));
        }

        synchronized void close() {
            inflater.ifPresent(WireInflater::close);
        }

        private void readFrames(ByteBuffer in) {
            try {
                Frame frame;
                while ((frame = frames.next(in)) != null) {
                    Frame shown = frame;
                    line(arrow + " " + inflater.map(i -> i.format(shown)).orElseGet(() -> FrameFormat.frame(shown)));
                }
            } catch (ProtocolViolationException e) {
                broken = true;
                line(arrow + " (cannot decode further: " + e.getMessage() + ")");
            }
        }
    }
}
