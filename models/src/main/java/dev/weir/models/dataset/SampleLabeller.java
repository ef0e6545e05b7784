package dev.weir.models.dataset;

import dev.weir.bwe.lossdiff.LossClassifiers;
import dev.weir.bwe.signal.TimeSeriesFeature;
import dev.weir.models.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Labels a call's snapshots from the simulator's ground truth ({@link LabelTruth}, taken from the
 * call's packets as it ran) and the sender's observations ({@link TapLog}). For a sample at time t:
 * <ul>
 *   <li>{@code loss_type}: the media packets (video, audio, FEC, retransmission; not probe padding)
 *       the network dropped and whose loss the feedback reported to the sender in
 *       {@code (t - loss_lookback_ms, t]}; none: -1; else 1 when a strict majority was dropped by
 *       queue overflow (congestion), 0 otherwise (random and Gilbert-Elliott burst loss are not
 *       caused by the sender's rate).
 *   <li>{@code congestion}: 1 when a packet sent in {@code (t, t + congestion_horizon_ms]} was
 *       dropped by queue overflow or waited more than {@code queue_delay_threshold_ms} in the
 *       bottleneck queue; lead time = seconds from t to the first such packet's send time (its
 *       enqueue time), -1 when none. All packets count: probes and FEC see the same queue.
 *   <li>{@code congestion_rule}: {@link CongestionRule} over the observed series.
 *   <li>{@code loss:<rule>} baselines: over the verdicts rule made from feedback that reached the
 *       sender in the same {@code (t - loss_lookback_ms, t]}: -1 none, 1 when congestion verdicts are
 *       a strict majority, else 0 (the same majority rule as the label).
 *   <li>{@code congestion:gcc_overuse}: 1 when the delay detector was OVERUSING in the window's last
 *       step. {@code congestion:rtt_rise}: 1 when the RTT of the window's latest
 *       {@code rtt_rise_recent_ms} reaches the spike level above the window's minimum RTT
 *       ({@link CongestionRule}'s spike rule).
 * </ul>
 * Samples whose congestion horizon reaches past the end of the call are dropped.
 *
 * <p>Immutable and thread-safe (static methods only).
 */
public final class SampleLabeller {
    /** Baseline names, in dataset column order: each says the task it serves. */
    public static final List<String> BASELINE_NAMES = baselineNames();
    /** Index of {@code congestion:gcc_overuse} in {@link #BASELINE_NAMES}. */
    static final int GCC_OVERUSE = LossClassifiers.NAMES.size();
    /** Index of {@code congestion:rtt_rise} in {@link #BASELINE_NAMES}. */
    static final int RTT_RISE = GCC_OVERUSE + 1;

    private static final int TS = TimeSeriesFeature.COUNT;
    private static final int RTT = TimeSeriesFeature.RTT_MS.ordinal();
    private static final int OVERUSING = TimeSeriesFeature.DELAY_OVERUSING.ordinal();

    private SampleLabeller() {
    }

    private static List<String> baselineNames() {
        List<String> names = new ArrayList<>();
        for (String rule : LossClassifiers.NAMES) {
            names.add("loss:" + rule);
        }
        names.add("congestion:gcc_overuse");
        names.add("congestion:rtt_rise");
        return List.copyOf(names);
    }

    /** Labels every snapshot of {@code tap} whose horizon fits in {@code durationUs}. */
    public static CallSamples label(LabelTruth truth, TapLog tap, long durationUs, DatasetSettings settings) {
        long lookbackUs = settings.lossLookbackMs * 1_000L;
        long horizonUs = settings.congestionHorizonMs * 1_000L;

        // Reported media drops: (report time, queue overflow?).
        int n = truth.mediaDrops();
        long[] dropReportUs = new long[n];
        boolean[] dropQueue = new boolean[n];
        int drops = 0;
        for (int d = 0; d < n; d++) {
            long reportedUs = tap.lossReportedUs(truth.dropSequence(d));
            if (reportedUs != TapLog.NOT_REPORTED) {
                dropReportUs[drops] = reportedUs;
                dropQueue[drops] = truth.droppedByQueue(d);
                drops++;
            }
        }
        long[] eventSendUs = truth.eventSendTimesUs();
        int events = truth.events();
        // Send times follow sequence order except for equal times, so this sort is a no-op guard.
        Arrays.sort(eventSendUs, 0, events);

        float[] rtt = new float[tap.observedSteps()];
        float[] loss = new float[tap.observedSteps()];
        for (int k = 0; k < rtt.length; k++) {
            rtt[k] = tap.observedRttMs(k);
            loss[k] = tap.observedLossFraction(k);
        }

        int kept = 0;
        int[] keep = new int[tap.snapshots()];
        for (int s = 0; s < tap.snapshots(); s++) {
            if (tap.snapshotTimeUs(s) + horizonUs <= durationUs) {
                keep[kept++] = s;
            }
        }
        int windowSteps = tap.tsValues() / TS;
        int recentSteps = settings.steps(settings.rttRiseRecentMs);
        int baselines = BASELINE_NAMES.size();
        int rules = LossClassifiers.NAMES.size();
        CallSamples out = new CallSamples(kept, tap.tsValues(), tap.denseValues(), baselines);
        float[] windowRtt = new float[windowSteps];
        int[] congestionVotes = new int[rules];
        int[] votes = new int[rules];
        for (int i = 0; i < kept; i++) {
            int s = keep[i];
            long tUs = tap.snapshotTimeUs(s);
            out.timeMs[i] = (int) (tUs / 1_000);
            System.arraycopy(tap.snapshotTsArray(), s * tap.tsValues(), out.ts, i * tap.tsValues(), tap.tsValues());
            System.arraycopy(tap.snapshotDenseArray(), s * tap.denseValues(), out.dense, i * tap.denseValues(),
                    tap.denseValues());

            int queueDrops = 0;
            int otherDrops = 0;
            for (int d = 0; d < drops; d++) {
                if (dropReportUs[d] > tUs - lookbackUs && dropReportUs[d] <= tUs) {
                    if (dropQueue[d]) {
                        queueDrops++;
                    } else {
                        otherDrops++;
                    }
                }
            }
            out.lossType[i] = (byte) majority(queueDrops, otherDrops);

            int first = firstAfter(eventSendUs, events, tUs);
            if (first < events && eventSendUs[first] <= tUs + horizonUs) {
                out.congestion[i] = 1;
                out.leadTimeS[i] = (float) ((eventSendUs[first] - tUs) / 1e6);
            } else {
                out.congestion[i] = 0;
                out.leadTimeS[i] = -1f;
            }

            out.congestionRule[i] = (byte) CongestionRule.label(rtt, loss, rtt.length,
                    tap.snapshotObservedSteps(s), settings);

            Arrays.fill(congestionVotes, 0);
            Arrays.fill(votes, 0);
            for (int v = 0; v < tap.verdicts(); v++) {
                long verdictUs = tap.verdictTimeUs(v);
                if (verdictUs > tUs - lookbackUs && verdictUs <= tUs) {
                    int c = tap.verdictClassifier(v);
                    votes[c]++;
                    congestionVotes[c] += tap.verdictCongestion(v) ? 1 : 0;
                }
            }
            int row = i * baselines;
            for (int c = 0; c < rules; c++) {
                out.verdicts[row + c] = (byte) majority(congestionVotes[c], votes[c] - congestionVotes[c]);
            }
            int lastRow = (windowSteps - 1) * TS;
            out.verdicts[row + GCC_OVERUSE] = (byte) (tap.snapshotTsValue(s, lastRow + OVERUSING) > 0.5f ? 1 : 0);
            for (int k = 0; k < windowSteps; k++) {
                windowRtt[k] = tap.snapshotTsValue(s, k * TS + RTT);
            }
            out.verdicts[row + RTT_RISE] = (byte) (CongestionRule.recentSpike(windowRtt, windowSteps, recentSteps,
                    settings) ? 1 : 0);
        }
        return out;
    }

    /** -1 without votes, 1 when congestion votes are a strict majority, else 0. */
    static int majority(int congestionVotes, int otherVotes) {
        if (congestionVotes + otherVotes == 0) {
            return Dataset.NO_LABEL;
        }
        return congestionVotes > otherVotes ? 1 : 0;
    }

    /** Index of the first value strictly greater than {@code t} in the sorted prefix. */
    private static int firstAfter(long[] sorted, int length, long t) {
        int lo = 0;
        int hi = length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
