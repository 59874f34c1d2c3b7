package dev.wslab.tutorials.limits;

import dev.wslab.client.ClientOptions;
import dev.wslab.client.WebSocketClient;
import dev.wslab.server.Endpoints;
import dev.wslab.server.WebSocketServer;
import dev.wslab.transport.WebSocketSession;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * MemoryPerConnection opens {@code n} idle connections from a client to a server in this same JVM and
 * measures what they cost: heap (buffers, queues, and the virtual threads' stacks, which live on the
 * heap) and file descriptors. Each connection is counted twice, once per side, as both run here.
 *
 * <p>The heap figure is approximate (it is measured around garbage collections, which the JVM may do
 * partly); take its order of magnitude, not its digits.
 *
 * Run it: {@code java -cp ... dev.wslab.tutorials.limits.MemoryPerConnection 1000}.
 */
public final class MemoryPerConnection {

    /** What {@code connections} idle connections cost, both sides together. */
    public record Cost(int connections, long heapBytes, long fileDescriptors) {

        public long heapBytesPerConnection() {
            return heapBytes / connections;
        }

        @Override
        public String toString() {
            return connections + " idle connections (client and server side): heap +" + heapBytes / 1024
                    + " KiB, about " + heapBytesPerConnection() / 1024 + " KiB per connection; "
                    + (fileDescriptors >= 0 ? "file descriptors +" + fileDescriptors : "file descriptors unknown (no /proc)");
        }
    }

    private MemoryPerConnection() {
    }

    // tag::measure[]
    /** Opens {@code n} idle connections, measures, then closes them. */
    public static Cost measure(int n) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (WebSocketServer server = WebSocketServer.builder().endpoint("/echo", Endpoints.echo()).start()) {
            URI uri = URI.create(server.uri("/echo"));
            WebSocketClient.connect(uri, ClientOptions.DEFAULTS).close(); // warm up: load the classes first
            long heapBefore = settledHeap(memory);
            long fdsBefore = ProcessFds.available() ? ProcessFds.openCount() : -1;
            List<WebSocketSession> sessions = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    sessions.add(WebSocketClient.connect(uri, ClientOptions.DEFAULTS));
                }
                long heapAfter = settledHeap(memory);
                long fds = fdsBefore < 0 ? -1 : ProcessFds.openCount() - fdsBefore;
                return new Cost(n, heapAfter - heapBefore, fds);
            } finally {
                sessions.forEach(session -> session.abort("measured"));
            }
        }
    }
    // end::measure[]

    /** Returns the heap in use after garbage collection, as well as one can ask for it. */
    private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        if (ProcessFds.available()) {
            System.out.println("open files now: " + ProcessFds.openCount() + ", limit (ulimit -n): "
                    + ProcessFds.softLimit().stream().mapToObj(Long::toString).findFirst().orElse("unlimited"));
        }
        System.out.println(measure(n));
    }
}
