package dev.weir.steer;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;

/**
 * How much of the target a network type spends on forward error correction:
 * {@code min(maxRatio, baseRatio + perLossRatio x loss rate)} once the loss rate reaches
 * {@code minLossRate}, nothing below it. The loss rate is the one FEC can repair: with the model's
 * FEC heads ({@code dev.weir.bwe.model.FecHeads}) the predicted non-congestive share of the next
 * media packets times P(isolated losses); without them the share lost over the last 4 s:
 * at a few percent of loss retransmissions repair in time and FEC only takes rate from the video. FEC repairs isolated random losses without a
 * retransmission round trip; under congestion it only adds load, so only {@code random_loss}
 * spends on it by default.
 *
 * <p>Mutable settings bean: not thread-safe; copied when handed to an estimator.
 */
public final class FecSettings implements Validatable {
    /** Share spent whatever the loss, [0, 0.5]. */
    public double baseRatio = 0.0;
    /** Share per unit of loss rate: 1.5 protects 10 % loss with 15 % FEC. */
    public double perLossRatio = 0.0;
    /** Upper bound of the share, [0, 0.5] (the simulator's and a typical encoder's limit). */
    public double maxRatio = 0.0;
    /** Loss rate below which no FEC is sent, [0, 0.5]; 0 sends it at any loss. */
    public double minLossRate = 0.0;

    /** The FEC share for a loss rate in [0, 1] (anything else counts as 0). */
    public double ratio(double lossRate) {
        double loss = lossRate >= 0 && lossRate <= 1 ? lossRate : 0;
        if (loss < minLossRate) {
            return 0;
        }
        return Math.max(0, Math.min(maxRatio, baseRatio + perLossRatio * loss));
    }

    @Override
    public void validate(ConfigCheck check) {
        check.range("base_ratio", baseRatio, 0.0, 0.5);
        check.range("per_loss_ratio", perLossRatio, 0.0, 10.0);
        check.range("max_ratio", maxRatio, 0.0, 0.5);
        check.range("min_loss_rate", minLossRate, 0.0, 0.5);
    }
}
