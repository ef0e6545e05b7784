package dev.weir.gcc.alr;

import java.lang.management.ManagementFactory;

/** Measures bytes allocated by the current thread (HotSpot's com.sun.management.ThreadMXBean). */
final class AllocationProbe {
    private AllocationProbe() {
    }

    /** Whether the JVM can measure per-thread allocation. */
    static boolean supported() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled();
    }

    /** Bytes allocated by this thread while running {@code action}. */
    static long bytesAllocatedBy(Runnable action) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(threadId);
        action.run();
        return bean.getThreadAllocatedBytes(threadId) - before;
    }
}
