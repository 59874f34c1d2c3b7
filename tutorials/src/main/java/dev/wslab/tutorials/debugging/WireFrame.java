package dev.wslab.tutorials.debugging;

import dev.wslab.protocol.frame.FrameFormat;
import dev.wslab.protocol.frame.FrameHeader;
import dev.wslab.transport.Direction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WireFrame is what a frame looks like to someone reading a trace or a capture: its direction and the
 * header fields that tell the story (RFC 6455 §5.2), without the payload. Two tools that saw the same
 * connection must report the same list of WireFrames.
 *
 * @param direction as the client sees it: {@link Direction#OUTBOUND} client to server ({@code >} in its trace),
 *     {@link Direction#INBOUND} server to client ({@code <})
 * @param fin the FIN bit: false means more fragments of this message follow
 * @param opcode 0 continuation, 1 text, 2 binary, 8 close, 9 ping, 10 pong
 * @param masked the MASK bit: every client frame has it, no server frame does (§5.1)
 * @param length the payload length
 */
public record WireFrame(Direction direction, boolean fin, int opcode, boolean masked, long length) {

    /** One frame line of {@link dev.wslab.client.WireTrace}, e.g. {@code > FIN=1 RSV=000 opcode=0x1 (TEXT) MASK=1 length=5}. */
    private static final Pattern TRACE_LINE =
            Pattern.compile(" ([<>]) FIN=([01]) RSV=[01]{3} opcode=0x([0-9A-F]) \\(\\S+\\) MASK=([01]) length=(\\d+) ");

    /** Returns the frames of a WireTrace's output, in order; the other lines (handshake, states) are skipped. */
    public static List<WireFrame> fromTrace(List<String> lines) {
        List<WireFrame> frames = new ArrayList<>();
        for (String line : lines) {
            Matcher m = TRACE_LINE.matcher(line);
            if (m.find()) {
                Direction direction = m.group(1).equals(">") ? Direction.OUTBOUND : Direction.INBOUND;
                frames.add(new WireFrame(direction, m.group(2).equals("1"),
                        Integer.parseInt(m.group(3), 16), m.group(4).equals("1"), Long.parseLong(m.group(5))));
            }
        }
        return frames;
    }

    /**
     * Returns the frames of {@code decode.sh frames} output (tshark fields: packet, time, source port, FIN,
     * opcode, MASK, length), in order. One TCP segment can carry several frames: tshark then lists each
     * field's values separated by commas, which this splits back into frames.
     *
     * @param serverPort the server's port: a packet from it goes server to client
     * @throws IllegalArgumentException when a line is not such output, or a length is 126/127 (an extended
     *     length, in another field, that this reader does not take)
     */
    public static List<WireFrame> fromTshark(List<String> lines, int serverPort) {
        List<WireFrame> frames = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("frame.number")) {
                continue; // the header line
            }
            String[] columns = line.split("\t", -1);
            if (columns.length != 7) {
                throw new IllegalArgumentException("not a line of decode.sh frames: " + line);
            }
            Direction direction = Integer.parseInt(columns[2]) == serverPort ? Direction.INBOUND : Direction.OUTBOUND;
            String[] fin = columns[3].split(",");
            String[] opcode = columns[4].split(",");
            String[] mask = columns[5].split(",");
            String[] length = columns[6].split(",");
            for (int i = 0; i < opcode.length; i++) {
                long payloadLength = Long.parseLong(length[i]);
                if (payloadLength > 125) {
                    throw new IllegalArgumentException("extended payload length in " + line);
                }
                frames.add(new WireFrame(direction, bit(fin[i]), Integer.parseInt(opcode[i]), bit(mask[i]), payloadLength));
            }
        }
        return frames;
    }

    /** tshark 4.0 prints a boolean field as 1/0, later versions as True/False. */
    private static boolean bit(String value) {
        return value.equals("1") || value.equalsIgnoreCase("true");
    }

    /** Returns only the frames that went one way. */
    public static List<WireFrame> going(List<WireFrame> frames, Direction direction) {
        return frames.stream().filter(f -> f.direction() == direction).toList();
    }

    /**
     * Returns the frame as a trace prints its header, e.g. {@code > FIN=0 RSV=000 opcode=0x1 (TEXT) MASK=1 length=4}
     * ({@link FrameFormat}). A WireFrame does not keep the RSV bits (a capture's field list lacks them), so
     * they print as 000, which is what both tools see without extensions.
     */
    @Override
    public String toString() {
        FrameHeader header = new FrameHeader(fin, false, false, false, opcode, masked, 0, length);
        return (direction == Direction.OUTBOUND ? "> " : "< ") + FrameFormat.header(header);
    }
}
