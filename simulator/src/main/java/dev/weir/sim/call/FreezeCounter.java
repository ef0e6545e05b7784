package dev.weir.sim.call;

import java.util.Arrays;

/**
 * Counts video freezes from render times as WebRTC's {@code VideoQualityObserver}
 * ({@code video/video_quality_observer2.cc}) does: a gap between two rendered frames is a freeze
 * when it exceeds {@code max(factor x average gap, average gap + min increase)} (factor 3,
 * 150 ms), the average taken over the previous {@code windowFrames} (30) non-freeze gaps; the
 * freeze lasts the whole gap. Before the first gap the nominal frame interval stands in for the
 * average (WebRTC waits for a few samples; we would otherwise miss early freezes). Freeze gaps do
 * not enter the average, so one long freeze does not raise the threshold for the next.
 *
 * <p>{@link #finish} closes the call: a trailing gap since the last frame counts as a freeze
 * when it exceeds the threshold, and a call that rendered nothing is frozen throughout. The
 * longest gap (including the start of the call until the first frame and the end after the last)
 * tells whether the connection dropped.
 *
 * <p>Not thread-safe: one instance per call.
 */
public final class FreezeCounter {
    private final long nominalFrameIntervalUs;
    private final double gapFactor;
    private final long minIncreaseUs;
    private final long[] window;
    private int windowCount;
    private int windowNext;
    private long windowSumUs;

    private final long startUs;
    private long lastRenderUs = -1;
    private long framesRendered;
    private long longestGapUs;
    private int freezeCount;
    private long[] freezeStartsUs = new long[16];
    private long[] freezeEndsUs = new long[16];
    private boolean finished;

    /**
     * @param startUs call start (gaps before the first frame count only towards the longest gap)
     * @param nominalFrameIntervalUs 1 / frame rate, microseconds
     * @param gapFactor freeze when the gap exceeds this multiple of the average (3)
     * @param minIncreaseUs ... or the average plus this (150 ms), whichever is larger
     * @param windowFrames gaps in the moving average (30)
     */
    public FreezeCounter(long startUs, long nominalFrameIntervalUs, double gapFactor, long minIncreaseUs,
                         int windowFrames) {
        this.startUs = startUs;
        this.nominalFrameIntervalUs = Math.max(1, nominalFrameIntervalUs);
        this.gapFactor = gapFactor;
        this.minIncreaseUs = minIncreaseUs;
        this.window = new long[Math.max(1, windowFrames)];
    }

    /** A frame was rendered at {@code renderUs} (non-decreasing). */
    public void onFrameRendered(long renderUs) {
        if (finished) {
            throw new IllegalStateException("finish() was already called");
        }
        if (lastRenderUs < 0) {
            longestGapUs = Math.max(longestGapUs, renderUs - startUs);
        } else {
            long gapUs = Math.max(0, renderUs - lastRenderUs);
            longestGapUs = Math.max(longestGapUs, gapUs);
            if (gapUs > thresholdUs()) {
                addFreeze(lastRenderUs, renderUs);
            } else {
                addToWindow(gapUs);
            }
        }
        lastRenderUs = renderUs;
        framesRendered++;
    }

    /** Ends the call at {@code endUs}, accounting for the gap after the last frame. */
    public void finish(long endUs) {
        if (finished) {
            return;
        }
        finished = true;
        if (lastRenderUs < 0) {
            longestGapUs = Math.max(longestGapUs, endUs - startUs);
            if (endUs > startUs) {
                addFreeze(startUs, endUs);
            }
            return;
        }
        long gapUs = endUs - lastRenderUs;
        longestGapUs = Math.max(longestGapUs, gapUs);
        if (gapUs > thresholdUs()) {
            addFreeze(lastRenderUs, endUs);
        }
    }

    /** Current freeze threshold: a render gap longer than this is a freeze. */
    public long thresholdUs() {
        double averageUs = windowCount == 0 ? nominalFrameIntervalUs : (double) windowSumUs / windowCount;
        return (long) Math.max(gapFactor * averageUs, averageUs + minIncreaseUs);
    }

    private void addToWindow(long gapUs) {
        if (windowCount == window.length) {
            windowSumUs -= window[windowNext];
        } else {
            windowCount++;
        }
        window[windowNext] = gapUs;
        windowSumUs += gapUs;
        windowNext = (windowNext + 1) % window.length;
    }

    private void addFreeze(long fromUs, long toUs) {
        if (freezeCount == freezeStartsUs.length) {
            freezeStartsUs = Arrays.copyOf(freezeStartsUs, freezeCount * 2);
            freezeEndsUs = Arrays.copyOf(freezeEndsUs, freezeCount * 2);
        }
        freezeStartsUs[freezeCount] = fromUs;
        freezeEndsUs[freezeCount] = toUs;
        freezeCount++;
    }

    public long framesRendered() {
        return framesRendered;
    }

    /**
     * Time of the last rendered frame, or -1 before the first. Every freeze found later starts at
     * or after it, which is what lets a call finish its time-series rows as it runs.
     */
    public long lastRenderUs() {
        return lastRenderUs;
    }

    public int freezeCount() {
        return freezeCount;
    }

    /** Start of the {@code index}-th freeze (the last frame before it), microseconds. */
    public long freezeStartUs(int index) {
        if (index < 0 || index >= freezeCount) {
            throw new IndexOutOfBoundsException("freeze " + index + " of " + freezeCount);
        }
        return freezeStartsUs[index];
    }

    /** End of the {@code index}-th freeze (the next frame or the end of the call), microseconds. */
    public long freezeEndUs(int index) {
        if (index < 0 || index >= freezeCount) {
            throw new IndexOutOfBoundsException("freeze " + index + " of " + freezeCount);
        }
        return freezeEndsUs[index];
    }

    /** Total time spent in freezes, microseconds. */
    public long totalFreezeUs() {
        return freezeUsLongerThan(-1);
    }

    /** Total time spent in freezes that each lasted longer than {@code minDurationUs}. */
    public long freezeUsLongerThan(long minDurationUs) {
        long totalUs = 0;
        for (int i = 0; i < freezeCount; i++) {
            long durationUs = freezeEndsUs[i] - freezeStartsUs[i];
            if (durationUs > minDurationUs) {
                totalUs += durationUs;
            }
        }
        return totalUs;
    }

    /** Longest time without a rendered frame, counting the call's start and (after finish) its end. */
    public long longestGapUs() {
        return longestGapUs;
    }
}
