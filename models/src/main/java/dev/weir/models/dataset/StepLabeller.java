package dev.weir.models.dataset;

import dev.weir.bwe.lossdiff.LossClassifiers;
import dev.weir.bwe.signal.TimeSeriesFeature;
import dev.weir.models.data.CallSteps;
import dev.weir.models.data.Dataset;
import dev.weir.sim.call.PacketLog;
import dev.weir.sim.link.CrossTrafficSource;
import dev.weir.sim.net.DropCause;
import dev.weir.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Labels a call's logged steps from the simulator's ground truth ({@link PacketLog}, the
 * scenario's capacity and cross traffic) and the sender's observations ({@link TapLog}). For a
 * decision step ending at t (non-decision steps keep every label "none"):
 * <ul>
 *   <li>loss attribution: the media packets (video, audio, FEC, retransmission; not probe padding)
 *       the network dropped and whose loss the feedback reported in {@code (t - loss_lookback_ms,
 *       t]}: none, no label; else the share of queue-overflow drops among them: 0 pure random, 1
 *       congestion, in between mixed. Steering holds the rate only on pure random loss, so one
 *       overflow drop already makes a window unsafe to hold.</li>
 *   <li>congestion: 1 when a packet (any kind: probes and FEC see the same queue) sent in
 *       {@code (t, t + congestion_horizon_ms]} overflowed the bottleneck queue or waited longer
 *       than {@code queue_delay_threshold_ms} in it; lead time = seconds from t to the first such
 *       packet's send time. Steps whose horizon reaches past the call's end get no label.</li>
 *   <li>cause of a positive: {@code exogenous} when the free capacity (capacity minus cross
 *       traffic) in the half second before the event is {@code cause_drop_fraction} below its mean
 *       over the 2 s before t; else {@code self_induced} when the call sent
 *       {@code self_induced_ramp_fraction} more in the second before the event than in the 2 s
 *       before t; else {@code stable}.</li>
 *   <li>gate (observable: the onset task's windows): the step's delay above the minimum is below
 *       {@code gate_delay_ms} and no packet was reported lost in the latest {@code gate_loss_ms};
 *       congested now (ground truth): a packet sent in {@code (t - current_window_ms, t]}
 *       overflowed or queued past the threshold.</li>
 *   <li>FEC sizing ({@link FecLabeller}): over the media packets sent in {@code (t, t +
 *       fec_horizon_ms]}, the share the network dropped for a non-congestive cause (random or burst
 *       loss; queue overflow is congestion) and the mean run of consecutive such drops in send
 *       order, the {@code random_loss_rate} and {@code loss_burst} heads' ground truth. No value
 *       past the call's end or without media packets, no run length below two such drops.</li>
 *   <li>baselines {@code loss:<rule>}: the share of the rule's verdicts made in the look-back
 *       that said congestion (NaN without a verdict).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe (static methods only).
 */
public final class StepLabeller {
    /** Baseline score columns, in dataset order: each rule's share of congestion verdicts. */
    public static final List<String> BASELINE_NAMES = baselineNames();
    /** Resolution of the send-rate and free-capacity grids, microseconds (half a feedback interval). */
    private static final long BIN_US = 50_000;
    /** The "before" span of the cause rules, microseconds (the two seconds before the step). */
    private static final long BEFORE_US = 2_000_000;
    /** The capacity span before an event that must show the drop, microseconds. */
    private static final long DROP_SPAN_US = 500_000;
    /** The send-rate span before an event that must show the ramp, microseconds. */
    private static final long RAMP_SPAN_US = 1_000_000;

    private static final int ABOVE_MIN = TimeSeriesFeature.DELAY_ABOVE_MIN_MS.ordinal();
    private static final int LOST = TimeSeriesFeature.LOST_PACKETS.ordinal();

    private StepLabeller() {
    }

    private static List<String> baselineNames() {
        List<String> names = new ArrayList<>();
        for (String rule : LossClassifiers.NAMES) {
            names.add("loss:" + rule);
        }
        return List.copyOf(names);
    }

    /** Labels every logged step of {@code tap} for a call of {@code scenario}. */
    public static CallSteps label(PacketLog packets, TapLog tap, Scenario scenario, DatasetSettings settings) {
        long durationUs = scenario.durationUs();
        long lookbackUs = settings.lossLookbackMs * 1_000L;
        long horizonUs = settings.congestionHorizonMs * 1_000L;
        long currentUs = settings.currentWindowMs * 1_000L;
        long queueThresholdUs = settings.queueDelayThresholdMs * 1_000L;
        int gateSteps = settings.steps(settings.gateLossMs);

        int n = packets.size();
        long[] dropReportUs = new long[n];
        boolean[] dropQueue = new boolean[n];
        int drops = 0;
        long[] eventSendUs = new long[n];
        int events = 0;
        int bins = (int) (durationUs / BIN_US) + 2;
        double[] sentBits = new double[bins];
        for (int seq = 0; seq < n; seq++) {
            DropCause cause = packets.dropCause(seq);
            long sendUs = packets.sendTimeUs(seq);
            if (cause == DropCause.QUEUE_OVERFLOW || packets.queueDelayUs(seq) > queueThresholdUs) {
                eventSendUs[events++] = sendUs;
            }
            int bin = (int) Math.min(bins - 1, Math.max(0, sendUs / BIN_US));
            sentBits[bin] += packets.sizeBytes(seq) * 8.0;
            long reportedUs = tap.lossReportedUs(packets.sequence(seq));
            if (cause != DropCause.NONE && packets.kind(seq).isMedia() && reportedUs != TapLog.NOT_REPORTED) {
                dropReportUs[drops] = reportedUs;
                dropQueue[drops] = cause == DropCause.QUEUE_OVERFLOW;
                drops++;
            }
        }
        Arrays.sort(eventSendUs, 0, events);
        sortByTime(dropReportUs, dropQueue, drops);
        double[] freeBps = new double[bins];
        for (int b = 0; b < bins; b++) {
            long t = b * BIN_US + BIN_US / 2;
            freeBps[b] = Math.max(0, scenario.link().capacity().capacityBpsAt(t)
                    - CrossTrafficSource.rateBpsAt(scenario.crossTraffic(), t));
        }

        int rules = LossClassifiers.NAMES.size();
        CallSteps out = new CallSteps(tap.steps(), tap.rowValues(), tap.denseValues(), BASELINE_NAMES.size());
        int[] votes = new int[rules];
        int[] congestionVotes = new int[rules];
        int verdictFrom = 0;
        int verdictTo = 0;
        int dropFrom = 0;
        int dropTo = 0;
        for (int k = 0; k < tap.steps(); k++) {
            long tUs = tap.stepEndUs(k);
            out.timeMs[k] = (int) Math.max(0, tUs / 1_000);
            tap.copyRow(k, out.ts, k * out.tsFeatures);
            if (!tap.isDecision(k)) {
                continue;
            }
            out.decision[k] = 1;
            tap.copyDense(k, out.dense, k * out.denseInputs);

            // Loss attribution over drops reported in (t - lookback, t]; times are sorted.
            while (dropTo < drops && dropReportUs[dropTo] <= tUs) {
                dropTo++;
            }
            while (dropFrom < dropTo && dropReportUs[dropFrom] <= tUs - lookbackUs) {
                dropFrom++;
            }
            int queueDrops = 0;
            for (int d = dropFrom; d < dropTo; d++) {
                queueDrops += dropQueue[d] ? 1 : 0;
            }
            int allDrops = dropTo - dropFrom;
            out.lossClass[k] = (byte) (allDrops == 0 ? Dataset.NO_LABEL
                    : queueDrops == 0 ? Dataset.LOSS_PURE_RANDOM
                    : queueDrops == allDrops ? Dataset.LOSS_CONGESTION : Dataset.LOSS_MIXED);

            int first = firstAfter(eventSendUs, events, tUs);
            if (tUs + horizonUs <= durationUs) {
                if (first < events && eventSendUs[first] <= tUs + horizonUs) {
                    long eventUs = eventSendUs[first];
                    out.congestion[k] = 1;
                    out.leadTimeS[k] = (float) ((eventUs - tUs) / 1e6);
                    out.cause[k] = (byte) cause(tUs, eventUs, freeBps, sentBits, settings);
                } else {
                    out.congestion[k] = 0;
                }
            }
            int recent = firstAfter(eventSendUs, events, tUs - currentUs);
            out.congestedNow[k] = (byte) (recent < events && eventSendUs[recent] <= tUs ? 1 : 0);
            boolean quiet = tap.rowValue(k, ABOVE_MIN) < settings.gateDelayMs;
            for (int j = Math.max(0, k - gateSteps + 1); j <= k && quiet; j++) {
                quiet = tap.rowValue(j, LOST) == 0f;
            }
            out.gate[k] = (byte) (quiet ? 1 : 0);

            while (verdictTo < tap.verdicts() && tap.verdictTimeUs(verdictTo) <= tUs) {
                verdictTo++;
            }
            while (verdictFrom < verdictTo && tap.verdictTimeUs(verdictFrom) <= tUs - lookbackUs) {
                verdictFrom++;
            }
            Arrays.fill(votes, 0);
            Arrays.fill(congestionVotes, 0);
            for (int v = verdictFrom; v < verdictTo; v++) {
                int c = tap.verdictClassifier(v);
                votes[c]++;
                congestionVotes[c] += tap.verdictCongestion(v) ? 1 : 0;
            }
            for (int c = 0; c < rules; c++) {
                out.baselineScores[k * rules + c] = votes[c] == 0 ? Float.NaN : (float) congestionVotes[c] / votes[c];
            }
        }
        FecLabeller.label(packets, tap, durationUs, settings, out);
        return out;
    }

    /** The cause of a congestion event at {@code eventUs} seen from a step ending at {@code tUs}. */
    private static int cause(long tUs, long eventUs, double[] freeBps, double[] sentBits, DatasetSettings settings) {
        double freeBefore = mean(freeBps, tUs - BEFORE_US, tUs);
        double freeAtEvent = mean(freeBps, eventUs - DROP_SPAN_US, eventUs);
        if (freeAtEvent < (1 - settings.causeDropFraction) * freeBefore) {
            return Dataset.CAUSE_EXOGENOUS;
        }
        double sentBefore = mean(sentBits, tUs - BEFORE_US, tUs);
        double sentAtEvent = mean(sentBits, eventUs - RAMP_SPAN_US, eventUs);
        return sentAtEvent >= (1 + settings.selfInducedRampFraction) * sentBefore
                ? Dataset.CAUSE_SELF_INDUCED : Dataset.CAUSE_STABLE;
    }

    /** Mean of the bins covering {@code [fromUs, toUs)} (clamped to the call). */
    private static double mean(double[] bins, long fromUs, long toUs) {
        int from = (int) Math.max(0, Math.min(bins.length - 1, fromUs / BIN_US));
        int to = (int) Math.max(from + 1, Math.min(bins.length, (toUs + BIN_US - 1) / BIN_US));
        double sum = 0;
        for (int b = from; b < to; b++) {
            sum += bins[b];
        }
        return sum / (to - from);
    }

    /** Sorts the drops by report time (stable: equal times keep sequence order). */
    private static void sortByTime(long[] timesUs, boolean[] flags, int count) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(timesUs[a], timesUs[b]));
        long[] times = new long[count];
        boolean[] sortedFlags = new boolean[count];
        for (int i = 0; i < count; i++) {
            times[i] = timesUs[order[i]];
            sortedFlags[i] = flags[order[i]];
        }
        System.arraycopy(times, 0, timesUs, 0, count);
        System.arraycopy(sortedFlags, 0, flags, 0, count);
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
