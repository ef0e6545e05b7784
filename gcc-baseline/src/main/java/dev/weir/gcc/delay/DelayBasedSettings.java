package dev.weir.gcc.delay;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;

/**
 * All settings of the delay-based estimator ({@link DelayBasedBwe}): packet grouping, trendline
 * detector and AIMD rate control, each with libwebrtc's defaults. JSON form (snake_case):
 * {@code {"inter_arrival": {...}, "trendline": {...}, "aimd": {...}, "alr_limited_backoff": false}}.
 *
 * <p>Not thread-safe: a plain mutable bean; {@link DelayBasedBwe} copies the values when built.
 */
public final class DelayBasedSettings implements Validatable {
    /** Packet grouping and stream timeout. */
    public InterArrivalSettings interArrival = new InterArrivalSettings();
    /** Trendline filter and overuse detector. */
    public TrendlineSettings trendline = new TrendlineSettings();
    /** AIMD rate control and link-capacity estimate. */
    public AimdSettings aimd = new AimdSettings();
    /**
     * In ALR, back off from the previous estimate rather than the acknowledged rate
     * (WebRTC-Bwe-AlrLimitedBackoff, off by default).
     */
    public boolean alrLimitedBackoff = false;

    @Override
    public void validate(ConfigCheck check) {
        check.notNull("inter_arrival", interArrival).notNull("trendline", trendline).notNull("aimd", aimd);
        if (interArrival != null) {
            interArrival.validate(check.child("inter_arrival"));
        }
        if (trendline != null) {
            trendline.validate(check.child("trendline"));
        }
        if (aimd != null) {
            aimd.validate(check.child("aimd"));
        }
    }
}
