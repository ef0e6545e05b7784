package dev.weir.models.dataset;

import dev.weir.bwe.model.FecHeads;
import dev.weir.models.data.CallSteps;
import dev.weir.sim.call.PacketLog;
import dev.weir.sim.net.DropCause;
import java.util.function.DoubleToIntFunction;

/**
 * The FEC heads' ground truth of a call's decision steps ({@link FecHeads}): for a step ending at
 * t, over the media packets (video, audio, FEC, retransmission; padding skipped) sent in
 * {@code (t, t + fec_horizon_ms]}:
 * <ul>
 *   <li>random loss share: the share the network dropped for a non-congestive cause (random or
 *       Gilbert-Elliott burst loss; queue overflow is congestion, counted among the packets but
 *       not as such a drop). NaN when the horizon passes the call's end or holds no media packet;</li>
 *   <li>mean burst length: the mean run of consecutive such drops among those packets in send
 *       order (a delivered packet or a queue-overflow drop ends a run, padding does not; a run cut
 *       by the horizon's edges counts its part inside, the part the FEC chosen at t faces). NaN
 *       with fewer than {@link FecHeads#MIN_DROPS_FOR_BURST} such drops.</li>
 * </ul>
 * One pass over the packets builds prefix counts of drops and run starts over the media packets
 * in send order; a two-pointer sweep then finds each step's packets, so a step costs O(1) beyond
 * the pointers' advance. The mean of the runs inside a window is its drops over its runs.
 *
 * <p>Immutable and thread-safe (static methods only).
 */
final class FecLabeller {
    private FecLabeller() {
    }

    /**
     * Fills {@code out.randomLossShare} and {@code out.meanBurstPackets} at the decision steps of
     * {@code tap} (others stay NaN) for a call of {@code durationUs}.
     *
     * @throws IllegalArgumentException when the log's send times decrease (it is in send order)
     */
    static void label(PacketLog packets, TapLog tap, long durationUs, DatasetSettings settings, CallSteps out) {
        long horizonUs = settings.fecHorizonMs * 1_000L;
        int n = packets.size();
        long[] sendUs = new long[n];
        boolean[] dropped = new boolean[n];
        int[] dropsBefore = new int[n + 1];
        int[] runStartsBefore = new int[n + 1];
        int media = 0;
        for (int seq = 0; seq < n; seq++) {
            if (!packets.kind(seq).isMedia()) {
                continue;
            }
            long t = packets.sendTimeUs(seq);
            if (media > 0 && t < sendUs[media - 1]) {
                throw new IllegalArgumentException("packet " + seq + " sent at " + t + " us, before the media packet "
                        + "ahead of it (" + sendUs[media - 1] + " us): the log must be in send order");
            }
            DropCause cause = packets.dropCause(seq);
            boolean lost = cause == DropCause.RANDOM || cause == DropCause.BURST;
            boolean startsRun = lost && (media == 0 || !dropped[media - 1]);
            sendUs[media] = t;
            dropped[media] = lost;
            dropsBefore[media + 1] = dropsBefore[media] + (lost ? 1 : 0);
            runStartsBefore[media + 1] = runStartsBefore[media] + (startsRun ? 1 : 0);
            media++;
        }

        int from = 0;
        int to = 0;
        for (int k = 0; k < tap.steps(); k++) {
            long tUs = tap.stepEndUs(k);
            if (!tap.isDecision(k) || tUs + horizonUs > durationUs) {
                continue;
            }
            // Media packets [from, to) were sent in (t, t + horizon]; step ends only grow.
            while (from < media && sendUs[from] <= tUs) {
                from++;
            }
            to = Math.max(to, from);
            while (to < media && sendUs[to] <= tUs + horizonUs) {
                to++;
            }
            if (to == from) {
                continue;
            }
            int drops = dropsBefore[to] - dropsBefore[from];
            out.randomLossShare[k] = keepingClass((double) drops / (to - from), FecHeads::rateClass);
            if (drops >= FecHeads.MIN_DROPS_FOR_BURST) {
                boolean runCutAtStart = from > 0 && dropped[from] && dropped[from - 1];
                int runs = runStartsBefore[to] - runStartsBefore[from] + (runCutAtStart ? 1 : 0);
                out.meanBurstPackets[k] = keepingClass((double) drops / runs, FecHeads::burstClass);
            }
        }
    }

    /**
     * {@code value} as the float a dataset stores, moved by an ulp where rounding would carry it
     * across a class edge: the dataset derives the class from the float, and a share exactly on an
     * edge (1 drop in 50 packets is 2 %) would round to the float just below it.
     */
    static float keepingClass(double value, DoubleToIntFunction classOf) {
        int cls = classOf.applyAsInt(value);
        float stored = (float) value;
        while (classOf.applyAsInt(stored) < cls) {
            stored = Math.nextUp(stored);
        }
        while (classOf.applyAsInt(stored) > cls) {
            stored = Math.nextDown(stored);
        }
        return stored;
    }
}
