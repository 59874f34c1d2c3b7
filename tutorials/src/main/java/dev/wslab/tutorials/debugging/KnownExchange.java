package dev.wslab.tutorials.debugging;

import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * KnownExchange is a conversation with an echo server in which every kind of frame crosses the wire once:
 * a text message, a binary one, a message in two fragments, a Ping, and the closing handshake. Each step
 * waits for the server's answer, so a capture shows the frames in a known order.
 */
public final class KnownExchange {

    /** The frames the client sends, in order, as a capture must show them (before masking). */
    // tag::frames[]
    public static final List<Frame> SENT = List.of(
            Frame.text("hello"),                                    // FIN=1 opcode 1, 5 bytes
            Frame.binary(Payload.of((byte) 1, (byte) 2, (byte) 3)), // FIN=1 opcode 2, 3 bytes
            Frame.text("frag").withFin(false),                      // FIN=0 opcode 1: a message begins...
            Frame.continuation(Payload.utf8("ment"), true),         // FIN=1 opcode 0: ...and ends
            Frame.ping(Payload.utf8("tick")),                       // FIN=1 opcode 9
            Frame.close(CloseStatus.of(CloseCode.NORMAL_CLOSURE, "bye"))); // FIN=1 opcode 8, 2 + 3 bytes
    // end::frames[]

    private KnownExchange() {
    }

    /**
     * Plays {@link #SENT} against an echo server and returns the server's frames, in the order received:
     * the echoes, the Pong, the Close.
     *
     * @throws IOException when the server does not answer a step
     */
    public static List<Frame> play(FrameScriptClient client) throws IOException {
        List<Frame> received = new ArrayList<>();
        for (Frame frame : SENT) {
            client.send(frame);
            if (!frame.fin()) {
                continue; // the echo comes once the message is whole
            }
            received.add(client.receive().orElseThrow(() -> new IOException("no answer to " + frame)));
        }
        // After the Close, the server closes TCP (RFC 6455 §7.1.1: the server closes the TCP connection first).
        if (received.getLast().opcode() != Opcode.CLOSE.code() || client.receive().isPresent()) {
            throw new IOException("the server did not end with a Close and the end of TCP: " + received);
        }
        return received;
    }
}
