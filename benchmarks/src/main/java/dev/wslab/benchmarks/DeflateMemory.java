package dev.wslab.benchmarks;

import dev.wslab.client.ClientOptions;
import dev.wslab.client.WebSocketClient;
import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.DeflateOptions;
import dev.wslab.protocol.deflate.LiveCodecs;
import dev.wslab.server.Endpoints;
import dev.wslab.server.WebSocketServer;
import dev.wslab.server.WebSocketServerBuilder;
import dev.wslab.transport.Message;
import dev.wslab.transport.WebSocketSession;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * DeflateMemory measures what an idle connection costs with permessage-deflate negotiated, with and without
 * context takeover, beside the same connection without compression: live heap plus native memory, the
 * zlib state of {@link java.util.zip.Deflater} and {@link java.util.zip.Inflater}, which the garbage
 * collector does not see.
 *
 * <p>How: {@link #measure} opens {@code n} connections from a client to a server in this JVM, each sends one
 * 16 KiB JSON message and reads its echo (so each side has compressed and inflated once), then sits idle.
 * Heap: the used heap after garbage collection, before and after. Native: the process's resident set
 * ({@code VmRSS} in {@code /proc/self/status}), before and after. Run with a fixed, pre-touched heap
 * ({@code -Xms=-Xmx -XX:+AlwaysPreTouch}) the heap's pages are resident from the start, so the resident
 * set grows only by what is allocated outside the heap: zlib's state above all. (NMT does not help here:
 * zlib allocates with plain malloc, which NMT does not see.) Each setting runs in a fresh JVM
 * ({@link #main}), because glibc keeps freed pages resident and would hand one setting's memory to the next.
 * Both ends of each connection live in the one JVM, so a figure is the cost of a connection at both ends.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.wslab.benchmarks.DeflateMemory 500</pre>
 */
public final class DeflateMemory {

    /** The three settings compared. */
    public enum Setting {
        /** permessage-deflate not offered. */
        NONE,
        /** permessage-deflate with context takeover both ways: a window held per direction, per connection. */
        TAKEOVER,
        /** permessage-deflate with {@code server_no_context_takeover; client_no_context_takeover}. */
        NO_TAKEOVER;

        Optional<DeflateOptions> deflate() {
            return switch (this) {
                case NONE -> Optional.empty();
                case TAKEOVER -> Optional.of(DeflateOptions.DEFAULTS);
                case NO_TAKEOVER -> Optional.of(DeflateOptions.DEFAULTS.withOwnContext(ContextTakeover.RESET));
            };
        }
    }

    /**
     * What {@code connections} idle connections cost, both ends together.
     *
     * @param liveCodecs the Deflaters and Inflaters held while they sat idle
     */
    public record Cost(Setting setting, int connections, long heapBytes, long rssBytes, long liveCodecs) {

        /**
         * Native memory: the resident set's growth. The heap's pages were all made resident at start-up
         * ({@code -XX:+AlwaysPreTouch}), so whatever the heap holds does not move the resident set.
         */
        public long nativeBytes() {
            return Math.max(0, rssBytes);
        }

        public double kibPerConnection(long bytes) {
            return bytes / 1024.0 / connections;
        }

        /** Heap plus native memory, per connection, in KiB. */
        public double totalKibPerConnection() {
            return kibPerConnection(Math.max(0, heapBytes) + nativeBytes());
        }

        /** One line: {@code RESULT setting n heap rss codecs}, read back by the parent JVM. */
        String line() {
            return "RESULT " + setting + " " + connections + " " + heapBytes + " " + rssBytes + " " + liveCodecs;
        }

        static Cost parse(String line) {
            String[] f = line.trim().split(" ");
            return new Cost(Setting.valueOf(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4]), Long.parseLong(f[5]));
        }
    }

    /** 16 KiB of JSON-like text, over the 1 KiB threshold below which messages go uncompressed. */
    static final String MESSAGE = new String(DeflateBenchmark.json(16 * 1024, new SplittableRandom(1)),
            StandardCharsets.US_ASCII);

    private DeflateMemory() {
    }

    // tag::measure[]
    /** Opens {@code n} connections with {@code setting}, one message each, measures them idle, closes them. */
    public static Cost measure(Setting setting, int n) throws Exception {
        WebSocketServerBuilder builder = WebSocketServer.builder().endpoint("/echo", Endpoints.echo());
        setting.deflate().ifPresent(builder::deflate);
        ClientOptions options = setting.deflate().map(ClientOptions.DEFAULTS::withDeflate)
                .orElse(ClientOptions.DEFAULTS.withoutDeflate());
        try (WebSocketServer server = builder.start()) {
            URI uri = URI.create(server.uri("/echo"));
            List<WebSocketSession> sessions = new ArrayList<>();
            try {
                sessions.add(openAndUse(uri, options)); // warm up: classes loaded, code compiled, pools made
                long heapBefore = settledHeap();
                long rssBefore = residentSetBytes();
                long codecsBefore = LiveCodecs.count();
                for (int i = 0; i < n; i++) {
                    sessions.add(openAndUse(uri, options));
                }
                long heapAfter = settledHeap();
                long rssAfter = residentSetBytes();
                return new Cost(setting, n, heapAfter - heapBefore, rssAfter - rssBefore,
                        LiveCodecs.count() - codecsBefore);
            } finally {
                sessions.forEach(WebSocketSession::close);
            }
        }
    }
    // end::measure[]

    private static WebSocketSession openAndUse(URI uri, ClientOptions options) throws Exception {
        WebSocketSession session = WebSocketClient.connect(uri, options);
        session.sendText(MESSAGE);
        Optional<Message> echo = session.receive();
        if (!echo.equals(Optional.of(new Message.Text(MESSAGE)))) {
            throw new IllegalStateException("no echo of the 16 KiB message: " + echo);
        }
        return session;
    }

    private static long settledHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Returns the process's resident set from {@code /proc/self/status} (Linux), or -1 elsewhere. */
    static long residentSetBytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    /**
     * Measures each setting in its own JVM (same java, same class path, a 256 MiB pre-touched heap) and
     * prints the table and the ratios; {@code args[0]} is the number of connections (default 500), and
     * {@code --child SETTING N} is how a child is started.
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--child")) {
            System.out.println(measure(Setting.valueOf(args[1]), Integer.parseInt(args[2])).line());
            System.exit(0); // the server's and sessions' threads are virtual; nothing else to wait for
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        List<Cost> costs = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            costs.add(inChildJvm(setting, n));
        }
        System.out.println(report(costs));
    }

    // tag::child[]
    static Cost inChildJvm(Setting setting, int n) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch",
                "-cp", System.getProperty("java.class.path"), DeflateMemory.class.getName(),
                "--child", setting.name(), Integer.toString(n))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String result = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new IOException("the " + setting + " child printed no result"));
        child.waitFor();
        return Cost.parse(result);
    }
    // end::child[]

    /** The table: KiB per idle connection (both ends), and each setting as a ratio of no compression. */
    static String report(List<Cost> costs) {
        Cost none = costs.stream().filter(c -> c.setting() == Setting.NONE).findFirst().orElseThrow();
        StringBuilder out = new StringBuilder(String.format(java.util.Locale.ROOT,
                "Memory per idle connection, both ends, %d connections (1 KiB = 1024 bytes)%n"
                        + "%-12s %10s %12s %12s %12s %8s%n", none.connections(),
                "setting", "heap KiB", "native KiB", "total KiB", "codecs held", "ratio"));
        for (Cost cost : costs) {
            out.append(String.format(java.util.Locale.ROOT, "%-12s %10.1f %12.1f %12.1f %12d %7.2fx%n",
                    cost.setting(), cost.kibPerConnection(cost.heapBytes()), cost.kibPerConnection(cost.nativeBytes()),
                    cost.totalKibPerConnection(), cost.liveCodecs(),
                    cost.totalKibPerConnection() / none.totalKibPerConnection()));
        }
        Cost noTakeover = costs.stream().filter(c -> c.setting() == Setting.NO_TAKEOVER).findFirst().orElseThrow();
        double ratio = noTakeover.totalKibPerConnection() / none.totalKibPerConnection();
        out.append(String.format(java.util.Locale.ROOT, "Target: no context takeover <= 1.2x uncompressed: %.2fx %s",
                ratio, ratio <= 1.2 ? "met" : "MISSED"));
        return out.toString();
    }
}
