package dev.weir.sim.loss;

import dev.weir.sim.net.DropCause;
import dev.weir.sim.net.LossModel;
import dev.weir.sim.net.LossSpec;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Bursty loss from a two-state Gilbert-Elliott channel (E. N. Gilbert, "Capacity of a burst-noise
 * channel", Bell Syst. Tech. J. 39, 1960; E. O. Elliott, "Estimates of error rates for codes on
 * burst-noise channels", Bell Syst. Tech. J. 42, 1963), in the four-parameter form of Linux netem's
 * {@code loss gemodel p r 1-h 1-k} (p = pGoodBad, r = pBadGood, 1-h = lossBad, 1-k = lossGood).
 *
 * <p>Per packet: first the packet is dropped with the current state's loss probability
 * ({@code lossGood} in GOOD, cause {@link DropCause#RANDOM}; {@code lossBad} in BAD, cause
 * {@link DropCause#BURST}), then the channel moves GOOD to BAD with {@code pGoodBad} or BAD to GOOD
 * with {@code pBadGood}. The channel starts GOOD. Stationary P(BAD) = pGoodBad / (pGoodBad +
 * pBadGood); with lossBad = 1 and lossGood = 0 loss bursts are geometric with mean length
 * 1 / pBadGood packets.
 *
 * <p>Immutable and thread-safe; each {@link #newModel()} is a separate, not thread-safe channel.
 */
public final class GilbertElliottLoss implements LossSpec {
    private final double pGoodBad;
    private final double pBadGood;
    private final double lossBad;
    private final double lossGood;

    /**
     * @param pGoodBad per-packet probability of moving GOOD to BAD, [0, 1]
     * @param pBadGood per-packet probability of moving BAD to GOOD, (0, 1] (0 would stay BAD forever)
     * @param lossBad drop probability in BAD, [0, 1]
     * @param lossGood drop probability in GOOD, [0, 1]
     */
    public GilbertElliottLoss(double pGoodBad, double pBadGood, double lossBad, double lossGood) {
        check("p_good_bad", pGoodBad, pGoodBad >= 0 && pGoodBad <= 1, "[0, 1]");
        check("p_bad_good", pBadGood, pBadGood > 0 && pBadGood <= 1, "(0, 1]");
        check("loss_bad", lossBad, lossBad >= 0 && lossBad <= 1, "[0, 1]");
        check("loss_good", lossGood, lossGood >= 0 && lossGood <= 1, "[0, 1]");
        this.pGoodBad = pGoodBad;
        this.pBadGood = pBadGood;
        this.lossBad = lossBad;
        this.lossGood = lossGood;
    }

    public double pGoodBad() {
        return pGoodBad;
    }

    public double pBadGood() {
        return pBadGood;
    }

    public double lossBad() {
        return lossBad;
    }

    public double lossGood() {
        return lossGood;
    }

    /** Long-run fraction of packets sent in the BAD state. */
    public double stationaryBadProbability() {
        return pGoodBad / (pGoodBad + pBadGood); // pBadGood > 0, so the sum is > 0
    }

    @Override
    public LossModel newModel() {
        return new Channel(pGoodBad, pBadGood, lossBad, lossGood);
    }

    @Override
    public double expectedLossRate() {
        double bad = stationaryBadProbability();
        return bad * lossBad + (1 - bad) * lossGood;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "gilbert %s%% (p_gb %s, p_bg %s, loss_bad %s)",
                Percent.format(expectedLossRate()), pGoodBad, pBadGood, lossBad)
                + (lossGood > 0 ? String.format(Locale.ROOT, ", loss_good %s", lossGood) : "");
    }

    @Override
    public String toString() {
        return describe();
    }

    private static void check(String name, double value, boolean ok, String range) {
        if (!ok) {
            throw new IllegalArgumentException(name + " must be in " + range + ", got " + value);
        }
    }

    /** One call's channel state. Not thread-safe. */
    private static final class Channel implements LossModel {
        private final double pGoodBad;
        private final double pBadGood;
        private final double lossBad;
        private final double lossGood;
        private boolean bad;

        Channel(double pGoodBad, double pBadGood, double lossBad, double lossGood) {
            this.pGoodBad = pGoodBad;
            this.pBadGood = pBadGood;
            this.lossBad = lossBad;
            this.lossGood = lossGood;
        }

        @Override
        public DropCause nextPacket(SplittableRandom random) {
            DropCause fate;
            if (bad) {
                fate = random.nextDouble() < lossBad ? DropCause.BURST : DropCause.NONE;
                bad = random.nextDouble() >= pBadGood;
            } else {
                fate = random.nextDouble() < lossGood ? DropCause.RANDOM : DropCause.NONE;
                bad = random.nextDouble() < pGoodBad;
            }
            return fate;
        }
    }
}
