package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.protocol.close.CloseCode;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.wslab.conformance.catalog.Cases.*;

/** Section 7, Close handling (§5.5.1, §7): the closing handshake, Close frame bodies and close codes. */
final class CloseHandling {

    private static final String SECTION = "Close Handling";
    private static final Frame CLOSE_1000 = Frame.close(CloseStatus.NORMAL);

    private CloseHandling() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(testCase("7.1.1", SECTION, "Send a text message; expect it echoed, then the suite closes with 1000 and"
                        + " the server answers with 1000.", "5.5.1, 7.1.2",
                steps(send(text("Hello World!"))), Expectation.echo(Observed.text("Hello World!")), 1));
        cases.add(testCase("7.1.2", SECTION, "Send a Close with 1000, then a second Close; expect a clean close, the"
                        + " second Close ignored.", "5.5.1", steps(send(CLOSE_1000, Frame.close(CloseStatus.NO_STATUS))),
                Expectation.answersClose(1000), 1));
        cases.add(testCase("7.1.3", SECTION, "Send a Close with 1000, then a Ping; expect a clean close and no Pong after"
                        + " the Close.", "5.5.1", steps(send(CLOSE_1000, ping(""))), Expectation.answersClose(1000), 1));
        cases.add(testCase("7.1.4", SECTION, "Send a Close with 1000, then a text message; expect a clean close and no"
                        + " echo after the Close.", "5.5.1", steps(send(CLOSE_1000, text("Hello World!"))),
                Expectation.answersClose(1000), 1));
        cases.add(testCase("7.1.5", SECTION, "Send a text fragment, a Close with 1000, then the final fragment; expect a"
                        + " clean close with 1000 and nothing echoed.", "5.4, 5.5.1",
                steps(send(notFinal(text("fragment1")), CLOSE_1000, continuation("fragment2", true))),
                Expectation.answersClose(1000), 1));
        String big = repeatText("BAsd7&jh23", 256 * 1024);
        cases.add(testCase("7.1.6", SECTION, "Send a 256 KiB text message, a short one, a Close and a Ping; the RFC does"
                        + " not say whether the messages are echoed before the Close is processed: informational.", "5.5.1",
                steps(send(text(big), text("Hello World!"), CLOSE_1000, ping(""))),
                Expectation.informational(Expectation.AfterSteps.WAIT_FOR_SERVER_TO_CLOSE), 1));
        cases.add(testCase("7.3.1", SECTION, "Send a Close with an empty body (no status code); expect a clean close"
                        + " answered with an empty Close or 1000.", "5.5.1",
                steps(send(Frame.close(CloseStatus.NO_STATUS))), Expectation.answersClose(1000), 1));
        cases.add(testCase("7.3.2", SECTION, "Send a Close with a 1-byte body, which cannot hold a status code; expect"
                        + " the connection failed with 1002.", "5.5.1",
                steps(send(Frame.of(Opcode.CLOSE, Payload.utf8("a")))), Expectation.rejectsClose(1002), 1));
        cases.add(testCase("7.3.3", SECTION, "Send a Close with 1000; expect a clean close with 1000.", "5.5.1",
                steps(send(CLOSE_1000)), Expectation.answersClose(1000), 1));
        cases.add(testCase("7.3.4", SECTION, "Send a Close with 1000 and the reason 'Hello World!'; expect a clean close"
                        + " with 1000.", "5.5.1",
                steps(send(Frame.close(CloseStatus.of(CloseCode.NORMAL_CLOSURE, "Hello World!")))),
                Expectation.answersClose(1000), 1));
        cases.add(testCase("7.3.5", SECTION, "Send a Close with 1000 and a 123-byte reason (the largest control payload,"
                        + " 125 bytes); expect a clean close with 1000.", "5.5, 5.5.1",
                steps(send(Frame.close(CloseStatus.of(CloseCode.NORMAL_CLOSURE, "*".repeat(123))))),
                Expectation.answersClose(1000), 1));
        byte[] tooLong = new byte[126];
        tooLong[0] = 0x03;
        tooLong[1] = (byte) 0xE8;
        java.util.Arrays.fill(tooLong, 2, 126, (byte) '*');
        cases.add(testCase("7.3.6", SECTION, "Send a Close with 1000 and a 124-byte reason: a 126-byte control frame,"
                        + " over the limit; expect the connection failed with 1002.", "5.5",
                steps(send(Frame.of(Opcode.CLOSE, Payload.of(tooLong)))), Expectation.rejectsClose(1002), 1));
        byte[] invalidReason = concat(new byte[] {0x03, (byte) 0xE8},
                "\u03ba\u1f79\u03c3\u03bc\u03b5".getBytes(StandardCharsets.UTF_8), hex("ed a0 80"),
                "edited".getBytes(StandardCharsets.UTF_8));
        cases.add(testCase("7.5.1", SECTION, "Send a Close with 1000 and a reason that is not valid UTF-8; expect the"
                        + " connection failed with 1007 (or 1002).", "5.5.1, 8.1",
                steps(send(Frame.of(Opcode.CLOSE, Payload.of(invalidReason)))), Expectation.rejectsClose(1007, 1002), 1));
        int[] valid = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999};
        for (int i = 0; i < valid.length; i++) {
            int code = valid[i];
            cases.add(testCase("7.7." + (i + 1), SECTION, "Send a Close with the valid code " + code + "; expect a clean"
                            + " close answered with " + code + " or 1000.", "7.4.1, 7.4.2",
                    steps(send(Frame.close(CloseStatus.of(CloseCode.of(code))))),
                    Expectation.answersClose(code, 1000), 1));
        }
        int[] validIana = {1012, 1013, 1014};
        for (int i = 0; i < validIana.length; i++) {
            int code = validIana[i];
            cases.add(testCase("7.7." + (valid.length + i + 1), SECTION, "Send a Close with the IANA-registered code "
                            + code + "; expect a clean close answered with " + code + " or 1000.", "7.4.2",
                    steps(send(Frame.close(CloseStatus.of(CloseCode.of(code))))),
                    Expectation.answersClose(code, 1000), 1)
                    .withDeviation("Not in Autobahn, whose engine still rejects 1012-1014; these codes are registered with IANA."));
        }
        int[] invalid = {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999};
        for (int i = 0; i < invalid.length; i++) {
            int code = invalid[i];
            byte[] body = {(byte) (code >> 8), (byte) code};
            cases.add(testCase("7.9." + (i + 1), SECTION, "Send a Close with the code " + code + ", which may not be"
                            + " sent; expect the connection failed with 1002.", "7.4.1, 7.4.2",
                    steps(send(Frame.of(Opcode.CLOSE, Payload.of(body)))), Expectation.rejectsClose(1002), 1));
        }
        for (int[] entry : new int[][] {{1, 5000}, {2, 65535}}) {
            byte[] body = {(byte) (entry[1] >> 8), (byte) entry[1]};
            cases.add(testCase("7.13." + entry[0], SECTION, "Send a Close with the code " + entry[1] + ", outside every"
                            + " range of §7.4.2: informational.", "7.4.2",
                    steps(send(Frame.of(Opcode.CLOSE, Payload.of(body)))),
                    Expectation.informational(Expectation.AfterSteps.WAIT_FOR_SERVER_TO_CLOSE), 1));
        }
        return cases;
    }

    static String repeatText(String pattern, int length) {
        return new String(repeat(pattern.getBytes(StandardCharsets.US_ASCII), length), StandardCharsets.US_ASCII);
    }
}
