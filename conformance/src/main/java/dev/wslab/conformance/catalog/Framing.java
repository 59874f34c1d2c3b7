package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.protocol.frame.Payload;

import java.util.ArrayList;
import java.util.List;

import static dev.wslab.conformance.catalog.Cases.*;

/** Section 1, Framing: text and binary messages at the edges of the three length forms (§5.2). */
final class Framing {

    private static final String SECTION = "Framing";
    private static final int[] SIZES = {0, 125, 126, 127, 128, 65535, 65536};

    private Framing() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        for (int i = 0; i < SIZES.length; i++) {
            int size = SIZES[i];
            String text = "*".repeat(size);
            cases.add(testCase("1.1." + (i + 1), SECTION, "Send a text message of " + size + " bytes ('*'); expect it echoed.",
                    "5.2, 5.6", steps(send(text(text))), Expectation.echo(Observed.text(text)), size > 128 ? 10 : 1));
        }
        String big = "*".repeat(65536);
        cases.add(testCase("1.1.8", SECTION, "Send a text message of 65536 bytes, written in chops of 997 bytes; expect it echoed.",
                "5.2, 5.6", steps(sendInChops(997, text(big))), Expectation.echo(Observed.text(big)), 10));
        for (int i = 0; i < SIZES.length; i++) {
            int size = SIZES[i];
            byte[] data = repeat(0xFE, size);
            cases.add(testCase("1.2." + (i + 1), SECTION, "Send a binary message of " + size + " bytes (0xFE); expect it echoed.",
                    "5.2, 5.6", steps(send(binary(data))), Expectation.echo(Observed.binary(Payload.of(data))),
                    size > 128 ? 10 : 1));
        }
        byte[] bigData = repeat(0xFE, 65536);
        cases.add(testCase("1.2.8", SECTION, "Send a binary message of 65536 bytes, written in chops of 997 bytes; expect it echoed.",
                "5.2, 5.6", steps(sendInChops(997, binary(bigData))), Expectation.echo(Observed.binary(Payload.of(bigData))), 10));
        return cases;
    }
}
