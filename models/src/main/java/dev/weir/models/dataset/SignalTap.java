package dev.weir.models.dataset;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.ForwardingEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.feedback.AcceptedFeedback;
import dev.weir.bwe.feedback.AcceptedFeedbackSource;
import dev.weir.bwe.feedback.FeedbackFrontDoor;
import dev.weir.bwe.lossdiff.LossClassifier;
import dev.weir.bwe.lossdiff.LossClassifiers;
import dev.weir.bwe.lossdiff.LossVerdictSink;
import dev.weir.bwe.lossdiff.Verdict;
import dev.weir.bwe.model.ModelInput;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.bwe.signal.SignalRecorder;
import dev.weir.bwe.signal.SignalSettings;

/**
 * A transparent {@link BandwidthEstimator} decorator for dataset generation: forwards every event
 * to the inner estimator (GCC or the weir estimator) unchanged and feeds the same events, with the
 * inner estimator's result as the caller sees it, to a {@link SignalRecorder} and a
 * {@link ModelInput} wired exactly as the weir estimator wires its own (so training sequences are
 * run-time inputs), and to every loss-differentiation rule ({@link LossClassifiers#feed}). Every
 * consumer reads the report as the inner estimator's {@link FeedbackFrontDoor} accepted it
 * ({@link AcceptedFeedbackSource}); an inner estimator without one gets a front door of the tap's,
 * so a report is unwrapped and deduplicated once either way.
 *
 * <p>At the events at which the weir estimator decides (a feedback report, a process interval)
 * the tap fills its input: every step the recorder closed since becomes one logged step with its
 * row, and the latest one, once the dense windows are full, a decision step with its dense vector
 * ({@link TapLog}). It also logs what labelling needs: when each packet was reported lost and
 * every rule verdict.
 *
 * <p>The client API's other events (constraints, route, availability, REMB) only reach the inner
 * estimator: the weir estimator decides at feedback and process intervals, so the tap logs steps
 * there (the simulator's calls never change route).
 *
 * <p>Not thread-safe: one instance per call.
 */
public final class SignalTap extends ForwardingEstimator {
    private final SignalRecorder recorder;
    private final ModelInput input;
    private final LossClassifier[] classifiers = LossClassifiers.all();
    /** The inner estimator's accepted view, or null when the tap needs its own front door. */
    private final AcceptedFeedbackSource innerFeedback;
    private final FeedbackFrontDoor ownFrontDoor;
    private final TapLog log;
    private final long stepUs;
    private long feedbackNowUs;

    /**
     * @param inner the estimator that steers the call (its outputs are returned unchanged)
     * @param settings dataset settings; the recorder runs with {@code step_ms} from them
     * @throws dev.weir.bwe.config.InvalidSettingsException when {@code settings} are invalid
     */
    public SignalTap(BandwidthEstimator inner, DatasetSettings settings) {
        super(inner);
        ConfigCheck check = ConfigCheck.of("dataset");
        settings.validate(check);
        check.throwIfInvalid();
        this.innerFeedback = inner instanceof AcceptedFeedbackSource source ? source : null;
        this.ownFrontDoor = innerFeedback == null ? new FeedbackFrontDoor() : null;
        this.recorder = new SignalRecorder(signalSettings(settings));
        this.input = new ModelInput(recorder.schema());
        this.log = new TapLog(input.rowLength(), input.denseLength());
        this.stepUs = settings.stepMs * 1_000L;
        LossVerdictSink sink = this::onVerdict;
        for (LossClassifier classifier : classifiers) {
            classifier.setSink(sink);
        }
    }

    /** The recorder settings a tap with {@code settings} uses (recorder defaults but {@code step_ms}). */
    public static SignalSettings signalSettings(DatasetSettings settings) {
        SignalSettings signal = new SignalSettings();
        signal.stepMs = settings.stepMs;
        return signal;
    }

    /** Everything recorded so far. */
    public TapLog log() {
        return log;
    }

    /** The feature schema of the logged steps. */
    public FeatureSchema schema() {
        return recorder.schema();
    }

    /** Closed steps never logged (they left the recorder's ring between fills, as at run time). */
    public long skippedSteps() {
        return input.skippedSteps();
    }

    @Override
    public void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) {
        super.onPacketSent(transportSequenceNumber, sendTimeUs, sizeBytes);
        recorder.onPacketSent(sendTimeUs, sizeBytes);
    }

    @Override
    public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
        super.onFeedback(report, nowUs, out);
        AcceptedFeedback feedback = innerFeedback != null
                ? innerFeedback.lastAcceptedFeedback() : ownFrontDoor.accept(report, nowUs);
        recorder.onFeedback(feedback, nowUs, out);
        feedbackNowUs = nowUs;
        for (LossClassifier classifier : classifiers) {
            classifier.onEstimate(out.targetRateBps(), out.rttUs());
        }
        LossClassifiers.feed(feedback, classifiers);
        for (int k = feedback.receivedCount(); k < feedback.count(); k++) {
            log.reportedLost(feedback.sequence(k), nowUs);
        }
        take();
    }

    @Override
    public void onRttSample(long rttUs, long nowUs, BweResult out) {
        super.onRttSample(rttUs, nowUs, out);
        recorder.onRttSample(rttUs, nowUs);
        for (LossClassifier classifier : classifiers) {
            classifier.onEstimate(out.targetRateBps(), out.rttUs());
        }
    }

    @Override
    public void onProcessInterval(long nowUs, BweResult out) {
        super.onProcessInterval(nowUs, out);
        recorder.advance(nowUs);
        take();
    }

    private void onVerdict(LossClassifier classifier, long firstLostSequence, long lostPackets,
                           long detectedArrivalUs, Verdict verdict) {
        for (int c = 0; c < classifiers.length; c++) {
            if (classifiers[c] == classifier) {
                log.addVerdict(c, feedbackNowUs, verdict == Verdict.CONGESTION);
                return;
            }
        }
    }

    /** Logs the steps closed since the last fill; the latest is a decision once the windows are full. */
    private void take() {
        boolean decision = input.fill(recorder);
        int pending = input.pendingRows();
        long lastEndUs = input.windowEndUs();
        for (int r = 0; r < pending; r++) {
            boolean last = r == pending - 1;
            int k = log.addStep(lastEndUs - (pending - 1 - r) * stepUs, last && decision);
            input.copyPendingRow(r, log.rowArray(), k * log.rowValues());
            if (last && decision) {
                input.copyDense(log.denseArray(), k * log.denseValues());
            }
        }
        input.consumeRows();
    }
}
