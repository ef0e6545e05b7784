package dev.weir.bwe.lossdiff;

/**
 * Spike: the path is in a spike state while ROTT is high. Enter when
 * {@code ROTT > ROTT_min + (ROTT_max - ROTT_min) / 2}, leave when
 * {@code ROTT < ROTT_min + (ROTT_max - ROTT_min) / 3}; losses during a spike are congestion,
 * others random.
 *
 * <p>Source: Tobe, Tamura, Molano, Ghosh, Tokuda, "Achieving moderate fairness for UDP flows by
 * path-status classification", LCN 2000, as defined in Cen, Cosman, Voelker, IEEE/ACM ToN 11(5),
 * 2003. ROTT_min and ROTT_max are over all packets so far; the packet that reveals a gap updates
 * them and the state before the verdict (it is the newest evidence when the loss is detected).
 *
 * <p>Not thread-safe: one instance per call.
 */
public final class SpikeClassifier extends AbstractLossClassifier {
    /** Spike entry threshold: half way from ROTT_min to ROTT_max. */
    private static final double ENTER_FRACTION = 1.0 / 2;
    /** Spike exit threshold: a third of the way from ROTT_min to ROTT_max. */
    private static final double LEAVE_FRACTION = 1.0 / 3;

    private boolean hasRott;
    private long rottMinUs;
    private long rottMaxUs;
    private boolean inSpike;

    @Override
    public String name() {
        return "spike";
    }

    @Override
    protected Verdict observe(long lostPackets) {
        long rottUs = rottUs();
        if (!hasRott) {
            hasRott = true;
            rottMinUs = rottUs;
            rottMaxUs = rottUs;
        }
        rottMinUs = Math.min(rottMinUs, rottUs);
        rottMaxUs = Math.max(rottMaxUs, rottUs);
        double range = (double) rottMaxUs - rottMinUs;
        if (!inSpike && rottUs > rottMinUs + ENTER_FRACTION * range) {
            inSpike = true;
        } else if (inSpike && rottUs < rottMinUs + LEAVE_FRACTION * range) {
            inSpike = false;
        }
        return inSpike ? Verdict.CONGESTION : Verdict.RANDOM;
    }

    /** Whether the path is in the spike state. */
    public boolean inSpike() {
        return inSpike;
    }

    /** Smallest ROTT seen, microseconds; 0 before the first packet. */
    public long rottMinUs() {
        return rottMinUs;
    }

    @Override
    protected void resetRule() {
        hasRott = false;
        rottMinUs = 0;
        rottMaxUs = 0;
        inSpike = false;
    }
}
