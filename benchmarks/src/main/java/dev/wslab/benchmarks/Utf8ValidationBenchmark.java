package dev.wslab.benchmarks;

import dev.wslab.protocol.utf8.Utf8Validator;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
 * Utf8ValidationBenchmark measures validating 64 KiB of text (RFC 6455 §8.1), beside what a Java
 * program would otherwise use: the JDK's UTF-8 {@link CharsetDecoder} with errors REPORTed, decoding
 * into a reused buffer; and a plain branchy validator, one byte at a time. The text is pure ASCII, or a
 * deterministic mix of Latin, Cyrillic, CJK and emoji. One operation handles {@link #SIZE} bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Utf8ValidationBenchmark {

    /** The bytes of text validated per operation. */
    public static final int SIZE = 64 * 1024;

    @Param({"ascii", "mixed"})
    public String text;

    private byte[] bytes;
    private final Utf8Validator validator = new Utf8Validator();
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer chars = CharBuffer.allocate(SIZE);

    @Setup
    public void setUp() {
        List<String> snippets = text.equals("ascii")
                ? List.of("The quick brown fox jumps over the lazy dog. ", "{\"id\": 42, \"name\": \"wslab\"}, ",
                        "Pack my box with five dozen liquor jugs! ", "0123456789 ")
                : List.of("Le cœur a ses raisons que la raison ne connaît point. ",
                        "Съешь же ещё этих мягких французских булок, да выпей чаю. ",
                        "我能吞下玻璃而不伤身体。", "日本語のテキストも少し。",
                        "🙂🚀🌍✨👍🏽 ", "Grüße aus Köln! ");
        bytes = TextSamples.deterministic(snippets, SIZE, new SplittableRandom(8));
        if (!Utf8Validator.isValid(bytes)) {
            throw new IllegalStateException("the sample text must be valid UTF-8");
        }
    }

    @Benchmark
    public boolean wslabValidator() {
        validator.validate(bytes, 0, bytes.length);
        return validator.finish();
    }

    @Benchmark
    public CoderResult jdkDecoder() {
        decoder.reset();
        chars.clear();
        CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), chars, true);
        if (result.isError()) {
            return result;
        }
        return decoder.flush(chars);
    }

    @Benchmark
    public boolean naiveByteLoop() {
        return NaiveUtf8.isValid(bytes);
    }
}
