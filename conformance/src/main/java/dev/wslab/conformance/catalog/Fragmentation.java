package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.util.ArrayList;
import java.util.List;

import static dev.wslab.conformance.catalog.Cases.*;

/** Section 5, Fragmentation (§5.4): messages in pieces, control frames between them, and broken sequences. */
final class Fragmentation {

    private static final String SECTION = "Fragmentation";

    private Fragmentation() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(testCase("5.1", SECTION, "Send a Ping in two fragments (FIN clear, then a continuation); control frames"
                        + " MUST NOT be fragmented: expect the connection failed with 1002.", "5.4, 5.5",
                steps(send(notFinal(ping("fragment1")), continuation("fragment2", true))), Expectation.fails(1002), 1));
        cases.add(testCase("5.2", SECTION, "Send a Pong in two fragments; expect the connection failed with 1002.", "5.4, 5.5",
                steps(send(notFinal(pong("fragment1")), continuation("fragment2", true))), Expectation.fails(1002), 1));
        Frame[] twoFragments = {notFinal(text("fragment1")), continuation("fragment2", true)};
        String[] ways = {"", " (each frame written on its own)", " (one byte per write)"};
        Step.Writing[] writings = {Step.Writing.WHOLE, Step.Writing.PER_FRAME, Step.Writing.OCTET_WISE};
        for (int i = 0; i < 3; i++) {
            cases.add(testCase("5." + (3 + i), SECTION, "Send a text message in two fragments" + ways[i]
                            + "; expect one message 'fragment1fragment2' echoed.", "5.4",
                    steps(new Step.Send(List.of(twoFragments), writings[i])),
                    Expectation.echo(Observed.text("fragment1fragment2")), 1));
        }
        Frame[] withPing = {notFinal(text("fragment1")), ping("ping payload"), continuation("fragment2", true)};
        for (int i = 0; i < 3; i++) {
            cases.add(testCase("5." + (6 + i), SECTION, "Send a text message in two fragments with a Ping between them"
                            + ways[i] + "; expect the Pong first, then the whole message echoed.", "5.4, 5.5",
                    steps(new Step.Send(List.of(withPing), writings[i])),
                    Expectation.echo(Observed.pong(Payload.utf8("ping payload")), Observed.text("fragment1fragment2")), 1));
        }
        Frame[] lonelyFinal = {continuation("non-continuation payload", true), text("Hello, world!")};
        for (int i = 0; i < 3; i++) {
            cases.add(testCase("5." + (9 + i), SECTION, "Send a final continuation frame with nothing to continue, then a"
                            + " text message" + ways[i] + "; expect the connection failed with 1002 and nothing echoed.", "5.4",
                    steps(new Step.Send(List.of(lonelyFinal), writings[i])), Expectation.fails(1002), 1));
        }
        Frame[] lonelyNotFinal = {continuation("non-continuation payload", false), text("Hello, world!")};
        for (int i = 0; i < 3; i++) {
            cases.add(testCase("5." + (12 + i), SECTION, "Send a non-final continuation frame with nothing to continue,"
                            + " then a text message" + ways[i] + "; expect the connection failed with 1002.", "5.4",
                    steps(new Step.Send(List.of(lonelyNotFinal), writings[i])), Expectation.fails(1002), 1));
        }
        cases.add(testCase("5.15", SECTION, "Send a valid fragmented message, then a continuation with nothing to continue,"
                        + " then a text message; expect the first message echoed and the connection failed with 1002.", "5.4",
                steps(send(notFinal(text("fragment1")), continuation("fragment2", true), continuation("fragment3", false),
                        text("fragment4"))),
                Expectation.fails(1002, Observed.text("fragment1fragment2")).orNonStrict(), 1));
        Frame[] startsWithContinuation = {continuation("fragment1", false), notFinal(text("fragment2")), continuation("fragment3", true)};
        cases.add(testCase("5.16", SECTION, "Twice: a non-final continuation with nothing to continue, a text fragment,"
                        + " a final continuation; expect the connection failed with 1002.", "5.4",
                steps(send(startsWithContinuation), send(startsWithContinuation)), Expectation.fails(1002), 1));
        Frame[] startsWithFinal = {continuation("fragment1", true), notFinal(text("fragment2")), continuation("fragment3", true)};
        cases.add(testCase("5.17", SECTION, "Twice: a final continuation with nothing to continue, a text fragment,"
                        + " a final continuation; expect the connection failed with 1002.", "5.4",
                steps(send(startsWithFinal), send(startsWithFinal)), Expectation.fails(1002), 1));
        cases.add(testCase("5.18", SECTION, "Send a text fragment followed by another text frame instead of a continuation;"
                        + " expect the connection failed with 1002.", "5.4",
                steps(send(notFinal(text("fragment1")), text("fragment2"))), Expectation.fails(1002), 1));
        cases.add(longFragmentedMessage("5.19", Step.Writing.WHOLE));
        cases.add(longFragmentedMessage("5.20", Step.Writing.PER_FRAME));
        return cases;
    }

    private static ConformanceCase longFragmentedMessage(String id, Step.Writing writing) {
        Frame first = Frame.of(Opcode.TEXT, Payload.utf8("fragment1")).withFin(false);
        return testCase(id, SECTION, "Send a text message in 5 fragments with a Ping after the 2nd and the 4th, pausing"
                        + " 1 s after the first Ping" + (writing == Step.Writing.PER_FRAME ? " (each frame written on its own)" : "")
                        + "; expect both Pongs, then the whole message.", "5.4, 5.5",
                steps(new Step.Send(List.of(first, continuation("fragment2", false), ping("pongme 1!")), writing),
                        pause(1),
                        new Step.Send(List.of(continuation("fragment3", false), continuation("fragment4", false),
                                ping("pongme 2!"), continuation("fragment5", true)), writing)),
                Expectation.echo(Observed.pong(Payload.utf8("pongme 1!")), Observed.pong(Payload.utf8("pongme 2!")),
                        Observed.text("fragment1fragment2fragment3fragment4fragment5")), 1);
    }
}
