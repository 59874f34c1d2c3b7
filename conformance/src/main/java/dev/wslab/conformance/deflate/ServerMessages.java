package dev.wslab.conformance.deflate;

import dev.wslab.conformance.wire.WireLog;
import dev.wslab.protocol.Limits;
import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.frame.FrameDecoder;
import dev.wslab.protocol.frame.FrameHeader;
import dev.wslab.protocol.frame.FramePart;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.PayloadChunk;
import dev.wslab.protocol.http.HttpHeadException;
import dev.wslab.protocol.http.HttpHeadParser;
import dev.wslab.protocol.http.HttpResponse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ServerMessages reads back, from a case's wire log, what the server sent: its handshake response and its
 * data messages as they crossed the wire, compressed or not, before any inflating. The log is the evidence
 * of every verdict; reading the server's compressed bytes from it lets a judge see what the suite's
 * inflater does not report (how far back each reference reaches).
 *
 * @param response the server's handshake response, when one was logged
 * @param messages the server's data messages, in order; control frames are left out
 */
public record ServerMessages(Optional<HttpResponse> response, List<Message> messages) {

    public ServerMessages {
        messages = List.copyOf(messages);
    }

    /**
     * One data message of the server's.
     *
     * @param compressed whether RSV1 was set on its first frame (RFC 7692 §6)
     * @param payload    its frames' payloads joined, as sent (for a compressed message, without the tail)
     */
    public record Message(boolean compressed, byte[] payload) {
    }

    /** Reads the server's side of {@code log}; bytes that are not frames end the reading, quietly. */
    public static ServerMessages read(List<WireLog.Entry> log) {
        Optional<HttpResponse> response = Optional.empty();
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (WireLog.Entry entry : log) {
            if (entry.direction() != WireLog.Direction.RECEIVED) {
                continue;
            }
            if (response.isEmpty() && entry.text().startsWith("opening handshake response")) {
                response = parse(entry.bytes());
            } else if (response.isPresent()) {
                frames.writeBytes(entry.bytes());
            }
        }
        return new ServerMessages(response, messages(frames.toByteArray()));
    }

    private static Optional<HttpResponse> parse(byte[] head) {
        try {
            return HttpHeadParser.forResponse(Limits.DEFAULTS).feed(ByteBuffer.wrap(head));
        } catch (HttpHeadException e) {
            return Optional.empty();
        }
    }

    private static List<Message> messages(byte[] bytes) {
        List<Message> messages = new ArrayList<>();
        FrameDecoder decoder = new FrameDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        boolean inMessage = false;
        boolean compressed = false;
        FrameHeader header = null;
        try {
            FramePart part;
            while ((part = decoder.next(in)) != null) {
                switch (part) {
                    case FrameHeader h -> {
                        header = h;
                        if (!h.isControl() && h.opcode() != Opcode.CONTINUATION.code()) {
                            inMessage = true;
                            compressed = h.rsv1();
                            payload.reset();
                        }
                    }
                    case PayloadChunk chunk -> {
                        if (header != null && !header.isControl() && inMessage) {
                            payload.writeBytes(chunk.bytes());
                            if (chunk.endOfFrame() && header.fin()) {
                                messages.add(new Message(compressed, payload.toByteArray()));
                                inMessage = false;
                            }
                        }
                    }
                }
            }
        } catch (ProtocolViolationException e) {
            // not frames from here on: what came before is what the server sent as frames
        }
        return messages;
    }
}
