package dev.wslab.cli;

import dev.wslab.server.ReferenceServer;
import dev.wslab.server.WebSocketServer;

import java.io.IOException;
import java.net.URI;

/** EmbeddedServer is wslab's reference server on a free loopback port: the default target of {@code conform}. */
final class EmbeddedServer implements AutoCloseable {

    private final WebSocketServer server;

    private EmbeddedServer(WebSocketServer server) {
        this.server = server;
    }

    static EmbeddedServer start() throws IOException {
        return new EmbeddedServer(ReferenceServer.start());
    }

    URI uri() {
        return URI.create(server.uri("/"));
    }

    @Override
    public void close() {
        server.close();
    }
}
