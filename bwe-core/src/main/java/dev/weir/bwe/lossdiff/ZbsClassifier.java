package dev.weir.bwe.lossdiff;

/**
 * ZBS, the hybrid of ZigZag, mBiaz and Spike: with {@code t_narr = EWMA(inter-arrival, 0.125) /
 * Tmin}, use Spike when {@code ROTT < ROTT_min + 0.05 * Tmin}; otherwise ZigZag when
 * {@code t_narr < 0.875}, mBiaz when {@code t_narr < 1.5}, ZigZag when {@code t_narr < 2.0}, and
 * Spike above.
 *
 * <p>Source: Cen, Cosman, Voelker, "End-to-end differentiation of congestion and wireless
 * losses", IEEE/ACM ToN 11(5), 2003. The three component rules see every packet, so their state is
 * exactly that of the stand-alone rules; ZBS picks one verdict. The inter-arrival EWMA takes the
 * same samples as Tmin (consecutive sequence numbers, positive inter-arrival). ROTT_min includes
 * the packet that reveals the gap. While Tmin is unknown, Spike (which needs no Tmin) decides.
 *
 * <p>Not thread-safe: one instance per call.
 */
public final class ZbsClassifier extends AbstractLossClassifier {
    /** EWMA gain of the inter-arrival time (Cen et al. 2003). */
    private static final double INTER_ARRIVAL_GAIN = 0.125;
    /** ROTT within this share of Tmin above ROTT_min counts as "no queue": Spike decides. */
    private static final double LOW_ROTT_TMIN_SHARE = 0.05;
    /** t_narr bounds of the ZigZag / mBiaz / ZigZag / Spike bands. */
    private static final double ZIGZAG_BELOW = 0.875;
    private static final double MBIAZ_BELOW = 1.5;
    private static final double ZIGZAG_AGAIN_BELOW = 2.0;

    private final SpikeClassifier spike = new SpikeClassifier();
    private final ZigZagClassifier zigZag = new ZigZagClassifier();
    private final BiazClassifier mBiaz = BiazClassifier.mBiaz();
    private boolean hasEwma;
    private double interArrivalEwmaUs;
    private int lastChoice;

    /** Which component decided the latest verdict: 0 none yet, 1 Spike, 2 ZigZag, 3 mBiaz. */
    public int lastComponent() {
        return lastChoice;
    }

    @Override
    public String name() {
        return "zbs";
    }

    @Override
    protected Verdict observe(long lostPackets) {
        long sequence = sequence();
        long sendUs = sendTimeUs();
        long arrivalUs = arrivalTimeUs();
        int sizeBytes = sizeBytes();
        spike.onPacket(sequence, sendUs, arrivalUs, sizeBytes);
        zigZag.onPacket(sequence, sendUs, arrivalUs, sizeBytes);
        mBiaz.onPacket(sequence, sendUs, arrivalUs, sizeBytes);
        if (lostPackets == 0 && hasInterArrival() && interArrivalUs() > 0) {
            interArrivalEwmaUs = hasEwma
                    ? (1 - INTER_ARRIVAL_GAIN) * interArrivalEwmaUs + INTER_ARRIVAL_GAIN * interArrivalUs()
                    : interArrivalUs();
            hasEwma = true;
        }
        if (lostPackets == 0) {
            return Verdict.NONE;
        }
        long tminUs = minInterArrivalUs();
        if (tminUs <= 0 || !hasEwma || rottUs() < spike.rottMinUs() + LOW_ROTT_TMIN_SHARE * tminUs) {
            return choose(1, spike);
        }
        double normalised = interArrivalEwmaUs / tminUs;
        if (normalised < ZIGZAG_BELOW) {
            return choose(2, zigZag);
        } else if (normalised < MBIAZ_BELOW) {
            return choose(3, mBiaz);
        } else if (normalised < ZIGZAG_AGAIN_BELOW) {
            return choose(2, zigZag);
        }
        return choose(1, spike);
    }

    private Verdict choose(int component, LossClassifier classifier) {
        lastChoice = component;
        return classifier.lastVerdict();
    }

    /** The inter-arrival EWMA divided by Tmin; 0 while either is unknown. */
    public double normalisedInterArrival() {
        long tminUs = minInterArrivalUs();
        return hasEwma && tminUs > 0 ? interArrivalEwmaUs / tminUs : 0;
    }

    @Override
    protected void resetRule() {
        spike.reset();
        zigZag.reset();
        mBiaz.reset();
        hasEwma = false;
        interArrivalEwmaUs = 0;
        lastChoice = 0;
    }
}
