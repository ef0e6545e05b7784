package dev.weir.steer;

/**
 * The early back-off of {@link EarlyBackoffSettings}: an episode starts when the model's
 * probability of congestion ahead reaches the enter level (at most once per minimum interval),
 * caps the target at {@code factor x} the acknowledged rate, and ends when the probability falls
 * below the exit level or the episode reaches its maximum length.
 *
 * <p>Not thread-safe: owned by one estimator. Allocates nothing.
 */
final class EarlyBackoff {
    private static final long NEVER_US = Long.MIN_VALUE / 4;

    private EarlyBackoffSettings settings;
    private boolean active;
    private long startedUs = NEVER_US;
    private long capBps;

    EarlyBackoff(EarlyBackoffSettings settings) {
        this.settings = settings;
    }

    /** New settings (another parameter set); an episode in progress ends if they disable it. */
    void settings(EarlyBackoffSettings settings) {
        this.settings = settings;
        if (!settings.enabled) {
            active = false;
        }
    }

    /** Feeds one decision's congestion probability at {@code nowUs}. */
    void update(double congestionProbability, long ackedRateBps, long nowUs) {
        if (!settings.enabled) {
            active = false;
            return;
        }
        if (active) {
            boolean expired = nowUs - startedUs >= settings.maxHoldMs * 1000;
            if (congestionProbability < settings.exitProbability || expired) {
                active = false;
            }
        } else if (congestionProbability >= settings.enterProbability && ackedRateBps > 0
                && nowUs - startedUs >= settings.minIntervalMs * 1000) {
            active = true;
            startedUs = nowUs;
            capBps = (long) (settings.factor * ackedRateBps);
        }
    }

    /** Ends any episode at once (a model failure, a bundle without a model). */
    void cancel() {
        active = false;
    }

    /** {@code targetBps} capped while an episode runs. */
    long cap(long targetBps) {
        return active ? Math.min(targetBps, capBps) : targetBps;
    }

    boolean active() {
        return active;
    }
}
