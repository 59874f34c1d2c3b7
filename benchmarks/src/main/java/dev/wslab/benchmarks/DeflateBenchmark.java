package dev.wslab.benchmarks;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.DirectionSettings;
import dev.wslab.protocol.deflate.Inflated;
import dev.wslab.protocol.deflate.MessageDeflater;
import dev.wslab.protocol.deflate.MessageInflater;
import dev.wslab.protocol.deflate.MessageInflater.FramePosition;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * DeflateBenchmark measures permessage-deflate (RFC 7692 §7.2) as one direction of a connection does it:
 * wslab's {@link MessageDeflater} and {@link MessageInflater} on a stream of JSON-like messages, beside a
 * bare {@link Deflater} / {@link Inflater} doing the same work on the same bytes in the same run (the
 * baseline: sync flush per message, and {@code reset()} between messages when the context is not kept).
 *
 * <p>One operation compresses or inflates one message of {@code size} bytes; {@link RunBenchmarks} turns
 * operations per second into MB/s of uncompressed bytes, and prints wslab's figure as a ratio of the
 * baseline's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DeflateBenchmark {

    /** 64 B: a chat message. 16 KiB: a page of JSON. 1 MiB: the default message limit. */
    @Param({"64", "16384", "1048576"})
    public int size;

    /** KEPT: context takeover (the default); RESET: {@code *_no_context_takeover} agreed. */
    @Param({"KEPT", "RESET"})
    public ContextTakeover context;

    /** Distinct messages, sent in turn, so that context takeover sees a stream, not one message repeated. */
    static final int MESSAGES = 8;

    private byte[][] messages;
    /** The messages as wslab's deflater compressed them, in order (tail removed, RFC 7692 §7.2.1). */
    private byte[][] payloads;
    /** The same with {@code 00 00 ff ff} appended again, as the bare inflater needs them (§7.2.2). */
    private byte[][] payloadsWithTail;
    private int next;

    private MessageDeflater wslabDeflater;
    private MessageInflater wslabInflater;
    private Deflater jdkDeflater;
    private Inflater jdkInflater;
    private byte[] out;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7692);
        messages = new byte[MESSAGES][];
        for (int i = 0; i < MESSAGES; i++) {
            messages[i] = json(size, random);
        }
        DirectionSettings settings = new DirectionSettings(context, DirectionSettings.MAX_WINDOW_BITS);
        payloads = new byte[MESSAGES][];
        payloadsWithTail = new byte[MESSAGES][];
        try (MessageDeflater deflater = new MessageDeflater(settings, Deflater.DEFAULT_COMPRESSION)) {
            for (int i = 0; i < MESSAGES; i++) {
                payloads[i] = deflater.compress(messages[i]);
                payloadsWithTail[i] = Arrays.copyOf(payloads[i], payloads[i].length + 4);
                payloadsWithTail[i][payloads[i].length + 2] = (byte) 0xff;
                payloadsWithTail[i][payloads[i].length + 3] = (byte) 0xff;
            }
        }
        wslabDeflater = new MessageDeflater(settings, Deflater.DEFAULT_COMPRESSION);
        wslabInflater = new MessageInflater(settings);
        jdkDeflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        jdkInflater = new Inflater(true);
        out = new byte[size + size / 2 + 1024];
    }

    /** Each benchmark method starts its stream at the first message, as the payloads were made. */
    @Setup(Level.Iteration)
    public void rewind() {
        next = 0;
        wslabDeflater.close();
        wslabInflater.close();
        jdkDeflater.reset();
        jdkInflater.reset();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        wslabDeflater.close();
        wslabInflater.close();
        jdkDeflater.end();
        jdkInflater.end();
    }

    private int advance() {
        int i = next;
        next = (next + 1) % MESSAGES;
        return i;
    }

    @Benchmark
    public byte[] wslabCompress() {
        return wslabDeflater.compress(messages[advance()]);
    }

    /** The baseline: what any Java endpoint must do at least, with no copy of the result. */
    @Benchmark
    public int jdkCompress() {
        if (context == ContextTakeover.RESET) {
            jdkDeflater.reset();
        }
        jdkDeflater.setInput(messages[advance()]);
        int total = 0;
        int written;
        do {
            written = jdkDeflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
            total += written;
        } while (written == out.length);
        return total;
    }

    /** As a connection calls it: a one-frame message, allowed up to the default 1 MiB message limit. */
    @Benchmark
    public Inflated wslabInflate() {
        return wslabInflater.inflate(payloads[advance()], FramePosition.LAST_FRAME, Limits.DEFAULTS.maxMessageSize());
    }

    @Benchmark
    public int jdkInflate() throws DataFormatException {
        if (context == ContextTakeover.RESET) {
            jdkInflater.reset();
        }
        jdkInflater.setInput(payloadsWithTail[advance()]);
        int total = 0;
        while (!jdkInflater.needsInput()) {
            total += jdkInflater.inflate(out, 0, out.length);
        }
        return total;
    }

    private static final List<String> FIELDS = List.of(
            "{\"id\": %d, \"user\": \"user%d\", \"text\": \"hello from the lobby\", \"ts\": 17%08d}, ",
            "{\"id\": %d, \"type\": \"price\", \"symbol\": \"WS%d\", \"bid\": 101.%04d, \"ask\": 101.25}, ",
            "{\"id\": %d, \"event\": \"joined\", \"room\": %d, \"members\": [\"ana\", \"bo\", \"%d\"]}, ");

    /** Returns {@code size} bytes of JSON-like text: repetitive keys, varying numbers, like real traffic. */
    static byte[] json(int size, SplittableRandom random) {
        StringBuilder text = new StringBuilder(size + 128);
        while (text.length() < size) {
            text.append(String.format(FIELDS.get(random.nextInt(FIELDS.size())), random.nextInt(1_000_000),
                    random.nextInt(1000), random.nextInt(100_000_000)));
        }
        return Arrays.copyOf(text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), size);
    }
}
