package dev.weir.bwe.lossdiff;

/**
 * ZigZag: a loss of n packets is random when the ROTT of the packet after the gap is low for n:
 * {@code n = 1: ROTT < mean - dev; n = 2: ROTT < mean - dev/2; n = 3: ROTT < mean;
 * n >= 4: ROTT < mean + dev/2}; otherwise congestion.
 *
 * <p>Source: Cen, Cosman, Voelker, "End-to-end differentiation of congestion and wireless
 * losses", IEEE/ACM ToN 11(5), 2003. mean is an EWMA of ROTT with alpha = 1/32 and dev an EWMA of
 * |ROTT - mean| with 2 * alpha, updated in the paper's order (mean first, then dev against the new
 * mean). The packet that reveals a gap is compared with the mean and deviation of the packets
 * before it, then folded in; the first packet initialises mean = ROTT, dev = 0.
 *
 * <p>Not thread-safe: one instance per call.
 */
public final class ZigZagClassifier extends AbstractLossClassifier {
    /** EWMA gain of the ROTT mean (Cen et al. 2003). */
    private static final double ALPHA = 1.0 / 32;
    /** EWMA gain of the ROTT deviation: twice the mean's. */
    private static final double DEV_ALPHA = 2 * ALPHA;

    private boolean hasRott;
    private double meanUs;
    private double devUs;

    @Override
    public String name() {
        return "zigzag";
    }

    @Override
    protected Verdict observe(long lostPackets) {
        double rottUs = rottUs();
        Verdict verdict = Verdict.NONE;
        if (lostPackets > 0) {
            verdict = hasRott && rottUs < threshold(lostPackets) ? Verdict.RANDOM : Verdict.CONGESTION;
        }
        if (!hasRott) {
            hasRott = true;
            meanUs = rottUs;
            devUs = 0;
        } else {
            meanUs = (1 - ALPHA) * meanUs + ALPHA * rottUs;
            devUs = (1 - DEV_ALPHA) * devUs + DEV_ALPHA * Math.abs(rottUs - meanUs);
        }
        return verdict;
    }

    private double threshold(long lostPackets) {
        if (lostPackets == 1) {
            return meanUs - devUs;
        } else if (lostPackets == 2) {
            return meanUs - devUs / 2;
        } else if (lostPackets == 3) {
            return meanUs;
        }
        return meanUs + devUs / 2;
    }

    /** ROTT mean, microseconds. */
    public double meanUs() {
        return meanUs;
    }

    /** ROTT deviation, microseconds. */
    public double devUs() {
        return devUs;
    }

    @Override
    protected void resetRule() {
        hasRott = false;
        meanUs = 0;
        devUs = 0;
    }
}
