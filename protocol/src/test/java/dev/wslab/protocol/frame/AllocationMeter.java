package dev.wslab.protocol.frame;

import java.lang.management.ManagementFactory;

/** Measures the heap bytes the current thread allocates while running some code (HotSpot's ThreadMXBean). */
public final class AllocationMeter {

    private AllocationMeter() {
    }

    /** Returns the bytes allocated by {@code code} on this thread. */
    public static long bytesAllocatedBy(Runnable code) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(id);
        code.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }
}
