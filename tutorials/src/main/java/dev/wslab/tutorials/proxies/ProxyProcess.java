package dev.wslab.tutorials.proxies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * ProxyProcess is a real nginx or HAProxy running in front of a WebSocket server on 127.0.0.1: its
 * configuration rendered from a template into a fresh temporary directory, the program started as a child
 * process in the foreground, and, on {@link #close()}, the process and all of its children stopped and the
 * directory deleted.
 *
 * <pre>{@code
 * try (ProxyProcess proxy = ProxyProcess.start(ProxyKind.NGINX, template, server.port(), Duration.ofSeconds(2))) {
 *     WebSocketClient.connect(URI.create(proxy.uri("/echo")), ClientOptions.DEFAULTS);
 * }
 * }</pre>
 */
public final class ProxyProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final int ATTEMPTS = 3;

    private final ProxyKind kind;
    private final Process process;
    private final Path workDir;
    private final int port;

    private ProxyProcess(ProxyKind kind, Process process, Path workDir, int port) {
        this.kind = kind;
        this.process = process;
        this.workDir = workDir;
        this.port = port;
    }

    /**
     * Renders {@code template} with a free listening port, {@code backendPort} and {@code idleTimeout}, starts
     * the proxy and waits until it accepts TCP connections.
     *
     * @throws IOException when the proxy does not start; the message holds what it wrote
     */
    public static ProxyProcess start(ProxyKind kind, Path template, int backendPort, Duration idleTimeout)
            throws IOException, InterruptedException {
        ConfigTemplate config = ConfigTemplate.read(template);
        IOException last = null;
        // A free port is found by binding port 0 and letting it go; another process may take it before the
        // proxy binds it. Rare, but then the proxy exits at once, and another port is tried.
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int port = freePort();
            // tag::render[]
            String rendered = config.render(Map.of(
                    "LISTEN_PORT", Integer.toString(port),
                    "BACKEND_PORT", Integer.toString(backendPort),
                    "IDLE_TIMEOUT", configDuration(idleTimeout)));
            // end::render[]
            Path workDir = Files.createTempDirectory("wslab-" + kind.name().toLowerCase() + "-");
            Path configFile = workDir.resolve(template.getFileName());
            Files.writeString(configFile, rendered);
            Process process = new ProcessBuilder(kind.command(configFile, workDir))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("output.log").toFile())
                    .start();
            ProxyProcess proxy = new ProxyProcess(kind, process, workDir, port);
            try {
                proxy.awaitListening();
                return proxy;
            } catch (IOException e) {
                last = e;
                proxy.close();
            } catch (InterruptedException | RuntimeException e) {
                proxy.close();
                throw e;
            }
        }
        throw last;
    }

    /**
     * Writes a duration the way both nginx and HAProxy read it: {@code 2s}, or {@code 1500ms} when it is
     * not a whole number of seconds.
     */
    public static String configDuration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** Returns the port the proxy listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Returns the ws:// URI of {@code path} through the proxy, e.g. {@code ws://127.0.0.1:41234/echo}. */
    public String uri(String path) {
        return "ws://127.0.0.1:" + port + path;
    }

    /** Returns which proxy this is. */
    public ProxyKind kind() {
        return kind;
    }

    /** Returns everything the proxy has logged so far: its output and every *.log file of its directory. */
    public String logs() {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(workDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                all.append("==> ").append(file.getFileName()).append(" <==\n")
                        .append(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            all.append("(logs unreadable: ").append(e).append(")\n");
        }
        return all.toString();
    }

    /** Stops the proxy (SIGTERM, then SIGKILL for it and its workers) and deletes its directory. */
    @Override
    public void close() {
        // nginx's master has worker processes: list them now, while they are still its children.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                child.destroyForcibly();
                child.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // a child that would not die within 5 s after SIGKILL: nothing more to do
        }
        deleteRecursively(workDir);
    }

    /** Connects to the listening port until it answers, the process exits or the time is up. */
    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(kind + " exited with status " + process.exitValue() + ":\n" + logs());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException(kind + " did not listen on port " + port + " within " + READY_TIMEOUT + ":\n" + logs());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
