package dev.wslab.conformance;

import dev.wslab.conformance.catalog.ProbeBounds;
import dev.wslab.server.Endpoints;
import dev.wslab.server.WebSocketServer;
import dev.wslab.protocol.Limits;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.transport.SessionOptions;

import java.io.IOException;
import java.time.Duration;

/**
 * ProbeServers keeps the probe tests short: the probes wait 1.5 s (times the test's time scale) for a
 * server's own timeouts instead of 30-60 s, flood 2 MiB instead of 64 (past the 1 MiB default limit), and wslab's server gets timeouts to
 * match; Undertow keeps its defaults.
 */
public final class ProbeServers {

    /** What the tests give a server to time out a stalled handshake, frame or peer. */
    public static final ProbeBounds BOUNDS = new ProbeBounds(Duration.ofMillis(1500), Duration.ofMillis(1500),
            Duration.ofMillis(200), 2 << 20, 100_000);

    private ProbeServers() {
    }

    /**
     * Starts wslab's server with its default limits (1 MiB messages, 16 KiB heads), echoing on every path
     * and accepting permessage-deflate as {@code ReferenceServer.start()} does, with a 500 ms handshake deadline (default 10 s) and a Ping
     * every 300 ms, dead 300 ms later (default 20 s and 20 s): the same rules, on the tests' clock.
     */
    public static WebSocketServer wslab() throws IOException {
        return WebSocketServer.builder()
                .port(0)
                .defaultEndpoint(Endpoints.echo())
                .limits(Limits.DEFAULTS)
                .deflate(DeflateOptions.DEFAULTS)
                .handshakeTimeout(Duration.ofMillis(500))
                .sessionOptions(SessionOptions.DEFAULTS.withHeartbeat(Duration.ofMillis(300), Duration.ofMillis(300)))
                .start();
    }
}
