package dev.weir.bwe.contract;

import java.lang.management.ManagementFactory;

/**
 * Measures bytes allocated by the current thread (HotSpot's com.sun.management.ThreadMXBean), for
 * the tests that prove hot paths allocate nothing. Shipped in the bwe-core test-jar.
 */
public final class AllocationMeter {
    private AllocationMeter() {
    }

    /** Whether the JVM can measure per-thread allocation. */
    public static boolean supported() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled();
    }

    /** Bytes allocated by this thread while running {@code action} (create the action beforehand). */
    public static long bytesAllocatedBy(Runnable action) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(threadId);
        action.run();
        return bean.getThreadAllocatedBytes(threadId) - before;
    }
}
