package dev.wslab.benchmarks;

import dev.wslab.protocol.deflate.ContextTakeover;
import dev.wslab.protocol.deflate.Inflated;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark code runs and measures what it says: no timing here (timing targets live in the JMH run
 * only), just that each method does its work on the bytes it is given.
 */
@DisplayName("the permessage-deflate benchmarks run")
class DeflateBenchmarkSmokeTest {

    @Test
    @DisplayName("wslab and the bare JDK compress and inflate the same messages, with and without context takeover")
    void compressAndInflateAgree() throws Exception {
        for (ContextTakeover context : ContextTakeover.values()) {
            DeflateBenchmark benchmark = new DeflateBenchmark();
            benchmark.size = 16384;
            benchmark.context = context;
            benchmark.setUp();
            // JMH runs each method alone, from the first message on: so does this test
            int rounds = DeflateBenchmark.MESSAGES * 2;
            benchmark.rewind();
            for (int i = 0; i < rounds; i++) {
                assertThat(benchmark.wslabCompress().length).as(context + ": JSON shrinks").isBetween(1, 16384 / 2);
            }
            benchmark.rewind();
            for (int i = 0; i < rounds; i++) {
                assertThat(benchmark.jdkCompress()).as("the bare Deflater, with its tail").isBetween(5, 16384 / 2);
            }
            benchmark.rewind();
            for (int i = 0; i < rounds; i++) {
                assertThat(benchmark.wslabInflate()).as(context + ", message " + i).isInstanceOfSatisfying(
                        Inflated.Bytes.class, bytes -> assertThat(bytes.data()).hasSize(16384));
            }
            benchmark.rewind();
            for (int i = 0; i < rounds; i++) {
                assertThat(benchmark.jdkInflate()).isEqualTo(16384);
            }
            benchmark.tearDown();
        }
    }

    @Test
    @DisplayName("memory per idle connection: takeover holds a Deflater and an Inflater per end, no takeover none")
    void memoryMeasurementRunsAndSeesTheCodecsHeld() throws Exception {
        int n = 5;
        DeflateMemory.Cost none = DeflateMemory.measure(DeflateMemory.Setting.NONE, n);
        DeflateMemory.Cost takeover = DeflateMemory.measure(DeflateMemory.Setting.TAKEOVER, n);
        DeflateMemory.Cost noTakeover = DeflateMemory.measure(DeflateMemory.Setting.NO_TAKEOVER, n);

        assertThat(none.liveCodecs()).isZero();
        // two ends per connection, each with its compressor and its decompressor: compression was negotiated
        assertThat(takeover.liveCodecs()).isEqualTo(4L * n);
        assertThat(noTakeover.liveCodecs()).as("released after each message").isZero();
        assertThat(DeflateMemory.report(List.of(none, takeover, noTakeover)))
                .contains("NONE", "TAKEOVER", "NO_TAKEOVER", "Target: no context takeover <= 1.2x");
    }

    @Test
    @DisplayName("the report's lines survive the trip from a child JVM")
    void costLineRoundTrips() {
        DeflateMemory.Cost cost = new DeflateMemory.Cost(DeflateMemory.Setting.TAKEOVER, 10, 600_000, 3_000_000, 40);
        assertThat(DeflateMemory.Cost.parse(cost.line())).isEqualTo(cost);
        assertThat(cost.nativeBytes()).as("the heap is pre-touched: all RSS growth is native").isEqualTo(3_000_000);
    }

    @Test
    @DisplayName("RunBenchmarks has a 0.9x target for deflate and inflate at every size, with and without takeover")
    void targets() {
        assertThat(RunBenchmarks.TARGETS).filteredOn(t -> t.candidate().startsWith("DeflateBenchmark.")).hasSize(12)
                .allSatisfy(t -> assertThat(t.minimumRatio()).isEqualTo(0.9));
    }
}
