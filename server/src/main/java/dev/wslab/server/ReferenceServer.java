package dev.wslab.server;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.deflate.DeflateOptions;

import java.io.IOException;

/**
 * ReferenceServer is wslab's own echo server set up to take the whole conformance catalog: an echo on
 * every path, on a free loopback port, with messages up to 32 MiB (section 9 sends 16 MiB). It is the
 * default target of {@code wslab conform} and the server the suite is proven against. It accepts
 * permessage-deflate (RFC 7692) with the default options, so sections 12 and 13 can run against it.
 */
public final class ReferenceServer {

    /** The largest message accepted: twice the largest the catalog sends. */
    public static final long MAX_MESSAGE_SIZE = 32L << 20;

    private ReferenceServer() {
    }

    /** Starts the server; close it when done. */
    public static WebSocketServer start() throws IOException {
        return WebSocketServer.builder()
                .port(0)
                .defaultEndpoint(Endpoints.echo())
                .limits(Limits.DEFAULTS.withMaxMessageSize(MAX_MESSAGE_SIZE))
                .deflate(DeflateOptions.DEFAULTS)
                .start();
    }
}
