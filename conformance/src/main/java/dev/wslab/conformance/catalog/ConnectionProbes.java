package dev.wslab.conformance.catalog;

import dev.wslab.conformance.ConformanceCase;
import dev.wslab.conformance.Expectation;
import dev.wslab.conformance.Expectation.Closer;
import dev.wslab.conformance.CrowdVisit;
import dev.wslab.conformance.Observed;
import dev.wslab.conformance.Step;
import dev.wslab.conformance.catalog.StatedLimits.Limit;
import dev.wslab.protocol.frame.Opcode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.wslab.conformance.catalog.Cases.*;
import static dev.wslab.conformance.catalog.ProbeCommon.*;

/** Part D of the robustness probes (section 20): the connection's lifecycle, alone and in crowds. */
final class ConnectionProbes {

    private ConnectionProbes() {
    }

    /** Part D: the connection's lifecycle, alone and in crowds. */
    static List<ConformanceCase> cases(ProbeBounds bounds, StatedLimits limits) {
        List<ConformanceCase> cases = new ArrayList<>();
        cases.add(testCase("20.33", SECTION, "Open " + CROWD + " connections, " + CROWD / 4 + " at a time, each sending"
                        + " 90% of a 64 KiB fragmented message and then a TCP reset (§7.2; Tomcat CVE-2024-23672): expect"
                        + " a fresh connection to be served after them, and this one to still echo."
                        + ProbePolicy.RESPONSIVENESS.assumed("clients served after 64 aborted ones"), "7.2, 10.4",
                steps(new Step.Crowd(CROWD, CROWD / 4, new CrowdVisit.AbortMidMessage(
                        fragments(Opcode.TEXT, "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII), 4096), 59_000)),
                        send(text("still served after the aborts"))),
                Expectation.echo(new Observed.Marker(Step.Crowd.SERVED), Observed.text("still served after the aborts")), 2));
        cases.add(testCase("20.34", SECTION, "Open " + CROWD + " connections at once, each sending a 512 KiB message"
                        + " tagged with its own number for echo, then a Close and at once a TCP reset (Tomcat"
                        + " CVE-2022-25762: a buffer released twice sent one connection's data on another): expect a"
                        + " fresh connection to be served after them, and this one to receive its own tag only."
                        + ProbePolicy.RESPONSIVENESS.assumed("clients served, each with its own data only, after 64 closes"
                        + " raced with echoes"), "7.2, 10.4",
                steps(new Step.Crowd(CROWD, CROWD, new CrowdVisit.CloseRacingEcho(512 * 1024)),
                        send(text("[tag of the survivor]"))),
                Expectation.echo(new Observed.Marker(Step.Crowd.SERVED), Observed.text("[tag of the survivor]")), 2));
        boolean idleTimeoutStated = limits.idleTimeout() instanceof Limit.AtMost;
        Duration idlePatience = patience(limits.idleTimeout(), bounds.idlePatience());
        cases.add(testCase("20.35", SECTION, "Stop answering Pings and Close frames while TCP stays up (a dead peer"
                        + " behind a NAT): expect the server to notice and close, within " + seconds(idlePatience)
                        + " (python-websockets: a Ping every 20 s, dead 20 s later); " + (idleTimeoutStated
                        ? "judged, as an idle timeout is stated." : "informational, as §5.5.2 makes the Ping a keepalive"
                        + " but requires none.") + ProbePolicy.IDLE_TIMEOUT.assumed(idleTimeoutStated
                        ? timeout(limits.idleTimeout(), idlePatience) : "none: what the server does is recorded"), "5.5.2",
                steps(new Step.Mute()), idleTimeoutStated ? Expectation.closes(Closer.SERVER, DROPPED)
                        : Expectation.informational(Expectation.AfterSteps.WAIT_FOR_SERVER_TO_CLOSE),
                idlePatience.toMillis() / 1000.0));
        return cases;
    }
}
