package dev.weir.sim.scenario;

import dev.weir.sim.loss.GilbertElliottLoss;
import dev.weir.sim.loss.NoLoss;
import dev.weir.sim.loss.RandomLoss;
import dev.weir.sim.net.LossSpec;

/**
 * Reads {@code link.loss}: {@code none}, {@code random {rate}} or
 * {@code gilbert {p_good_bad, p_bad_good, loss_bad, loss_good = 0}}. An absent loss object means
 * {@code none}.
 *
 * <p>Immutable and thread-safe (static methods only).
 */
final class LossReader {
    private LossReader() {
    }

    /** The loss process, or null when {@code loss} has problems (recorded). */
    static LossSpec read(FieldReader loss) {
        if (!loss.isPresent()) {
            return NoLoss.INSTANCE;
        }
        String type = loss.choice("type", null, "none", "random", "gilbert");
        if (type == null) {
            return null;
        }
        switch (type) {
            case "none" -> {
                loss.allowOnly("type");
                return NoLoss.INSTANCE;
            }
            case "random" -> {
                loss.allowOnly("type", "rate");
                double rate = loss.number("rate", 0, 1, "");
                return Double.isNaN(rate) ? null : new RandomLoss(rate);
            }
            default -> {
                loss.allowOnly("type", "p_good_bad", "p_bad_good", "loss_bad", "loss_good");
                double pGoodBad = loss.number("p_good_bad", 0, 1, "");
                double pBadGood = loss.number("p_bad_good", 0, 1, "");
                double lossBad = loss.number("loss_bad", 0, 1, "");
                double lossGood = loss.number("loss_good", 0, 0, 1, "");
                if (pBadGood == 0) {
                    loss.invalid("p_bad_good", "a number in (0, 1]: 0 would never leave the bad state");
                    return null;
                }
                if (Double.isNaN(pGoodBad) || Double.isNaN(pBadGood) || Double.isNaN(lossBad) || Double.isNaN(lossGood)) {
                    return null;
                }
                return new GilbertElliottLoss(pGoodBad, pBadGood, lossBad, lossGood);
            }
        }
    }
}
