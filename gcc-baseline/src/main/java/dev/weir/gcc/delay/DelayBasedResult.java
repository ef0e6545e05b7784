package dev.weir.gcc.delay;

import dev.weir.bwe.api.BandwidthUsage;

/**
 * Outcome of one feedback report in {@link DelayBasedBwe} (libwebrtc's {@code DelayBasedBwe::Result}
 * plus the detector state). Reusable: the caller owns one instance and passes it to
 * {@link DelayBasedBwe#onReportEnd}, which overwrites every field.
 *
 * <p>Not thread-safe: a mutable holder.
 */
public final class DelayBasedResult {
    private boolean updated;
    private boolean probe;
    private long targetBitrateBps;
    private boolean recoveredFromOveruse;
    private boolean backoffInAlr;
    private BandwidthUsage delayState = BandwidthUsage.NORMAL;

    /** Resets to "no update" with the given detector state. */
    void clear(BandwidthUsage state) {
        updated = false;
        probe = false;
        targetBitrateBps = 0;
        recoveredFromOveruse = false;
        backoffInAlr = false;
        delayState = state;
    }

    void setUpdate(boolean updated, boolean probe, long targetBitrateBps) {
        this.updated = updated;
        this.probe = probe;
        this.targetBitrateBps = targetBitrateBps;
    }

    void setRecoveredFromOveruse(boolean recoveredFromOveruse) {
        this.recoveredFromOveruse = recoveredFromOveruse;
    }

    void setBackoffInAlr(boolean backoffInAlr) {
        this.backoffInAlr = backoffInAlr;
    }

    /** Whether {@link #targetBitrateBps()} holds a (valid) new delay-based estimate. */
    public boolean updated() {
        return updated;
    }

    /** Whether the estimate was set from a probe result. */
    public boolean probe() {
        return probe;
    }

    /** The delay-based estimate, bps; meaningful only when {@link #updated()}. */
    public long targetBitrateBps() {
        return targetBitrateBps;
    }

    /** The detector went from underusing to normal within this report (queues drained). */
    public boolean recoveredFromOveruse() {
        return recoveredFromOveruse;
    }

    /** The back-off used the previous estimate because the sender was application-limited. */
    public boolean backoffInAlr() {
        return backoffInAlr;
    }

    /** The detector state after this report. */
    public BandwidthUsage delayState() {
        return delayState;
    }

    @Override
    public String toString() {
        return "DelayBasedResult{updated=" + updated + ", probe=" + probe + ", targetBitrateBps=" + targetBitrateBps
                + ", recoveredFromOveruse=" + recoveredFromOveruse + ", backoffInAlr=" + backoffInAlr
                + ", delayState=" + delayState + '}';
    }
}
