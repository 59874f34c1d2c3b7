package dev.wslab.tutorials.limits;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Memory per connection: idle connections cost heap and file descriptors")
class MemoryPerConnectionTest {

    @Test
    @DisplayName("100 idle connections: two file descriptors each (client and server side), and some KiB of heap")
    void idleConnectionsCostDescriptorsAndHeap() throws Exception {
        MemoryPerConnection.Cost cost = MemoryPerConnection.measure(100);
        System.out.println(cost);

        if (ProcessFds.available()) {
            assertThat(cost.fileDescriptors()).as("a socket per side per connection").isGreaterThanOrEqualTo(2 * 100 - 10);
        }
        // A loose sanity bound only: heap measurements move with the garbage collector.
        assertThat(cost.heapBytesPerConnection()).isBetween(1024L, 10L << 20);
    }

    @Test
    @DisplayName("the open-files limit (ulimit -n) and the open count are readable from /proc")
    void readsTheOpenFilesLimit() throws Exception {
        Assumptions.assumeTrue(ProcessFds.available(), "skipped: no /proc (not Linux)");
        long open = ProcessFds.openCount();
        assertThat(open).as("at least stdin, stdout, stderr and the JVM's own files").isGreaterThanOrEqualTo(3);
        ProcessFds.softLimit().ifPresent(limit -> assertThat(limit).isGreaterThan(open));
    }
}
