package dev.wslab.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("MaskingKeySource (RFC 6455 §5.3: a fresh, unpredictable key per frame)")
class MaskingKeySourceTest {

    @Nested
    @DisplayName("secure(): keys from a strong source of entropy")
    class Secure {

        @Test
        @DisplayName("keys vary from frame to frame, in every octet, across many batches")
        void varied() {
            MaskingKeySource source = MaskingKeySource.secure();
            int count = 1000;
            Set<Integer> keys = new HashSet<>();
            List<Set<Integer>> octets = List.of(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
            for (int n = 0; n < count; n++) {
                int key = source.nextKey();
                keys.add(key);
                for (int j = 0; j < 4; j++) {
                    octets.get(j).add((key >>> (24 - 8 * j)) & 0xFF);
                }
            }
            // 1000 random 32-bit keys collide with probability about 1e-4; 1000 random octets
            // cover about 251 of the 256 values.
            assertThat(keys).hasSizeGreaterThanOrEqualTo(count - 2);
            octets.forEach(seen -> assertThat(seen).hasSizeGreaterThan(200));
        }

        @Test
        @DisplayName("two sources do not give the same keys")
        void independent() {
            MaskingKeySource one = MaskingKeySource.secure();
            MaskingKeySource other = MaskingKeySource.secure();
            int[] fromOne = IntStream.range(0, 8).map(n -> one.nextKey()).toArray();
            int[] fromOther = IntStream.range(0, 8).map(n -> other.nextKey()).toArray();
            assertThat(fromOne).isNotEqualTo(fromOther);
        }

        @Test
        @DisplayName("shared by threads, it hands out each key once (no key drawn twice from a batch)")
        void threadSafe() throws Exception {
            MaskingKeySource source = MaskingKeySource.secure();
            int threads = 8;
            int keysPerThread = 2000;
            ConcurrentLinkedQueue<Integer> drawn = new ConcurrentLinkedQueue<>();
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> tasks = IntStream.range(0, threads)
                        .<Future<?>>mapToObj(t -> executor.submit(() -> {
                            for (int n = 0; n < keysPerThread; n++) {
                                drawn.add(source.nextKey());
                            }
                        }))
                        .toList();
                for (Future<?> task : tasks) {
                    task.get();
                }
            }
            int total = threads * keysPerThread;
            assertThat(drawn).hasSize(total);
            // 16000 random keys: on average 0.03 collisions. A key handed out twice would show as many.
            assertThat(new HashSet<>(drawn)).hasSizeGreaterThanOrEqualTo(total - 3);
        }
    }

    @Nested
    @DisplayName("fixed() and seeded(): predictable keys, for tests only")
    class ForTests {

        @Test
        @DisplayName("fixed() gives its key every time")
        void fixed() {
            MaskingKeySource source = MaskingKeySource.fixed(0x37fa213d);
            assertThat(IntStream.range(0, 5).map(n -> source.nextKey())).containsOnly(0x37fa213d);
        }

        @Test
        @DisplayName("seeded() repeats its sequence for the same seed and differs for another seed")
        void seeded() {
            int[] first = IntStream.range(0, 10).map(n -> 0).toArray();
            MaskingKeySource a = MaskingKeySource.seeded(42);
            MaskingKeySource b = MaskingKeySource.seeded(42);
            MaskingKeySource c = MaskingKeySource.seeded(43);
            for (int n = 0; n < first.length; n++) {
                first[n] = a.nextKey();
                assertThat(b.nextKey()).isEqualTo(first[n]);
            }
            assertThat(IntStream.range(0, 10).map(n -> c.nextKey()).toArray()).isNotEqualTo(first);
            assertThat(IntStream.of(first).distinct().count()).isGreaterThan(1);
        }
    }
}
