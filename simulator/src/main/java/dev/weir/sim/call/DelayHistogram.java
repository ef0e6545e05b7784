package dev.weir.sim.call;

import java.util.Arrays;

/**
 * Exact nearest-rank percentiles of a call's one-way delays at microsecond resolution (the values
 * sorting every delay gives, so the metrics equal those of a call that kept every packet), in
 * memory bounded by the range the delays span rather than by their number: a count per
 * microsecond, in pages of {@value #PAGE_US} us (4 KiB) allocated only where delays fall. A call
 * whose delays spread over 300 ms holds about 1.2 MB however long it runs.
 *
 * <p>A pathological link (a byte-limited queue that grows for minutes) can spread delays so far
 * that pages would outweigh the values themselves; past {@link #SWITCH_BYTES} of pages and once
 * the values would take less, the histogram turns into a plain array of the values (8 bytes
 * each), sorted when a percentile is asked for.
 *
 * <p>Not thread-safe: one instance per call.
 */
final class DelayHistogram {
    /** Microseconds per page (a power of two). */
    static final int PAGE_US = 1024;
    /** Page memory below which the histogram never turns into an array, bytes. */
    static final long SWITCH_BYTES = 8L << 20;
    private static final int PAGE_SHIFT = Integer.numberOfTrailingZeros(PAGE_US);
    private static final long PAGE_BYTES = 4L * PAGE_US;

    private int[][] pages = new int[64][];
    private int pagesAllocated;
    private long[] values;
    private int valueCount;
    private boolean sorted;
    private long count;

    /**
     * Counts one delay.
     *
     * @throws IllegalArgumentException for a negative delay
     */
    void add(long delayUs) {
        if (delayUs < 0) {
            throw new IllegalArgumentException("negative delay: " + delayUs + " us");
        }
        count++;
        if (values != null) {
            addValue(delayUs);
            return;
        }
        long page = delayUs >>> PAGE_SHIFT;
        if (page >= pages.length) {
            if (page > Integer.MAX_VALUE - 8) {
                toValues();
                addValue(delayUs);
                return;
            }
            pages = Arrays.copyOf(pages, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(page + 1, 2L * pages.length)));
        }
        int[] counts = pages[(int) page];
        if (counts == null) {
            long pageBytes = (pagesAllocated + 1) * PAGE_BYTES;
            if (pageBytes > SWITCH_BYTES && pageBytes > 8 * count) {
                toValues();
                addValue(delayUs);
                return;
            }
            counts = new int[PAGE_US];
            pages[(int) page] = counts;
            pagesAllocated++;
        }
        counts[(int) (delayUs & (PAGE_US - 1))]++;
    }

    private void toValues() {
        values = new long[(int) Math.max(1024, count)];
        for (int page = 0; page < pages.length; page++) {
            int[] counts = pages[page];
            if (counts != null) {
                for (int i = 0; i < PAGE_US; i++) {
                    for (int n = counts[i]; n > 0; n--) {
                        values[valueCount++] = ((long) page << PAGE_SHIFT) + i;
                    }
                }
            }
        }
        pages = null;
    }

    private void addValue(long delayUs) {
        if (valueCount == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[valueCount++] = delayUs;
        sorted = false;
    }

    /** Number of delays counted. */
    long count() {
        return count;
    }

    /** Whether the pages turned into an array of values (a pathological spread). */
    boolean keepsValues() {
        return values != null;
    }

    /**
     * The nearest-rank percentile: the value at rank {@code ceil(quantile x count)} (at least 1,
     * at most the count) of the sorted delays.
     *
     * @throws IllegalStateException when nothing was counted
     */
    long percentile(double quantile) {
        if (count == 0) {
            throw new IllegalStateException("no delays counted");
        }
        long rank = Math.max(1, Math.min(count, (long) Math.ceil(quantile * count)));
        if (values != null) {
            if (!sorted) {
                Arrays.sort(values, 0, valueCount);
                sorted = true;
            }
            return values[(int) (rank - 1)];
        }
        long seen = 0;
        for (int page = 0; page < pages.length; page++) {
            int[] counts = pages[page];
            if (counts == null) {
                continue;
            }
            for (int i = 0; i < PAGE_US; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return ((long) page << PAGE_SHIFT) + i;
                }
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + count + " delays");
    }
}
