package dev.wslab.tutorials.debugging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * PacketCapture runs the page's scripts: {@code capture.sh} (tcpdump) while traffic flows, then
 * {@code decode.sh} (tshark) on the file it wrote. Root, or the capture capabilities, are needed.
 */
public final class PacketCapture implements AutoCloseable {

    private final Process tcpdump;
    private final Path file;
    private final List<String> messages = new ArrayList<>();
    /** Reads tcpdump's stderr once it listens, so that it never blocks on a full pipe. */
    private volatile Thread drainer;

    private PacketCapture(Process tcpdump, Path file) {
        this.tcpdump = tcpdump;
        this.file = file;
    }

    /**
     * Starts {@code capture.sh <interface> <port> <file>} and returns once tcpdump says it is listening:
     * packets sent before that line would be missing from the capture.
     *
     * @throws IOException when tcpdump exits or stays silent instead (no permission, no such interface)
     */
    public static PacketCapture start(Path scripts, String iface, int port, Path file, Duration timeout)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", scripts.resolve("capture.sh").toString(), iface,
                String.valueOf(port), file.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        PacketCapture capture = new PacketCapture(process, file);
        // tcpdump writes its messages to stderr; "listening on lo, link-type ..." means it captures now.
        CompletableFuture<Boolean> listening = CompletableFuture.supplyAsync(capture::readUntilListening);
        try {
            if (listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return capture;
            }
        } catch (ExecutionException | TimeoutException e) {
            // reported below, with whatever tcpdump said
        }
        process.destroyForcibly();
        throw new IOException("tcpdump did not start capturing: " + capture.messages());
    }

    private boolean readUntilListening() {
        BufferedReader err = new BufferedReader(new InputStreamReader(tcpdump.getErrorStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = err.readLine()) != null) {
                synchronized (messages) {
                    messages.add(line);
                }
                if (line.contains("listening on ")) {
                    drainer = Thread.ofVirtual().start(() -> drain(err));
                    return true;
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        return false;
    }

    private void drain(BufferedReader err) {
        try {
            String line;
            while ((line = err.readLine()) != null) {
                synchronized (messages) {
                    messages.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Returns what tcpdump printed so far, e.g. its closing "N packets captured". */
    public List<String> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** Returns the pcap file being written. */
    public Path file() {
        return file;
    }

    /**
     * Lets the capture settle, then stops it the way Ctrl-C would (SIGTERM: tcpdump closes the file and
     * reports) and waits for it.
     *
     * <p>Settling: a packet that has just crossed the interface may not have been read by tcpdump yet, and
     * tcpdump stops at once on SIGTERM. With {@code -U} it writes each packet to the file as it reads it,
     * so once the file has stopped growing for a moment, the last packets are in.
     */
    public void stop(Duration timeout) throws InterruptedException {
        awaitQuiet(Duration.ofMillis(500), timeout);
        // Through the handle: Process.destroy() would also close our end of tcpdump's stderr, losing its last words.
        tcpdump.toHandle().destroy();
        if (!tcpdump.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            tcpdump.destroyForcibly();
        }
        Thread reader = drainer;
        if (reader != null) {
            reader.join(timeout.toMillis()); // its last lines: "N packets captured", ...
        }
    }

    /** Waits until the file has not grown for {@code quiet}, at most {@code timeout}. */
    private void awaitQuiet(Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long size = -1;
        long unchangedSince = System.nanoTime();
        while (tcpdump.isAlive() && System.nanoTime() < deadline) {
            long now = fileSize();
            if (now != size) {
                size = now;
                unchangedSince = System.nanoTime();
            } else if (System.nanoTime() - unchangedSince >= quiet.toNanos()) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private long fileSize() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1; // not created yet
        }
    }

    /** Stops the capture if it still runs. */
    @Override
    public void close() {
        try {
            stop(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            tcpdump.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code decode.sh} with {@code arguments} (e.g. {@code frames ws.pcap 8080}) and returns its
     * standard output, line by line.
     *
     * @throws IOException when the script fails; the message holds its standard error
     */
    public static List<String> decode(Path scripts, Duration timeout, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", scripts.resolve("decode.sh").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("decode.sh " + arguments[0] + " did not finish within " + timeout);
        }
        if (process.exitValue() != 0) {
            throw new IOException("decode.sh " + String.join(" ", arguments) + " failed (" + process.exitValue()
                    + "): " + err.join());
        }
        return out.join().lines().toList();
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
