package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.util.ArrayList;
import java.util.List;

import static dev.wslab.conformance.catalog.Cases.*;

/** Sections 3 and 4: reserved bits and reserved opcodes, which the server MUST reject (§5.2). */
final class ReservedBitsAndOpcodes {

    private static final String HELLO = "Hello, world!";

    private ReservedBitsAndOpcodes() {
    }

    static List<ConformanceCase> reservedBits() {
        String section = "Reserved Bits";
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(testCase("3.1", section, "Send a text message with RSV = 1; expect the server to fail the connection with 1002.",
                "5.2", steps(send(rsv(text(HELLO), 1))), Expectation.fails(1002), 1));
        cases.add(afterValidMessage("3.2", section, "RSV = 2", rsv(text(HELLO), 2), Step.Writing.WHOLE));
        cases.add(afterValidMessage("3.3", section, "RSV = 3 (each frame written on its own)", rsv(text(HELLO), 3),
                Step.Writing.PER_FRAME));
        cases.add(afterValidMessage("3.4", section, "RSV = 4 (one byte per write)", rsv(text(HELLO), 4), Step.Writing.OCTET_WISE));
        cases.add(testCase("3.5", section, "Send a binary message with RSV = 5; expect the server to fail the connection with 1002.",
                "5.2", steps(send(rsv(binary(hex("00 ff fe fd fc fb 00 ff")), 5))), Expectation.fails(1002), 1));
        cases.add(testCase("3.6", section, "Send a binary message 'Hello, world!' with RSV = 6; expect the server to fail"
                        + " the connection with 1002.",
                "5.2", steps(send(rsv(binary(HELLO.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 6))),
                Expectation.fails(1002), 1)
                .withDeviation("Autobahn's description says it sends a Ping; its code sends a binary frame, as this case says."));
        cases.add(testCase("3.7", section, "Send a Close frame with RSV = 7; expect the server to fail the connection with 1002.",
                "5.2", steps(send(rsv(Frame.close(CloseStatus.NO_STATUS), 7))), Expectation.fails(1002), 1));
        return cases;
    }

    static List<ConformanceCase> opcodes() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.addAll(opcodeGroup("4.1", "Opcodes", new int[] {3, 4, 5, 6, 7}, "non-control"));
        cases.addAll(opcodeGroup("4.2", "Opcodes", new int[] {11, 12, 13, 14, 15}, "control"));
        return cases;
    }

    private static List<ConformanceCase> opcodeGroup(String prefix, String section, int[] opcodes, String kind) {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(testCase(prefix + ".1", section, "Send a frame with the reserved " + kind + " opcode " + opcodes[0]
                        + "; expect the server to fail the connection with 1002.",
                "5.2", steps(send(Frame.of(Opcode.BINARY, Payload.EMPTY).withOpcode(opcodes[0]))), Expectation.fails(1002), 1));
        cases.add(testCase(prefix + ".2", section, "Send a frame with the reserved " + kind + " opcode " + opcodes[1]
                        + " and a payload; expect the server to fail the connection with 1002.",
                "5.2", steps(send(Frame.of(Opcode.BINARY, Payload.utf8("reserved opcode payload")).withOpcode(opcodes[1]))),
                Expectation.fails(1002), 1));
        cases.add(afterValidMessage(prefix + ".3", section, "the reserved opcode " + opcodes[2],
                Frame.of(Opcode.BINARY, Payload.EMPTY).withOpcode(opcodes[2]), Step.Writing.WHOLE));
        cases.add(afterValidMessage(prefix + ".4", section, "the reserved opcode " + opcodes[3] + " and a payload",
                Frame.of(Opcode.BINARY, Payload.utf8(HELLO)).withOpcode(opcodes[3]), Step.Writing.WHOLE));
        cases.add(afterValidMessage(prefix + ".5", section, "the reserved opcode " + opcodes[4]
                        + " and a payload (one byte per write)",
                Frame.of(Opcode.BINARY, Payload.utf8(HELLO)).withOpcode(opcodes[4]), Step.Writing.OCTET_WISE));
        return cases;
    }

    /**
     * A valid message, then a broken frame, then a Ping: the message should be echoed (it was complete and
     * valid), the broken frame must fail the connection, and the Ping must not be answered.
     */
    private static ConformanceCase afterValidMessage(String id, String section, String what, Frame broken,
                                                     Step.Writing writing) {
        return testCase(id, section, "Send a valid text message, then a frame with " + what + ", then a Ping; expect"
                        + " the first message echoed, the connection failed with 1002, and no Pong.",
                "5.2", steps(new Step.Send(List.of(text(HELLO), broken, Frame.ping(Payload.EMPTY)), writing)),
                Expectation.fails(1002, Observed.text(HELLO)).orNonStrict(), 1);
    }

    private static Frame rsv(Frame frame, int bits) {
        return frame.withReservedBits((bits & 4) != 0, (bits & 2) != 0, (bits & 1) != 0);
    }
}
