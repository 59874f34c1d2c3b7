package dev.wslab.benchmarks;

import dev.wslab.conformance.deflate.DataSet;

import java.util.List;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How fast can sections 12 and 13 of the suite run at all? Their 216 cases send about 10.9 GB of messages,
 * and a server that compresses must deflate all of them again for its echoes. This program measures that
 * floor with nothing but the JDK's zlib: each subsection's 18 × 1000 messages, deflated at level 1 (the
 * reference server's level) with context takeover, and inflated once. It prints the CPU seconds zlib alone
 * needs per data set and for the whole of 12 and 13 (section 13 sends the JSON data seven times), beside
 * nothing else: framing, masking, UTF-8 and the sockets come on top.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.wslab.benchmarks.CompressionSectionsFloor}.
 */
public final class CompressionSectionsFloor {

    /** The message sizes of a subsection's 18 cases (catalog/Compression), 1000 messages each. */
    private static final List<Integer> SIZES = List.of(16, 64, 256, 1024, 4096, 8192, 16384, 32768, 65536, 131072,
            8192, 16384, 32768, 65536, 131072, 131072, 131072, 131072);
    private static final int MESSAGES = 1000;

    private CompressionSectionsFloor() {
    }

    public static void main(String[] args) throws DataFormatException {
        double deflateSeconds = 0;
        double inflateSeconds = 0;
        long bytes = 0;
        for (DataSet data : DataSet.values()) {
            Floor floor = measure(data);
            // Section 12 sends each data set once; section 13's seven subsections send the JSON data again.
            int subsections = data == DataSet.JSON ? 8 : 1;
            deflateSeconds += subsections * floor.deflateSeconds();
            inflateSeconds += subsections * floor.inflateSeconds();
            bytes += subsections * floor.bytes();
            System.out.printf(Locale.ROOT, "%-8s %5.0f MB  deflate %5.1f s (%4.0f MB/s, compressed to %3.0f %%)"
                            + "  inflate %4.1f s%n", data, floor.bytes() / 1e6, floor.deflateSeconds(),
                    floor.bytes() / 1e6 / floor.deflateSeconds(), 100.0 * floor.compressedBytes() / floor.bytes(),
                    floor.inflateSeconds());
        }
        // The server inflates what the suite sent and deflates its echoes; the suite inflates the echoes.
        double cpu = deflateSeconds + 2 * inflateSeconds;
        System.out.printf(Locale.ROOT, "sections 12 and 13: %.1f GB each way; zlib alone: server deflating %.0f s,"
                        + " inflating %.0f s each side: %.0f CPU seconds, at least %.0f s on %d cores%n", bytes / 1e9,
                deflateSeconds, inflateSeconds, cpu, cpu / Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors());
    }

    private record Floor(long bytes, long compressedBytes, double deflateSeconds, double inflateSeconds) {
    }

    private static Floor measure(DataSet data) throws DataFormatException {
        long bytes = 0;
        long compressed = 0;
        long deflating = 0;
        long inflating = 0;
        byte[] out = new byte[300_000];
        byte[] back = new byte[300_000];
        for (int size : SIZES) {
            Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
            Inflater inflater = new Inflater(true);
            for (int i = 0; i < MESSAGES; i++) {
                byte[] message = data.slice((long) i * size, size);
                long start = System.nanoTime();
                deflater.setInput(message);
                int length = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
                long deflated = System.nanoTime();
                inflater.setInput(out, 0, length);
                int inflated = 0;
                while (!inflater.needsInput()) {
                    inflated += inflater.inflate(back, inflated, back.length - inflated);
                }
                long end = System.nanoTime();
                if (inflated != size) {
                    throw new IllegalStateException("inflated " + inflated + " bytes of " + size);
                }
                deflating += deflated - start;
                inflating += end - deflated;
                bytes += size;
                compressed += length;
            }
            deflater.end();
            inflater.end();
        }
        return new Floor(bytes, compressed, deflating / 1e9, inflating / 1e9);
    }
}
