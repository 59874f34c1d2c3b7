package dev.wslab.tutorials.debugging;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Starts the page's capture script on the loopback interface for a test, or skips the test where capturing is not allowed. */
public final class LoopbackCapture {

    /** The page's scripts; tests run in the tutorials module's folder. */
    public static final Path SCRIPTS = Path.of("src/main/config/capture");

    private LoopbackCapture() {
    }

    /** Captures the traffic of {@code port} on lo into {@code pcap}; only a missing permission skips, visibly. */
    public static PacketCapture startOrSkip(int port, Path pcap, Duration timeout) throws IOException, InterruptedException {
        try {
            return PacketCapture.start(SCRIPTS, "lo", port, pcap, timeout);
        } catch (IOException e) {
            // Any other reason is a failure of the script or the test.
            boolean permission = e.getMessage().contains("ermission") || e.getMessage().contains("not permitted");
            assumeTrue(!permission, "skipped: cannot capture on lo (run as root, or give tcpdump CAP_NET_RAW): "
                    + e.getMessage());
            throw e;
        }
    }
}
