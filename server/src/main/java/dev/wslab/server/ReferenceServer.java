package dev.wslab.server;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.deflate.DeflateOptions;

import java.io.IOException;
import java.util.zip.Deflater;

/**
 * ReferenceServer is wslab's own echo server set up to take the whole conformance catalog: an echo on
 * every path, on a free loopback port, with messages up to 32 MiB (section 9 sends 16 MiB). It is the
 * default target of {@code wslab conform} and the server the suite is proven against. It accepts
 * permessage-deflate (RFC 7692), so sections 12 to 14 can run against it, and compresses at zlib's fastest
 * level: sections 12 and 13 echo some 10 GB, and the level changes how small an echo is, never whether it is
 * right ({@code ./wslab serve} keeps zlib's default level, 6, and takes {@code --deflate-level}).
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
                .deflate(DeflateOptions.DEFAULTS.withCompressionLevel(Deflater.BEST_SPEED))
                .start();
    }
}
