package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Opcode;
import dev.wslab.protocol.frame.Payload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.wslab.conformance.catalog.Cases.*;

/**
 * Section 9, Limits and performance: large messages, many fragments, small writes, and round trips.
 * Unlike Autobahn, the echoes' content is checked, not only their length.
 */
final class LimitsAndPerformance {

    private static final String SECTION = "Limits/Performance";
    private static final String CONTENT_NOTE = "Autobahn checks only the echo's type and length; this case checks its content.";
    private static final int KIB = 1024;
    private static final int MIB = 1024 * 1024;

    private LimitsAndPerformance() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        int[] sizes = {64 * KIB, 256 * KIB, MIB, 4 * MIB, 8 * MIB, 16 * MIB};
        for (int i = 0; i < sizes.length; i++) {
            String text = CloseHandling.repeatText("BAsd7&jh23", sizes[i]);
            cases.add(echo("9.1." + (i + 1), "Send a text message of " + size(sizes[i]) + " in one frame",
                    steps(send(text(text))), Observed.text(text), i < 2 ? 10 : 100));
        }
        for (int i = 0; i < sizes.length; i++) {
            byte[] data = repeat(hex("00 fe 23 fa f0"), sizes[i]);
            cases.add(echo("9.2." + (i + 1), "Send a binary message of " + size(sizes[i]) + " in one frame",
                    steps(send(binary(data))), Observed.binary(Payload.of(data)), i < 4 ? 10 : 100));
        }
        int[] fragmentSizes = {64, 256, KIB, 4 * KIB, 16 * KIB, 64 * KIB, 256 * KIB, MIB, 4 * MIB};
        byte[] fourMib = repeat('*', 4 * MIB);
        for (int i = 0; i < fragmentSizes.length; i++) {
            cases.add(echo("9.3." + (i + 1), "Send a 4 MiB text message in fragments of " + size(fragmentSizes[i]),
                    steps(new Step.Send(fragments(Opcode.TEXT, fourMib, fragmentSizes[i]), Step.Writing.WHOLE)),
                    new Observed.Text(Payload.of(fourMib)), 100));
        }
        for (int i = 0; i < fragmentSizes.length; i++) {
            cases.add(echo("9.4." + (i + 1), "Send a 4 MiB binary message in fragments of " + size(fragmentSizes[i]),
                    steps(new Step.Send(fragments(Opcode.BINARY, fourMib, fragmentSizes[i]), Step.Writing.WHOLE)),
                    Observed.binary(Payload.of(fourMib)), 100));
        }
        int[] chops = {64, 128, 256, 512, KIB, 2 * KIB};
        byte[] oneMib = repeat('*', MIB);
        for (int i = 0; i < chops.length; i++) {
            cases.add(echo("9.5." + (i + 1), "Send a 1 MiB text message in one frame, written in " + chops[i] + "-byte chops",
                    steps(sendInChops(chops[i], textBytes(oneMib))), new Observed.Text(Payload.of(oneMib)), 100));
        }
        for (int i = 0; i < chops.length; i++) {
            cases.add(echo("9.6." + (i + 1), "Send a 1 MiB binary message in one frame, written in " + chops[i] + "-byte chops",
                    steps(sendInChops(chops[i], binary(oneMib))), Observed.binary(Payload.of(oneMib)), 100));
        }
        int[] roundTripSizes = {0, 16, 64, 256, KIB, 4 * KIB};
        for (int i = 0; i < roundTripSizes.length; i++) {
            String text = "*".repeat(roundTripSizes[i]);
            cases.add(roundTrips("9.7." + (i + 1), "text", Frame.text(text), Observed.text(text), roundTripSizes[i]));
        }
        for (int i = 0; i < roundTripSizes.length; i++) {
            byte[] data = repeat(0xFE, roundTripSizes[i]);
            cases.add(roundTrips("9.8." + (i + 1), "binary", Frame.binary(Payload.of(data)), Observed.binary(Payload.of(data)),
                    roundTripSizes[i]));
        }
        return cases;
    }

    static List<ConformanceCase> misc() {
        String text = "*".repeat(65536);
        return List.of(testCase("10.1.1", "Misc", "Send a 64 KiB text message in fragments of 1300 bytes; expect it echoed"
                        + " whole.", "5.4", steps(new Step.Send(fragments(Opcode.TEXT, text.getBytes(
                                java.nio.charset.StandardCharsets.US_ASCII), 1300), Step.Writing.WHOLE)),
                Expectation.echo(Observed.text(text)), 10));
    }

    private static ConformanceCase echo(String id, String what, List<Step> steps, Observed echo, double deadline) {
        return testCase(id, SECTION, what + "; expect it echoed, byte for byte.", "5.2, 5.4", steps,
                Expectation.echo(echo), deadline).withDeviation(CONTENT_NOTE);
    }

    private static ConformanceCase roundTrips(String id, String kind, Frame frame, Observed echo, int size) {
        Observed[] echoes = new Observed[1000];
        Arrays.fill(echoes, echo);
        return testCase(id, SECTION, "Send 1000 " + kind + " messages of " + size + " bytes, each after the echo of the"
                        + " previous one; expect all 1000 echoes.", "5.2",
                steps(new Step.RoundTrips(frame, 1000)), Expectation.echo(echoes), size >= KIB ? 240 : 60)
                .withDeviation(CONTENT_NOTE);
    }

    private static String size(int bytes) {
        return bytes >= MIB ? bytes / MIB + " MiB" : bytes >= KIB ? bytes / KIB + " KiB" : bytes + " bytes";
    }
}
