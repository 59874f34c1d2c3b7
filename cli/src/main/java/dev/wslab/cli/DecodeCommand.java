package dev.wslab.cli;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Connection;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameFormat;
import dev.wslab.protocol.frame.FrameReader;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.frame.Opcode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code wslab decode HEX...}: shows the frames in some bytes field by field, then what an endpoint
 * receiving them would do by the rules of RFC 6455: the messages it would deliver, the replies it would
 * send, or the close code it would fail the connection with.
 */
@Command(name = "decode",
        description = {"Decodes WebSocket frames from hex bytes and judges them as an endpoint would.",
                "Example (RFC 6455 §5.7, a masked \"Hello\" from a client):",
                "  wslab decode 81 85 37 fa 21 3d 7f 9f 4d 51 58"},
        mixinStandardHelpOptions = true)
final class DecodeCommand implements Callable<Integer> {

    /** Who receives the bytes, which decides the masking rule (§5.1). */
    enum Receiver { server, client, auto }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HEX", arity = "1..*", description = "the bytes, e.g. '81 05 48 65 6c 6c 6f' or 810548656c6c6f")
    List<String> hex;

    @Option(names = "--receiver", defaultValue = "auto", description = "who receives the bytes: ${COMPLETION-CANDIDATES}"
            + " (default: auto, a server when the first frame is masked, else a client)")
    Receiver receiver;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        byte[] bytes;
        try {
            bytes = HexInput.parse(hex.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("wslab: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        boolean framesComplete = printFrames(bytes, out);
        Role role = switch (receiver) {
            case server -> Role.SERVER;
            case client -> Role.CLIENT;
            case auto -> bytes.length > 1 && (bytes[1] & 0x80) != 0 ? Role.SERVER : Role.CLIENT;
        };
        out.println();
        out.println("As received by a " + role.name().toLowerCase() + " (RFC 6455 rules):");
        boolean failed = judge(bytes, role, out);
        return failed || !framesComplete ? Main.EXIT_FAILURE : 0;
    }

    /** Prints each frame; returns false when the bytes end inside a frame or cannot be frames. */
    private static boolean printFrames(byte[] bytes, PrintWriter out) {
        FrameReader reader = new FrameReader(Limits.MAX_ARRAY_SIZE);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int count = 0;
        try {
            Frame frame;
            while ((frame = reader.next(in)) != null) {
                count++;
                out.println("frame " + count + ": " + FrameFormat.frame(frame));
                if (frame.masked()) {
                    out.printf("  masking key: %08x (the payload above is unmasked with it, §5.3)%n", frame.maskingKey());
                }
            }
        } catch (ProtocolViolationException e) {
            out.println("frame " + (count + 1) + ": cannot be decoded: " + e.getMessage());
            return false;
        }
        if (!reader.isAtFrameBoundary()) {
            out.println("(the bytes end inside frame " + (count + 1) + "; a receiver would wait for the rest)");
            return false;
        }
        return true;
    }

    /** Feeds the bytes to a connection of the given role and prints what it does; returns whether it failed. */
    private static boolean judge(byte[] bytes, Role role, PrintWriter out) {
        Connection connection = Connection.open(role, Limits.DEFAULTS, MaskingKeySource.fixed(0));
        connection.receive(bytes);
        boolean failed = false;
        for (Event event : connection.takeEvents()) {
            out.println("  " + describe(event));
            failed |= event instanceof Event.Failed;
        }
        byte[] reply = connection.takeOutgoingBytes();
        if (reply.length > 0) {
            for (Frame frame : FrameReader.readAll(reply, Limits.MAX_ARRAY_SIZE)) {
                out.println("  replies with " + (frame.opcode() == Opcode.CLOSE.code()
                        ? "CLOSE " + CloseStatus.parse(frame.payload()) : frame.toString()));
            }
        }
        out.println("  connection state: " + connection.state());
        return failed;
    }

    private static String describe(Event event) {
        return switch (event) {
            case Event.Opened opened -> "opened, subprotocol " + opened.subprotocol().orElse("(none)");
            case Event.TextMessage text -> "text message: \"" + text.text() + "\"";
            case Event.BinaryMessage binary -> "binary message: " + binary.data();
            case Event.PingReceived ping -> "ping: " + ping.payload();
            case Event.PongReceived pong -> "pong: " + pong.payload();
            case Event.CloseReceived close -> "close received: " + close.status();
            case Event.Failed failed -> "FAILS the connection with " + failed.violation().closeCode() + ": "
                    + failed.violation().message();
            case Event.Closed closed -> "closed " + (closed.cleanly() ? "cleanly" : "not cleanly")
                    + ": received " + closed.received() + ", sent " + closed.sent();
        };
    }
}
