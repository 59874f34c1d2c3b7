package dev.wslab.tutorials.browser;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A headless Chromium that loads one page, for the tutorials' browser tests: started with a fresh profile
 * in a directory of the test's, its output kept in a log there, killed with its children on {@link #close()}.
 */
public final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final Process process;
    private final Path log;

    private HeadlessChromium(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Skips the calling test, visibly, where {@code /usr/bin/chromium} is not installed (CI installs it). */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: " + CHROMIUM + " is not installed (apt-get install -y chromium)");
    }

    /** Starts Chromium on {@code url}, with its profile and log in {@code dir}. */
    public static HeadlessChromium open(String url, Path dir) throws IOException {
        Path profile = Files.createDirectory(dir.resolve("profile"));
        Path log = dir.resolve("chromium.log");
        Process process = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, url))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new HeadlessChromium(process, log);
    }

    /** Returns the last 30 lines Chromium printed, for a failure's message. */
    public String log() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
