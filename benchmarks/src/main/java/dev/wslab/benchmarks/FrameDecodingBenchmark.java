package dev.wslab.benchmarks;

import dev.wslab.protocol.Limits;
import dev.wslab.protocol.Role;
import dev.wslab.protocol.connection.Connection;
import dev.wslab.protocol.connection.Event;
import dev.wslab.protocol.frame.Frame;
import dev.wslab.protocol.frame.FrameDecoder;
import dev.wslab.protocol.frame.FrameEncoder;
import dev.wslab.protocol.frame.FramePart;
import dev.wslab.protocol.frame.MaskingKeySource;
import dev.wslab.protocol.frame.Payload;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
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
 * FrameDecodingBenchmark measures reading a stream of masked client frames (binary messages, as a server
 * receives them) of about 1 MiB: with the {@link FrameDecoder} alone (headers, unmasking), and with a
 * server {@link Connection} (all rules, message assembly, events). The baseline is
 * {@code System.arraycopy} of the same bytes. One operation reads the whole stream; {@link RunBenchmarks}
 * prints GB/s and frames per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FrameDecodingBenchmark {

    /** The stream is about this long, whatever the payload size. */
    static final int STREAM_TARGET = 1 << 20;

    /** 16 bytes: chat-sized messages, where headers dominate. 125: the 7-bit length's edge. 65536: bulk. */
    @Param({"16", "125", "65536"})
    public int payloadSize;

    private byte[] stream;
    private byte[] copy;
    private int frames;

    /** Returns how many frames one operation decodes for a payload size. */
    static int framesPerOperation(int payloadSize) {
        return Math.max(1, STREAM_TARGET / payloadSize);
    }

    /** Returns how many bytes one operation decodes for a payload size. */
    static int bytesPerOperation(int payloadSize) {
        return framesPerOperation(payloadSize) * (FrameHeaderSize.masked(payloadSize) + payloadSize);
    }

    @Setup
    public void setUp() {
        frames = framesPerOperation(payloadSize);
        SplittableRandom random = new SplittableRandom(6455);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < frames; i++) {
            byte[] data = new byte[payloadSize];
            random.nextBytes(data);
            out.writeBytes(FrameEncoder.encode(Frame.binary(Payload.of(data)).maskedWith(random.nextInt())));
        }
        stream = out.toByteArray();
        copy = new byte[stream.length];
        if (stream.length != bytesPerOperation(payloadSize)) {
            throw new IllegalStateException("stream length " + stream.length + " != " + bytesPerOperation(payloadSize));
        }
    }

    @Benchmark
    public int frameDecoder() {
        FrameDecoder decoder = new FrameDecoder();
        ByteBuffer in = ByteBuffer.wrap(stream);
        int parts = 0;
        FramePart part;
        while ((part = decoder.next(in)) != null) {
            parts++;
        }
        return parts;
    }

    @Benchmark
    public int connection() {
        Connection server = Connection.open(Role.SERVER, Limits.DEFAULTS, MaskingKeySource.fixed(0));
        server.receive(ByteBuffer.wrap(stream));
        List<Event> events = server.takeEvents();
        if (events.size() != frames) {
            throw new IllegalStateException("expected " + frames + " messages, got " + events.size());
        }
        return events.size();
    }

    @Benchmark
    public byte[] arraycopy() {
        System.arraycopy(stream, 0, copy, 0, stream.length);
        return copy;
    }

    /** The header length of a masked frame, as the encoder writes it. */
    static final class FrameHeaderSize {
        private FrameHeaderSize() {
        }

        static int masked(int payloadLength) {
            return dev.wslab.protocol.frame.FrameHeader.encodedLength(payloadLength, true);
        }
    }
}
