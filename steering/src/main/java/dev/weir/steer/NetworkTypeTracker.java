package dev.weir.steer;

import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.signal.SignalRecorder;
import dev.weir.bwe.signal.SignalSettings;

/**
 * The weir estimator's network-type decision without GCC: a {@link SignalRecorder} with the
 * bundle's model step, the model run through the same {@link ModelRunner} (one decision per newly
 * closed step once the window is full) and the same {@link NetworkTypeDecider} with the bundle's
 * decision settings. For offline analysis of calls weir did not run (e.g. a browser's stats);
 * {@link WeirEstimator} makes the same decisions inside a call.
 *
 * <p>Not thread-safe: one instance per analysed call. A decision allocates nothing.
 */
public final class NetworkTypeTracker {
    private final SignalRecorder recorder;
    private final ModelRunner runner;
    private final NetworkTypeDecider decider;
    private final ModelDecision decision = new ModelDecision();
    private long lastDecidedStep;
    private boolean decided;
    private boolean failed;

    /**
     * @throws IllegalArgumentException when the bundle has no model or the model lacks the heads
     *     the decision reads
     * @throws dev.weir.bwe.model.ModelFormatException when the model was built for another feature
     *     schema than the recorder produces
     */
    public NetworkTypeTracker(Bundle bundle) {
        ModelArtifact model = bundle.model();
        if (model == null) {
            throw new IllegalArgumentException("bundle " + bundle.id() + " has no model: nothing to decide with");
        }
        SignalSettings settings = new SignalSettings();
        settings.stepMs = model.featureSchema().stepMs();
        recorder = new SignalRecorder(settings);
        runner = new ModelRunner(model, recorder);
        decider = new NetworkTypeDecider(bundle.sharedDecision());
    }

    /** The recorder to feed with the call's events (its schema is the model's). */
    public SignalRecorder recorder() {
        return recorder;
    }

    /**
     * Decides on the newest closed step, if there is one not decided yet and the window is full.
     *
     * @param targetBps the sender's target at {@code nowUs} (the decision rule's low-rate test reads it)
     * @return true when a decision was made; false when none was due, or the model's output was
     *     not finite (then {@link #failed()} is true and the type stays where it was)
     */
    public boolean update(long targetBps, long nowUs) {
        if (recorder.closedSteps() == lastDecidedStep) {
            return false;
        }
        lastDecidedStep = recorder.closedSteps();
        boolean ok;
        try {
            ok = runner.decide(recorder, decision);
        } catch (RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            if (recorder.closedSteps() >= runner.warmUpSteps()) {
                failed = true; // the windows were full: a non-finite output or a model error
            }
            return false;
        }
        decider.update(decision, targetBps, nowUs);
        decided = true;
        return true;
    }

    /** The network type in force (wired_stable before the first decision). */
    public NetworkType networkType() {
        return decided ? decider.current() : NetworkType.WIRED_STABLE;
    }

    /** Whether any decision was made yet. */
    public boolean hasDecided() {
        return decided;
    }

    /** Whether the model gave a non-finite output once its window was full. */
    public boolean failed() {
        return failed;
    }

    /** P(the loss in the window is random, not congestion), latest decision; 0 before the first. */
    public double randomLossProbability() {
        return decided ? decision.randomLossProbability : 0;
    }

    /** P(congestion within the model's horizon), latest decision; 0 before the first. */
    public double congestionProbability() {
        return decided ? decision.congestionProbability : 0;
    }

    /** Smoothed evidence for the type in force, [0, 1]. */
    public double confidence() {
        return decided ? decider.confidence() : 0;
    }

    /** Share of packets lost over the last 4 s as the model's input saw it, latest decision. */
    public double lossRate4s() {
        return decided ? decision.lossRate4s : 0;
    }
}
