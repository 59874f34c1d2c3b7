package dev.wslab.cli;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.ProtocolViolationException;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.connection.Connection;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.deflate.AgreedDeflate;
import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.DeflateAgreement;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.deflate.WireInflater;
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
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code wslab decode HEX...}: shows the frames in some bytes field by field, then what an endpoint
 * receiving them would do by the rules of RFC 6455: the messages it would deliver, the replies it would
 * send, or the close code it would fail the connection with. With {@code --deflate}, as if permessage-deflate
 * had been agreed (RFC 7692): the frames of compressed messages are shown with what they inflate to, and
 * the endpoint inflates them, keeping the sender's window from message to message unless
 * {@code --deflate-no-context-takeover} says the sender did not.
 */
@Command(name = "decode",
        description = {"Decodes WebSocket frames from hex bytes and judges them as an endpoint would.",
                "Example (RFC 6455 §5.7, a masked \"Hello\" from a client):",
                "  wslab decode 81 85 37 fa 21 3d 7f 9f 4d 51 58",
                "Example (RFC 7692 §7.2.3.1, \"Hello\" compressed, from a server):",
                "  wslab decode --deflate c1 07 f2 48 cd c9 c9 07 00"},
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

    @Option(names = "--deflate", description = "as if permessage-deflate was agreed (RFC 7692): RSV1 marks a compressed"
            + " message, which is inflated (default: not agreed, RSV1 fails the connection, RFC 6455 §5.2)")
    boolean deflate;

    @Option(names = "--deflate-no-context-takeover", description = "with --deflate: the sender agreed no_context_takeover,"
            + " so each message is inflated on its own (default: the window carries over, RFC 7692 §7.2.2)")
    boolean noContextTakeover;

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
        if (noContextTakeover && !deflate) {
            spec.commandLine().getErr().println("wslab: --deflate-no-context-takeover goes with --deflate");
            return Main.EXIT_USAGE;
        }
        // What the sender agreed to for its messages; the receiver's own sending does not matter here.
        Optional<DirectionSettings> sender = deflate ? Optional.of(new DirectionSettings(
                noContextTakeover ? ContextTakeover.RESET : ContextTakeover.KEPT, DirectionSettings.MAX_WINDOW_BITS))
                : Optional.empty();
        boolean framesComplete = printFrames(bytes, sender, out);
        Role role = switch (receiver) {
            case server -> Role.SERVER;
            case client -> Role.CLIENT;
            case auto -> bytes.length > 1 && (bytes[1] & 0x80) != 0 ? Role.SERVER : Role.CLIENT;
        };
        out.println();
        out.println("As received by a " + role.name().toLowerCase() + " (RFC 6455 rules"
                + (deflate ? ", permessage-deflate agreed" + (noContextTakeover ? " without context takeover" : "") : "")
                + "):");
        boolean failed = judge(bytes, role, sender, out);
        return failed || !framesComplete ? Main.EXIT_FAILURE : 0;
    }

    /** Prints each frame; returns false when the bytes end inside a frame or cannot be frames. */
    private static boolean printFrames(byte[] bytes, Optional<DirectionSettings> sender, PrintWriter out) {
        FrameReader reader = new FrameReader(Limits.MAX_ARRAY_SIZE);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Optional<WireInflater> inflater = sender.map(settings -> new WireInflater(settings, Limits.DEFAULTS.maxMessageSize()));
        int count = 0;
        try {
            Frame frame;
            while ((frame = reader.next(in)) != null) {
                count++;
                Frame shown = frame;
                out.println("frame " + count + ": " + inflater.map(i -> i.format(shown)).orElseGet(() -> FrameFormat.frame(shown)));
                if (frame.masked()) {
                    out.printf("  masking key: %08x (the payload above is unmasked with it, §5.3)%n", frame.maskingKey());
                }
            }
        } catch (ProtocolViolationException e) {
            out.println("frame " + (count + 1) + ": cannot be decoded: " + e.getMessage());
            return false;
        } finally {
            inflater.ifPresent(WireInflater::close);
        }
        if (!reader.isAtFrameBoundary()) {
            out.println("(the bytes end inside frame " + (count + 1) + "; a receiver would wait for the rest)");
            return false;
        }
        return true;
    }

    /** Feeds the bytes to a connection of the given role and prints what it does; returns whether it failed. */
    private static boolean judge(byte[] bytes, Role role, Optional<DirectionSettings> sender, PrintWriter out) {
        Connection connection = sender.map(settings -> Connection.open(role, Limits.DEFAULTS, MaskingKeySource.fixed(0),
                        new AgreedDeflate(role == Role.SERVER ? new DeflateAgreement(DirectionSettings.DEFAULT, settings)
                                : new DeflateAgreement(settings, DirectionSettings.DEFAULT), DeflateOptions.DEFAULTS)))
                .orElseGet(() -> Connection.open(role, Limits.DEFAULTS, MaskingKeySource.fixed(0)));
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
        connection.receiveEof(); // the end of the bytes: the connection releases its Inflater, if it holds one
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
