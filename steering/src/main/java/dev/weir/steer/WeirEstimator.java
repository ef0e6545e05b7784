package dev.weir.steer;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.BweStats;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.api.TargetRateListener;
import dev.weir.bwe.api.TargetRateNotifier;
import dev.weir.bwe.feedback.AcceptedFeedback;
import dev.weir.bwe.feedback.FeedbackFrontDoor;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.signal.SignalRecorder;
import dev.weir.bwe.signal.SignalSettings;
import dev.weir.gcc.GccSettings;
import dev.weir.gcc.GoogCcEstimator;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weir estimator: today's GCC, steered per network type. Events go to GCC (through one
 * feedback front door) and to a signal recorder; every closed 200 ms step, once the 10 s window is
 * full, the bundle's model decides; {@link NetworkTypeDecider} turns its outputs into a network
 * type; the type's {@link ParameterSet} is swapped into GCC ({@code GccTuning}, without resetting
 * the estimate), sets the FEC share and arms {@link EarlyBackoff}, which caps the target while
 * congestion is predicted.
 *
 * <p>Fast start: until a bundle with a model arrives it is plain GCC with libwebrtc's defaults,
 * from the first packet. Bundles load elsewhere ({@link BundleLoader#loadAsync}) and arrive by
 * {@link #offerBundle}, from any thread; the estimator takes the newest at its next report, so
 * loading never blocks it. Safe: a model that fails (an exception or a non-finite output) is
 * dropped, GCC goes back to the default parameter set, and the result says {@link #MODEL_FAILED};
 * the call carries on.
 *
 * <p>A network route change resets GCC (see {@link GoogCcEstimator#onNetworkRouteChange}) and
 * restarts steering: the signal window starts empty and the default parameter set applies until
 * the model has seen 10 s of the new path. Bundle swaps, model failures and route changes are
 * logged (SLF4J, {@code dev.weir.steer.WeirEstimator}); nothing is logged per packet.
 *
 * <p>Not thread-safe, except {@link #offerBundle}: one instance per call, driven from one thread.
 * Steady state allocates nothing per packet or decision (a bundle swap allocates once).
 */
public final class WeirEstimator implements BandwidthEstimator {
    /** {@link BweResult#networkType()} after the model failed and the defaults took over. */
    public static final String MODEL_FAILED = "model_failed";
    /** Signal step of the shipped models, ms; a model with another step gets a recorder of its own. */
    private static final int DEFAULT_STEP_MS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(WeirEstimator.class);

    private final FeedbackFrontDoor frontDoor = new FeedbackFrontDoor(64);
    private final GoogCcEstimator gcc;
    private final ModelDecision decision = new ModelDecision();
    private final AtomicReference<Bundle> offered = new AtomicReference<>();
    private NetworkTypeDecider decider;
    private final TargetRateNotifier notifier = new TargetRateNotifier();
    private final EarlyBackoff earlyBackoff;

    private SignalRecorder recorder;
    private Bundle bundle;
    private ModelRunner runner;
    private boolean modelFailed;
    /** Whether the model decided at least once this call: until then GCC's defaults run, whatever the default type. */
    private boolean decidedOnce;
    private boolean gccAtDefaults = true;
    /** A type the decider may not leave (offline tuning of one type's set), or null. */
    private NetworkType pinnedType;
    /** When the pinned type takes over from {@code wired_stable} (GCC's defaults), µs. */
    private long pinnedFromUs = Long.MIN_VALUE;
    private NetworkType appliedType;
    private ParameterSet appliedSet;
    private long lastDecidedStep;
    private long lastNowUs = Long.MIN_VALUE;
    private long reportedTargetBps;
    private double fecRatio;

    /** An estimator with {@code settings} (the call's constraints and GCC's defaults) and {@code bundle}. */
    public WeirEstimator(GccSettings settings, Bundle bundle) {
        gcc = new GoogCcEstimator(settings, frontDoor);
        recorder = newRecorder(DEFAULT_STEP_MS);
        decider = new NetworkTypeDecider(new TypeDecisionSettings());
        earlyBackoff = new EarlyBackoff(new EarlyBackoffSettings());
        reportedTargetBps = settings.startBitrateBps;
        use(bundle == null ? Bundle.gccDefaults() : bundle);
    }

    /**
     * An estimator that stays on {@code type} whatever the model says: its parameter set from
     * {@code bundle} applies from the first event (the model still runs, for early back-off). Used
     * to tune one type's parameter set offline in simulation.
     */
    public static WeirEstimator pinned(GccSettings settings, Bundle bundle, NetworkType type) {
        return pinned(settings, bundle, type, Long.MIN_VALUE);
    }

    /**
     * As {@link #pinned(GccSettings, Bundle, NetworkType)}, but the call starts on
     * {@code wired_stable}'s set (GCC's defaults, what a deployed weir runs before its first model
     * decision) and switches to {@code type} at {@code fromUs}: a set tuned this way is tuned for
     * the moment it is really swapped in, e.g. after GCC already backed off under random loss.
     */
    public static WeirEstimator pinned(GccSettings settings, Bundle bundle, NetworkType type, long fromUs) {
        WeirEstimator estimator = new WeirEstimator(settings, bundle);
        estimator.pinnedType = type;
        estimator.pinnedFromUs = fromUs;
        estimator.apply(estimator.pinnedTypeAt(Long.MIN_VALUE));
        return estimator;
    }

    /** The type a pinned estimator runs at {@code nowUs}. */
    private NetworkType pinnedTypeAt(long nowUs) {
        return nowUs >= pinnedFromUs ? pinnedType : NetworkType.WIRED_STABLE;
    }

    /** Plain GCC with libwebrtc's defaults until a bundle is offered. */
    public WeirEstimator(long minBps, long startBps, long maxBps) {
        this(GccSettings.defaults().withBitrates(minBps, startBps, maxBps), null);
    }

    @Override
    public String name() {
        return "weir";
    }

    /**
     * Offers a verified bundle; the estimator switches to it at its next feedback report. Thread-safe:
     * any thread may call it (e.g. the one that ran {@link BundleLoader#loadAsync}); the newest offer wins.
     */
    public void offerBundle(Bundle bundle) {
        if (bundle != null) {
            offered.set(bundle);
        }
    }

    /** Id of the bundle in force. */
    public String bundleId() {
        return bundle.id();
    }

    /** The network type in force. */
    public NetworkType networkType() {
        return appliedType;
    }

    @Override
    public void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) {
        gcc.onPacketSent(transportSequenceNumber, sendTimeUs, sizeBytes);
        recorder.onPacketSent(sendTimeUs, sizeBytes);
    }

    @Override
    public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        takeOfferedBundle();
        AcceptedFeedback accepted = frontDoor.accept(report, nowUs);
        gcc.onAcceptedFeedback(accepted, nowUs, out);
        recorder.advance(nowUs); // close the steps this report ends before deciding on them
        decide(nowUs, out);
        finish(out);
        // The recorder reads the result as the caller sees it (steered), as a tap outside would.
        recorder.onFeedback(accepted, nowUs, out);
    }

    @Override
    public void onRttSample(long rttUs, long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        gcc.onRttSample(rttUs, nowUs, out);
        recorder.onRttSample(rttUs, nowUs);
        finish(out);
    }

    @Override
    public void onReceiverReport(long packetsLost, long packetsExpected, long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        gcc.onReceiverReport(packetsLost, packetsExpected, nowUs, out);
        finish(out);
    }

    @Override
    public void onProcessInterval(long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        gcc.onProcessInterval(nowUs, out);
        recorder.advance(nowUs);
        decide(nowUs, out);
        finish(out);
    }

    @Override
    public void currentEstimate(long nowUs, BweResult out) {
        gcc.currentEstimate(nowUs, out);
        finish(out);
    }

    @Override
    public void onTargetRateConstraints(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        gcc.onTargetRateConstraints(minBps, startBps, maxBps, nowUs, out);
        finish(out);
    }

    /** GCC's route change, and steering starts again on the new path (see the class comment). */
    @Override
    public void onNetworkRouteChange(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        takeOfferedBundle();
        gcc.onNetworkRouteChange(minBps, startBps, maxBps, nowUs, out);
        recorder = newRecorder(recorder.schema().stepMs());
        decider = new NetworkTypeDecider(bundle.sharedDecision());
        earlyBackoff.cancel();
        use(bundle);
        if (LOG.isInfoEnabled()) {
            LOG.info("weir: network route change at {} us: steering restarts with bundle {}", nowUs, bundle.id());
        }
        finish(out);
    }

    @Override
    public void onNetworkAvailability(boolean available, long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        gcc.onNetworkAvailability(available, nowUs, out);
        finish(out);
    }

    @Override
    public void onRemoteEstimate(long bitrateBps, long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        gcc.onRemoteEstimate(bitrateBps, nowUs, out);
        finish(out);
    }

    @Override
    public void setTargetRateListener(TargetRateListener listener) {
        notifier.setListener(listener);
    }

    /** GCC's counters and constraints, with weir's target and its steering state. */
    @Override
    public void stats(BweStats out) {
        gcc.stats(out);
        out.estimate(name(), out.timeUs(), reportedTargetBps)
                .steering(bundle.id(), modelFailed ? MODEL_FAILED : appliedType.id(), appliedSet.id);
    }

    private void takeOfferedBundle() {
        Bundle next = offered.getAndSet(null);
        if (next != null && next != bundle) {
            use(next);
        }
    }

    /** Switches to {@code next}: its model (if any) starts deciding, the current type's set is re-applied. */
    private void use(Bundle next) {
        if (next != bundle && bundle != null && LOG.isInfoEnabled()) {
            LOG.info("weir: bundle {} replaces {} (model {})", next.id(), bundle.id(),
                    next.model() == null ? "none" : "included");
        }
        bundle = next;
        decider.settings(next.sharedDecision());
        runner = null;
        modelFailed = false;
        ModelArtifact model = next.model();
        if (model != null) {
            int stepMs = model.featureSchema().stepMs();
            if (stepMs != recorder.schema().stepMs()) {
                recorder = newRecorder(stepMs);
            }
            try {
                runner = new ModelRunner(model, recorder);
            } catch (RuntimeException e) {
                modelFailed = true;
                LOG.warn("weir: the model of bundle {} cannot run ({}); GCC's default parameter set applies",
                        next.id(), e.toString());
            }
        }
        lastDecidedStep = recorder.closedSteps();
        apply(pinnedType != null ? pinnedTypeAt(lastNowUs) : runner == null || !decidedOnce ? NetworkType.WIRED_STABLE
                : decider.current());
    }

    private void apply(NetworkType type) {
        appliedType = type;
        appliedSet = bundle.sharedParameterSet(type); // read only: the bundle is shared and immutable
        // GCC starts with the built-in bundle's defaults: only another bundle's sets need swapping in.
        if (bundle != Bundle.gccDefaults() || !gccAtDefaults) {
            gcc.applyTuning(appliedSet.tuning);
        }
        gccAtDefaults = bundle == Bundle.gccDefaults();
        earlyBackoff.settings(appliedSet.earlyBackoff);
        fecRatio = appliedSet.fec.ratio(decision.fecLossRate());
    }

    /** One model decision per newly closed step, once the window is full. */
    private void decide(long nowUs, BweResult out) {
        if (pinnedType != null && appliedType != pinnedTypeAt(nowUs)) {
            apply(pinnedTypeAt(nowUs));
        }
        if (runner == null || recorder.closedSteps() == lastDecidedStep) {
            return;
        }
        lastDecidedStep = recorder.closedSteps();
        boolean decided;
        try {
            decided = runner.decide(recorder, decision);
        } catch (RuntimeException e) {
            decided = false;
        }
        if (!decided) {
            if (runner != null && recorder.closedSteps() >= runner.warmUpSteps()) {
                failModel(); // the window was full: a non-finite output or a model error
            }
            return;
        }
        NetworkType byModel = decider.update(decision, out.targetRateBps(), nowUs);
        decidedOnce = true;
        NetworkType type = pinnedType != null ? pinnedTypeAt(nowUs) : byModel;
        if (type != appliedType) {
            apply(type);
        }
        earlyBackoff.update(decision.congestionProbability, out.ackedRateBps(), nowUs);
        fecRatio = appliedSet.fec.ratio(decision.fecLossRate());
    }

    private void failModel() {
        LOG.warn("weir: the model of bundle {} failed (an error or a non-finite output); GCC's default parameter"
                + " set applies for the rest of the call", bundle.id());
        runner = null;
        modelFailed = true;
        earlyBackoff.cancel();
        apply(pinnedType != null ? pinnedTypeAt(lastNowUs) : NetworkType.WIRED_STABLE);
    }

    /** GCC's result, steered: the early back-off cap, the type's FEC share and the diagnostics. */
    private void finish(BweResult out) {
        long targetBps = out.targetRateBps();
        long cappedBps = Math.max(gcc.minBitrateBps(), earlyBackoff.cap(targetBps));
        if (cappedBps < targetBps) {
            double scale = (double) cappedBps / targetBps;
            out.targetRateBps(cappedBps)
                    .pacingRateBps((long) (out.pacingRateBps() * scale))
                    .paddingRateBps(Math.min(out.paddingRateBps(), cappedBps))
                    .pushbackRateBps(Math.min(out.pushbackRateBps(), cappedBps));
        }
        boolean deciding = runner != null && recorder.closedSteps() >= runner.warmUpSteps();
        out.fecRatio(fecRatio)
                .steering(modelFailed ? MODEL_FAILED : appliedType.id(), appliedSet.id,
                        deciding ? clampUnit(decider.confidence()) : 0,
                        deciding ? clampUnit(decision.congestionProbability) : 0,
                        deciding ? clampUnit(decision.randomLossProbability) : 0);
        reportedTargetBps = out.targetRateBps();
        notifier.onResult(out);
    }

    private long advanceClock(long nowUs) {
        if (nowUs > lastNowUs) {
            lastNowUs = nowUs;
        }
        return lastNowUs;
    }

    private static SignalRecorder newRecorder(int stepMs) {
        SignalSettings settings = new SignalSettings();
        settings.stepMs = stepMs;
        return new SignalRecorder(settings);
    }

    private static double clampUnit(double value) {
        return value >= 0 && value <= 1 ? value : (value > 1 ? 1 : 0);
    }
}
