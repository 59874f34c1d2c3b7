package dev.wslab.benchmarks;

import dev.wslab.protocol.frame.Masking;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * MaskingBenchmark measures unmasking a payload in place (RFC 6455 §5.3), beside two baselines run on
 * the same bytes: the RFC's byte loop, and {@code System.arraycopy}, which only moves the bytes and so
 * marks the memory-bandwidth limit that no unmasking can beat. One operation handles {@code size}
 * bytes; {@link RunBenchmarks} turns operations per second into GB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MaskingBenchmark {

    /** 125 bytes: the largest control frame payload. 65536: a large data frame. */
    @Param({"125", "65536"})
    public int size;

    private static final int KEY = 0x37fa213d;

    private final byte[] keyOctets = {0x37, (byte) 0xfa, 0x21, 0x3d};
    private byte[] payload;
    private byte[] copy;

    @Setup
    public void setUp() {
        payload = new byte[size];
        copy = new byte[size];
        new SplittableRandom(6455).nextBytes(payload);
    }

    @Benchmark
    public byte[] wslabMasking() {
        Masking.apply(payload, 0, size, KEY, 0);
        return payload;
    }

    /**
     * The RFC's loop: octet i XOR masking-key-octet (i MOD 4). (Written with a shift instead of the
     * key array, {@code data[i] ^= (byte) (KEY >>> (24 - 8 * (i & 3)))}, C2 on JDK 25 vectorizes it
     * into code about 7 times slower than this scalar loop at 64 KiB; this form is the fair baseline.)
     */
    @Benchmark
    public byte[] naiveByteLoop() {
        byte[] data = payload;
        byte[] key = keyOctets;
        int n = size;
        for (int i = 0; i < n; i++) {
            data[i] ^= key[i & 3];
        }
        return data;
    }

    @Benchmark
    public byte[] arraycopy() {
        System.arraycopy(payload, 0, copy, 0, size);
        return copy;
    }
}
