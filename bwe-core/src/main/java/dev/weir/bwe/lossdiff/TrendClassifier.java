package dev.weir.bwe.lossdiff;

/**
 * Trend: {@code s = (1 - g) * s + g * [ROTT rising]} with g = 1/30 over received packets
 * ([ROTT rising] is 1 when a packet's ROTT exceeds the previous received packet's, else 0); a
 * loss is congestion when {@code s > 0.4}, else random.
 *
 * <p>Source: the "Trend" rule of weir's loss-differentiation baselines
 * (docs/ml.md), in the family of Cen, Cosman, Voelker,
 * IEEE/ACM ToN 11(5), 2003. The packet that reveals a gap updates s before the verdict (its ROTT
 * against the last packet before the gap is the newest trend evidence).
 *
 * <p>Not thread-safe: one instance per call.
 */
public final class TrendClassifier extends AbstractLossClassifier {
    /** EWMA gain of the rising indicator: about 30 packets of memory. */
    private static final double GAIN = 1.0 / 30;
    /** Share of rising ROTTs above which the queue is taken to be building. */
    private static final double CONGESTION_THRESHOLD = 0.4;

    private boolean hasRott;
    private long previousRottUs;
    private double rising;

    @Override
    public String name() {
        return "trend";
    }

    @Override
    protected Verdict observe(long lostPackets) {
        long rottUs = rottUs();
        if (hasRott) {
            rising = (1 - GAIN) * rising + GAIN * (rottUs > previousRottUs ? 1 : 0);
        }
        hasRott = true;
        previousRottUs = rottUs;
        return rising > CONGESTION_THRESHOLD ? Verdict.CONGESTION : Verdict.RANDOM;
    }

    /** The smoothed share of rising ROTTs, s in [0, 1]. */
    public double risingShare() {
        return rising;
    }

    @Override
    protected void resetRule() {
        hasRott = false;
        previousRottUs = 0;
        rising = 0;
    }
}
