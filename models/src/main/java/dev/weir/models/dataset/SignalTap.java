package dev.weir.models.dataset;

import dev.weir.bwe.api.BandwidthEstimator;
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
import dev.weir.bwe.signal.TimeSeriesFeature;

/**
 * A transparent {@link BandwidthEstimator} decorator for dataset generation: forwards every event
 * to the inner estimator (GCC) unchanged and feeds the same events, with the inner estimator's
 * result, to a {@link SignalRecorder} (exactly as the run-time ML estimator does, so training
 * features equal run-time features) and to every loss-differentiation rule
 * ({@link LossClassifiers#feed}). Every consumer reads the report as the inner estimator's
 * {@link FeedbackFrontDoor} accepted it ({@link AcceptedFeedbackSource}); an inner estimator without
 * one gets a front door of the tap's, so a report is unwrapped and deduplicated once either way. Every {@code sample_period_ms} of call time from
 * {@code first_sample_ms} on it snapshots, at exactly the sample time, the model input as the
 * run-time estimator assembles it ({@link ModelInput}: the 10 s time-series window and the dense
 * features of the 10 s and 4 s windows). It also logs what labelling needs ({@link TapLog}).
 *
 * <p>The snapshot is taken at the first event at or after the sample time, before that event is
 * applied: the recorder is advanced to the sample time (closing the steps that end there, as the
 * event itself would) and the window read.
 *
 * <p>Not thread-safe: one instance per call.
 */
public final class SignalTap implements BandwidthEstimator {
    private final BandwidthEstimator inner;
    private final SignalRecorder recorder;
    private final ModelInput input;
    private final LossClassifier[] classifiers = LossClassifiers.all();
    /** The inner estimator's accepted view, or null when the tap needs its own front door. */
    private final AcceptedFeedbackSource innerFeedback;
    private final FeedbackFrontDoor ownFrontDoor;
    private final TapLog log;
    private final long samplePeriodUs;
    private long nextSampleUs;
    private long feedbackNowUs;
    private long recordedClosedSteps;

    /**
     * @param inner the estimator that steers the call (its outputs are returned unchanged)
     * @param settings sampling settings; the recorder runs with {@code step_ms} from them
     * @throws dev.weir.bwe.config.InvalidSettingsException when {@code settings} are invalid
     */
    public SignalTap(BandwidthEstimator inner, DatasetSettings settings) {
        ConfigCheck check = ConfigCheck.of("dataset");
        settings.validate(check);
        check.throwIfInvalid();
        this.inner = inner;
        this.innerFeedback = inner instanceof AcceptedFeedbackSource source ? source : null;
        this.ownFrontDoor = innerFeedback == null ? new FeedbackFrontDoor() : null;
        this.recorder = new SignalRecorder(signalSettings(settings));
        this.input = new ModelInput(recorder.schema());
        this.log = new TapLog(input.timeSeriesLength(), input.denseLength());
        this.samplePeriodUs = settings.samplePeriodMs * 1_000L;
        this.nextSampleUs = settings.firstSampleMs * 1_000L;
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

    /** The feature schema of the snapshots. */
    public FeatureSchema schema() {
        return recorder.schema();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) {
        sampleUpTo(sendTimeUs);
        inner.onPacketSent(transportSequenceNumber, sendTimeUs, sizeBytes);
        recorder.onPacketSent(sendTimeUs, sizeBytes);
        recordClosedSteps();
    }

    @Override
    public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
        sampleUpTo(nowUs);
        inner.onFeedback(report, nowUs, out);
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
        recordClosedSteps();
    }

    @Override
    public void onRttSample(long rttUs, long nowUs, BweResult out) {
        sampleUpTo(nowUs);
        inner.onRttSample(rttUs, nowUs, out);
        recorder.onRttSample(rttUs, nowUs);
        for (LossClassifier classifier : classifiers) {
            classifier.onEstimate(out.targetRateBps(), out.rttUs());
        }
        recordClosedSteps();
    }

    @Override
    public void onReceiverReport(long packetsLost, long packetsExpected, long nowUs, BweResult out) {
        sampleUpTo(nowUs);
        inner.onReceiverReport(packetsLost, packetsExpected, nowUs, out);
        recorder.advance(nowUs);
        recordClosedSteps();
    }

    @Override
    public void onProcessInterval(long nowUs, BweResult out) {
        sampleUpTo(nowUs);
        inner.onProcessInterval(nowUs, out);
        recorder.advance(nowUs);
        recordClosedSteps();
    }

    @Override
    public void currentEstimate(long nowUs, BweResult out) {
        inner.currentEstimate(nowUs, out);
    }

    @Override
    public void onTargetRateConstraints(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        sampleUpTo(nowUs);
        inner.onTargetRateConstraints(minBps, startBps, maxBps, nowUs, out);
        recorder.advance(nowUs);
        recordClosedSteps();
    }

    @Override
    public void onNetworkRouteChange(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        sampleUpTo(nowUs);
        inner.onNetworkRouteChange(minBps, startBps, maxBps, nowUs, out);
        recorder.advance(nowUs);
        recordClosedSteps();
    }

    @Override
    public void onNetworkAvailability(boolean available, long nowUs, BweResult out) {
        sampleUpTo(nowUs);
        inner.onNetworkAvailability(available, nowUs, out);
        recorder.advance(nowUs);
        recordClosedSteps();
    }

    @Override
    public void onRemoteEstimate(long bitrateBps, long nowUs, BweResult out) {
        sampleUpTo(nowUs);
        inner.onRemoteEstimate(bitrateBps, nowUs, out);
        recorder.advance(nowUs);
        recordClosedSteps();
    }

    @Override
    public void setTargetRateListener(dev.weir.bwe.api.TargetRateListener listener) {
        inner.setTargetRateListener(listener);
    }

    @Override
    public void stats(dev.weir.bwe.api.BweStats out) {
        inner.stats(out);
    }

    @Override
    public void close() {
        inner.close();
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

    /** Takes every snapshot due at or before {@code nowUs}, each at its exact sample time. */
    private void sampleUpTo(long nowUs) {
        while (nextSampleUs <= nowUs) {
            recorder.advance(nextSampleUs);
            recordClosedSteps();
            snapshot(nextSampleUs);
            nextSampleUs += samplePeriodUs;
        }
    }

    private void snapshot(long timeUs) {
        if (recorder.lastClosedStepEndUs() != timeUs || !input.fill(recorder)) {
            return;
        }
        int s = log.addSnapshot(timeUs);
        input.copyTimeSeries(log.snapshotTsArray(), s * log.tsValues());
        input.copyDense(log.snapshotDenseArray(), s * log.denseValues());
    }

    private void recordClosedSteps() {
        long closed = recorder.closedSteps();
        long pending = closed - recordedClosedSteps;
        if (pending <= 0) {
            return;
        }
        int ring = recorder.capacitySteps();
        // Steps skipped beyond the ring (a forward clock jump) are recorded as empty steps.
        for (long k = pending; k > ring; k--) {
            log.addObservedStep(0f, 0f);
        }
        for (int ago = (int) Math.min(pending, ring) - 1; ago >= 0; ago--) {
            log.addObservedStep(recorder.value(ago, TimeSeriesFeature.RTT_MS),
                    recorder.value(ago, TimeSeriesFeature.LOSS_FRACTION));
        }
        recordedClosedSteps = closed;
    }
}
