package dev.weir.steer;

/**
 * Turns model decisions into a network type with smoothing, hysteresis and a minimum dwell time
 * ({@link TypeDecisionSettings} states the rule): each non-default type's evidence is an
 * exponentially smoothed per-decision score; the current type is kept while its evidence stays at
 * or above the exit level, or for the minimum dwell; then the type with the strongest evidence at
 * or above the enter level takes over, else the settings' default type.
 *
 * <p>Not thread-safe: owned by one estimator. Allocates nothing.
 */
final class NetworkTypeDecider {
    /** {@code values()} copies its array on every call: read it once. */
    private static final NetworkType[] TYPES = NetworkType.values();

    private final double[] evidence = new double[TYPES.length];
    /** Per type ordinal, whether the settings let the rule enter it (read once per settings, not per decision). */
    private final boolean[] enterable = new boolean[TYPES.length];
    private TypeDecisionSettings settings;
    /** The settings' default type, read once per settings ({@code NetworkType.byId} copies {@code values()}). */
    private NetworkType fallback;
    private NetworkType current;
    private long enteredUs = Long.MIN_VALUE / 4;

    NetworkTypeDecider(TypeDecisionSettings settings) {
        this.current = settings.defaultNetworkType();
        use(settings);
    }

    /**
     * New decision settings (a new bundle); the evidence so far is kept. A call sitting on the old
     * default type moves to the new default.
     */
    void settings(TypeDecisionSettings settings) {
        if (current == fallback || !settings.enterable(current)) {
            current = settings.defaultNetworkType();
        }
        use(settings);
    }

    private void use(TypeDecisionSettings settings) {
        this.settings = settings;
        this.fallback = settings.defaultNetworkType();
        for (NetworkType type : TYPES) {
            enterable[type.ordinal()] = settings.enterable(type);
        }
    }

    /** Feeds one decision made at {@code nowUs} with the current target; returns the type to act on. */
    NetworkType update(ModelDecision decision, long targetBps, long nowUs) {
        boolean lossy = decision.lossRate4s >= settings.minLossRate;
        boolean low = targetBps < settings.lowRateBps;
        smooth(NetworkType.RANDOM_LOSS, lossy ? decision.randomLossProbability : 0);
        smooth(NetworkType.CONGESTION_PRONE, low ? decision.congestionProbability : 0);
        boolean variable = decision.rttStdMs >= settings.variableRttStdMs;
        smooth(NetworkType.CELLULAR_VARIABLE, !low && variable ? 1 : 0);
        smooth(NetworkType.WIRED_STABLE, !low && !variable && !lossy ? 1 : 0);
        boolean dwelling = nowUs - enteredUs < settings.minDwellMs * 1000;
        if (dwelling || (current != fallback && evidence[current.ordinal()] >= settings.exitEvidence)) {
            return current;
        }
        NetworkType best = fallback;
        double bestEvidence = settings.enterEvidence;
        for (NetworkType type : TYPES) {
            if (enterable[type.ordinal()] && evidence[type.ordinal()] >= bestEvidence) {
                best = type;
                bestEvidence = evidence[type.ordinal()];
            }
        }
        if (best != current) {
            current = best;
            enteredUs = nowUs;
        }
        return current;
    }

    /** The type in force. */
    NetworkType current() {
        return current;
    }

    /** Smoothed evidence for the type in force, [0, 1]; for the default type, 1 minus the strongest enterable one. */
    double confidence() {
        if (current != fallback) {
            return evidence[current.ordinal()];
        }
        double strongest = 0;
        for (NetworkType type : TYPES) {
            if (enterable[type.ordinal()]) {
                strongest = Math.max(strongest, evidence[type.ordinal()]);
            }
        }
        return 1 - strongest;
    }

    private void smooth(NetworkType type, double score) {
        int i = type.ordinal();
        evidence[i] += settings.smoothing * (score - evidence[i]);
    }
}
