package dev.weir.sim.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.steer.NetworkType;
import dev.weir.steer.ParameterSet;
import java.util.List;

/**
 * The values tuning may change for one network type, chosen from the design's actions:
 * <ul>
 *   <li>{@code random_loss}: loss tolerance (classic thresholds, LossBasedBweV2's inherent-loss and
 *       high-bandwidth-preference bounds), ramp-up speed (AIMD's multiplicative increase), FEC
 *       (share per unit of loss, cap, and the loss rate below which none is sent).</li>
 *   <li>{@code congestion_prone}: early back-off (enter and exit probability, cap factor, hold),
 *       AIMD's back-off factor, the congestion window's queue.</li>
 *   <li>{@code cellular_variable}: the overuse detector's sensitivity (threshold gain, adaptation
 *       rates), ramp-up speed, the congestion window's queue.</li>
 *   <li>{@code wired_stable}: AIMD's back-off factor and the detector's threshold gain only (GCC's
 *       defaults are meant for it).</li>
 * </ul>
 * Candidates are points of the unit cube, mapped to values by each {@link Dimension}; a candidate
 * that breaks a settings constraint (e.g. exit above enter probability) is reported as invalid.
 *
 * <p>Immutable and thread-safe.
 */
public final class TuningSpace {
    private final NetworkType type;
    private final List<Dimension> dimensions;

    public TuningSpace(NetworkType type, List<Dimension> dimensions) {
        if (dimensions.isEmpty()) {
            throw new IllegalArgumentException("a tuning space needs at least one dimension");
        }
        this.type = type;
        this.dimensions = List.copyOf(dimensions);
    }

    /** The default space of {@code type} (see the class comment). */
    public static TuningSpace forType(NetworkType type) {
        return new TuningSpace(type, switch (type) {
            case RANDOM_LOSS -> List.of(
                    Dimension.of("tuning.loss_based.low_loss_threshold", 0.02, 0.10),
                    Dimension.of("tuning.loss_based.high_loss_threshold", 0.10, 0.40),
                    Dimension.of("tuning.loss_based.v2.loss_threshold_of_high_bandwidth_preference", 0.15, 0.60),
                    Dimension.of("tuning.loss_based.v2.inherent_loss_upper_bound_offset", 0.05, 0.30),
                    Dimension.of("tuning.loss_based.v2.instant_upper_bound_loss_offset", 0.05, 0.30),
                    Dimension.of("tuning.aimd.multiplicative_increase_factor", 1.04, 1.20),
                    Dimension.of("fec.per_loss_ratio", 0.0, 3.0),
                    Dimension.of("fec.max_ratio", 0.0, 0.40),
                    Dimension.of("fec.min_loss_rate", 0.0, 0.15));
            case CONGESTION_PRONE -> List.of(
                    Dimension.of("early_backoff.enter_probability", 0.50, 0.95),
                    Dimension.of("early_backoff.exit_probability", 0.10, 0.50),
                    Dimension.of("early_backoff.factor", 0.60, 0.95),
                    new Dimension("early_backoff.max_hold_ms", 500, 5_000, true),
                    Dimension.of("tuning.aimd.backoff_factor", 0.70, 0.95),
                    new Dimension("tuning.pushback.queue_size_ms", 100, 500, true));
            case CELLULAR_VARIABLE -> List.of(
                    Dimension.of("tuning.trendline.threshold_gain", 2.0, 6.0),
                    Dimension.of("tuning.trendline.k_up", 0.002, 0.02),
                    Dimension.of("tuning.trendline.k_down", 0.01, 0.08),
                    Dimension.of("tuning.aimd.multiplicative_increase_factor", 1.04, 1.20),
                    new Dimension("tuning.pushback.queue_size_ms", 150, 600, true));
            case WIRED_STABLE -> List.of(
                    Dimension.of("tuning.aimd.backoff_factor", 0.75, 0.95),
                    Dimension.of("tuning.trendline.threshold_gain", 3.0, 6.0));
        });
    }

    public NetworkType type() {
        return type;
    }

    public List<Dimension> dimensions() {
        return dimensions;
    }

    /** The unit-cube point of {@code base}'s current values (clamped into the ranges). */
    public double[] pointOf(ParameterSet base) {
        JsonNode root = SettingsJson.mapper().valueToTree(base);
        double[] point = new double[dimensions.size()];
        for (int i = 0; i < point.length; i++) {
            JsonNode value = root.at("/" + dimensions.get(i).path().replace('.', '/'));
            point[i] = value.isNumber() ? dimensions.get(i).unitOf(value.asDouble()) : 0.5;
        }
        return point;
    }

    /**
     * {@code base} with the values of {@code point} (unit cube) written in and {@code id} set, or
     * null when the result breaks a settings constraint.
     */
    public ParameterSet apply(ParameterSet base, double[] point, String id) {
        ObjectNode root = SettingsJson.mapper().valueToTree(base);
        for (int i = 0; i < dimensions.size(); i++) {
            Dimension dimension = dimensions.get(i);
            String[] parts = dimension.path().split("\\.");
            ObjectNode node = root;
            for (int p = 0; p < parts.length - 1; p++) {
                node = node.withObject("/" + parts[p]);
            }
            double value = dimension.valueAt(point[i]);
            if (dimension.integer()) {
                node.put(parts[parts.length - 1], (long) value);
            } else {
                node.put(parts[parts.length - 1], value);
            }
        }
        root.put("id", id);
        try {
            return SettingsJson.read(root.toString(), ParameterSet.class, "candidate");
        } catch (InvalidSettingsException e) {
            return null;
        }
    }
}
