package dev.wslab.transport;

/** Closing what may already be closed, for the paths where nothing useful can be done with a failure. */
public final class Closeables {

    private Closeables() {
    }

    /**
     * Closes {@code closeable}, ignoring any exception: for sockets and listeners being torn down, where the
     * peer may have closed first and a failure to close leaves nothing more to release.
     */
    public static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // best effort: nothing left to release
        }
    }
}
