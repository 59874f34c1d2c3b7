package dev.wslab.cli;

import java.net.URI;

/** EmbeddedServer is wslab's own echo server on a free loopback port: the default target of {@code conform}. */
final class EmbeddedServer implements AutoCloseable {

    private EmbeddedServer() {
    }

    static EmbeddedServer start() {
        throw new IllegalStateException("the embedded server is not available yet; give a ws:// URL");
    }

    URI uri() {
        throw new IllegalStateException("not started");
    }

    @Override
    public void close() {
    }
}
