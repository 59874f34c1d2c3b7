package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Observed;
import dev.wslab.protocol.close.CloseStatus;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.Payload;

import java.util.ArrayList;
import java.util.List;

import static dev.wslab.conformance.catalog.Cases.*;

/** Section 2, Pings and Pongs (§5.5.2, §5.5.3). */
final class PingsAndPongs {

    private static final String SECTION = "Pings/Pongs";

    private PingsAndPongs() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(echoesPong("2.1", "Send a Ping with an empty payload; expect a Pong with an empty payload.", Payload.EMPTY, false));
        cases.add(echoesPong("2.2", "Send a Ping with 'Hello, world!'; expect a Pong with the same payload.",
                Payload.utf8("Hello, world!"), false));
        cases.add(echoesPong("2.3", "Send a Ping with binary payload 00 ff fe fd fc fb 00 ff; expect the same in the Pong.",
                Payload.hex("00fffefdfcfb00ff"), false));
        cases.add(echoesPong("2.4", "Send a Ping with the largest control payload, 125 bytes; expect a Pong with the same payload.",
                Payload.of(repeat(0xFE, 125)), false));
        cases.add(testCase("2.5", SECTION, "Send a Ping with a 126-byte payload, over the 125-byte limit of control frames;"
                        + " expect the server to fail the connection with 1002 and not answer it.",
                "5.5", steps(send(Frame.ping(Payload.of(repeat(0xFE, 126))))), Expectation.fails(1002), 1));
        cases.add(echoesPong("2.6", "Send a Ping with a 125-byte payload, one byte per write; expect a Pong with the same payload.",
                Payload.of(repeat(0xFE, 125)), true));
        cases.add(testCase("2.7", SECTION, "Send an unsolicited empty Pong, then a Close with 1000; expect no answer to the"
                        + " Pong and a clean close.", "5.5.3",
                steps(send(Frame.pong(Payload.EMPTY)), send(Frame.close(CloseStatus.NORMAL))),
                Expectation.answersClose(1000), 1));
        cases.add(testCase("2.8", SECTION, "Send an unsolicited Pong with 'unsolicited pong payload', then a Close with"
                        + " 1000; expect no answer to the Pong and a clean close.", "5.5.3",
                steps(send(pong("unsolicited pong payload")), send(Frame.close(CloseStatus.NORMAL))),
                Expectation.answersClose(1000), 1));
        cases.add(testCase("2.9", SECTION, "Send an unsolicited Pong, then a Ping with 'ping payload'; expect exactly one"
                        + " Pong, answering the Ping.", "5.5.2, 5.5.3",
                steps(send(pong("unsolicited pong payload")), send(ping("ping payload"))),
                Expectation.echo(Observed.pong(Payload.utf8("ping payload"))), 1));
        cases.add(tenPings("2.10", false));
        cases.add(tenPings("2.11", true));
        return cases;
    }

    private static ConformanceCase echoesPong(String id, String description, Payload payload, boolean octetWise) {
        Frame ping = Frame.ping(payload);
        return testCase(id, SECTION, description, "5.5.2",
                steps(octetWise ? sendOctetWise(ping) : send(ping)), Expectation.echo(Observed.pong(payload)),
                octetWise ? 2 : 1);
    }

    private static ConformanceCase tenPings(String id, boolean octetWise) {
        Frame[] pings = new Frame[10];
        List<Observed> pongs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            pings[i] = ping("payload-" + i);
            pongs.add(Observed.pong(Payload.utf8("payload-" + i)));
        }
        // RFC 6455 §5.5.3: an endpoint MAY answer only the most recent of several Pings it has not answered yet.
        return testCase(id, SECTION, "Send 10 Pings back to back" + (octetWise ? ", one byte per write" : "")
                        + "; expect 10 Pongs in order, or only the Pong of the last Ping, which §5.5.3 allows.",
                "5.5.2, 5.5.3", steps(octetWise ? sendOctetWise(pings) : send(pings)),
                Expectation.echo(pongs.toArray(Observed[]::new)).orAlso(List.of(pongs.getLast())), 3)
                .withDeviation("Autobahn requires all 10 Pongs; §5.5.3 also allows answering only the latest Ping, so that is OK here too.");
    }
}
