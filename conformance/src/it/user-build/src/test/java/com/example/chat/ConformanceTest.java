package com.example.chat;

import dev.wslab.conformance.Verdict;
import dev.wslab.conformance.run.ConformanceTests;
import dev.wslab.server.Endpoints;
import dev.wslab.server.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.net.URI;
import java.util.Arrays;
import java.util.stream.Stream;

/** The server's conformance, case by case: what a server author adds to the build. */
class ConformanceTest {

    private static WebSocketServer server;

    @BeforeAll
    static void start() throws Exception {
        server = WebSocketServer.builder().bindAddress("127.0.0.1").port(0).defaultEndpoint(Endpoints.echo()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A few sections, to keep the build short: 7.1.6 and 7.13.x are INFORMATIONAL for every server. */
    @TestFactory
    Stream<DynamicNode> conformance() {
        Verdict[] failOn = Arrays.stream(System.getProperty("failOn").split("\\+")).map(Verdict::valueOf).toArray(Verdict[]::new);
        return ConformanceTests.against(URI.create(server.uri("/")))
                .cases("0.*,1.1.*,2.*,7.1.*,7.13.*").exclude("9.*")
                .failOn(failOn[0], Arrays.copyOfRange(failOn, 1, failOn.length))
                .tests();
    }
}
