package dev.weir.steer;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;
import java.util.List;

/**
 * How model outputs and signal summaries become a network type ({@link NetworkTypeDecider}):
 * each type's evidence is smoothed over decisions (one per 200 ms signal step), a type is entered
 * when its smoothed evidence reaches {@code enterEvidence} and left when it falls below
 * {@code exitEvidence}, and a type is held at least {@code minDwellMs} before another may take
 * over, so a call at a type boundary does not flap.
 *
 * <p>Evidence per decision: {@code random_loss} = P(loss is random) while the last 4 s lost at
 * least {@code minLossRate} of packets; {@code congestion_prone} = P(congestion ahead) while the
 * target is below {@code lowRateBps}; {@code cellular_variable} = 1 when the RTT deviation over the
 * last 10 s reaches {@code variableRttStdMs} and the target is at least {@code lowRateBps};
 * {@code wired_stable} = 1 when the target is at least {@code lowRateBps}, the RTT deviation below
 * {@code variableRttStdMs} and the loss below {@code minLossRate} (a fast, steady, clean path).
 * {@code defaultType} is where the call sits when no other type's evidence holds (its own evidence
 * is not read); only the types of {@code enterableTypes} are ever entered (none: the default type
 * throughout, a fixed set once decisions begin). The rule maps the loss-attribution and congestion
 * heads and the window summaries to types; its levels, default type and enterable types are
 * fitted by outcome, on the regret of the network-type study's non-test segments
 * ({@code ./weir network-type --fit-decision}, {@code docs/ml.md}).
 *
 * <p>Mutable settings bean: not thread-safe; copied when handed to an estimator.
 */
public final class TypeDecisionSettings implements Validatable {
    /** Weight of the newest decision in the smoothed evidence (0.1: a ~2 s time constant at 5 Hz). */
    public double smoothing = 0.1;
    /** Smoothed evidence that enters a type. */
    public double enterEvidence = 0.6;
    /** Smoothed evidence below which a type is left. */
    public double exitEvidence = 0.35;
    /** Least time in a type before another may take over, ms. */
    public long minDwellMs = 5_000;
    /** Loss rate over the last 4 s above which loss attribution counts, [0, 1]. */
    public double minLossRate = 0.01;
    /** Targets below this are "low bandwidth", bits per second. */
    public long lowRateBps = 1_000_000;
    /** RTT deviation over the last 10 s that marks a variable (cellular) path, ms. */
    public double variableRttStdMs = 25;
    /** The type held when no other type's evidence holds, and the first type once decisions begin. */
    public String defaultType = NetworkType.WIRED_STABLE.id();

    /** Types the rule may enter besides the default type (ids). */
    public List<String> enterableTypes = List.of(NetworkType.CONGESTION_PRONE.id(), NetworkType.RANDOM_LOSS.id(),
            NetworkType.CELLULAR_VARIABLE.id());

    /** Whether {@code type} may be entered (listed in {@link #enterableTypes} and not the default type). */
    boolean enterable(NetworkType type) {
        return type != defaultNetworkType() && enterableTypes != null && enterableTypes.contains(type.id());
    }

    /** {@link #defaultType} as a type ({@code wired_stable} if unknown; {@link #validate} rejects that). */
    NetworkType defaultNetworkType() {
        NetworkType type = NetworkType.byId(defaultType);
        return type == null ? NetworkType.WIRED_STABLE : type;
    }

    @Override
    public void validate(ConfigCheck check) {
        check.range("smoothing", smoothing, 0.001, 1.0);
        check.range("enter_evidence", enterEvidence, 0.0, 1.0);
        check.range("exit_evidence", exitEvidence, 0.0, 1.0);
        check.require(exitEvidence <= enterEvidence, "exit_evidence", exitEvidence,
                "must not exceed enter_evidence = " + enterEvidence);
        check.range("min_dwell_ms", minDwellMs, 0, 600_000);
        check.range("min_loss_rate", minLossRate, 0.0, 1.0);
        check.range("low_rate_bps", lowRateBps, 0, 1_000_000_000);
        check.range("variable_rtt_std_ms", variableRttStdMs, 0.0, 60_000.0);
        check.require(NetworkType.byId(defaultType) != null, "default_type", defaultType,
                "must be one of wired_stable, congestion_prone, random_loss, cellular_variable");
        check.notNull("enterable_types", enterableTypes);
        if (enterableTypes != null) {
            for (int i = 0; i < enterableTypes.size(); i++) {
                String id = enterableTypes.get(i);
                check.require(id != null && NetworkType.byId(id) != null, "enterable_types[" + i + "]", id,
                        "must be one of wired_stable, congestion_prone, random_loss, cellular_variable");
            }
        }
    }
}
