package dev.weir.bwe.lossdiff;

/**
 * Biaz and mBiaz: a gap of n lost packets is random loss when the inter-arrival time Ti of the
 * packet after the gap fits n missing packets at the bottleneck spacing:
 * {@code (n + 1) * Tmin <= Ti < (n + k) * Tmin}, k = 2 (Biaz) or 1.25 (mBiaz), else congestion.
 *
 * <p>Source: Biaz and Vaidya, "Discriminating congestion losses from wireless losses using
 * inter-arrival times at the receiver", ASSET 1999; the mBiaz bound from Cen, Cosman, Voelker,
 * "End-to-end differentiation of congestion and wireless losses", IEEE/ACM ToN 11(5), 2003.
 * Tmin is kept by {@link AbstractLossClassifier}; while it is unknown every loss is congestion.
 * The rule assumes back-to-back (bottleneck-spaced) sending, which a paced RTC sender breaks: that
 * is the baseline's known weakness, measured, not fixed.
 *
 * <p>Not thread-safe: one instance per call.
 */
public final class BiazClassifier extends AbstractLossClassifier {
    /** Biaz's upper bound: Ti below (n + 2) * Tmin. */
    public static final double BIAZ_UPPER = 2.0;
    /** mBiaz's tighter upper bound: Ti below (n + 1.25) * Tmin (Cen et al. 2003). */
    public static final double MBIAZ_UPPER = 1.25;

    private final String name;
    private final double upper;

    private BiazClassifier(String name, double upper) {
        this.name = name;
        this.upper = upper;
    }

    /** The original Biaz rule. */
    public static BiazClassifier biaz() {
        return new BiazClassifier("biaz", BIAZ_UPPER);
    }

    /** The modified Biaz rule (mBiaz). */
    public static BiazClassifier mBiaz() {
        return new BiazClassifier("mbiaz", MBIAZ_UPPER);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected Verdict observe(long lostPackets) {
        if (lostPackets == 0) {
            return Verdict.NONE;
        }
        return classify(lostPackets, interArrivalUs(), minInterArrivalUs());
    }

    /** The rule itself; also used by {@link ZbsClassifier}. */
    Verdict classify(long lostPackets, long interArrivalUs, long minInterArrivalUs) {
        if (minInterArrivalUs <= 0) {
            return Verdict.CONGESTION;
        }
        double ti = interArrivalUs;
        double tmin = minInterArrivalUs;
        boolean random = (lostPackets + 1) * tmin <= ti && ti < (lostPackets + upper) * tmin;
        return random ? Verdict.RANDOM : Verdict.CONGESTION;
    }

    @Override
    protected void resetRule() {
        // Biaz keeps no state beyond Tmin, which the base class owns.
    }
}
