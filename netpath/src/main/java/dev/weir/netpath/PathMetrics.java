package dev.weir.netpath;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an estimate tracked a bottleneck of known rate, computed the same way for the real call and
 * for the simulator's call of the equivalent scenario, so the two sit side by side:
 * <ul>
 *   <li>{@code target_over_rate_2nd_half}: mean {@code target_bps} over the rows of the second half
 *       of the call / the tbf rate (the first half holds the start-up)
 *   <li>{@code recv_over_rate_2nd_half}: the same for the received rate
 *   <li>{@code time_to_80pct_s}: {@code time_s} of the first row whose target reaches 80 % of the
 *       rate; the call's duration when none does
 *   <li>{@code rtt_p95_ms}: 95th percentile (nearest rank) of the rows' RTCP round-trip time, rows
 *       before the first sample left out; 0 without samples
 *   <li>{@code delay_p95_ms}: 95th percentile (nearest rank) of the one-way delay of delivered
 *       media packets
 *   <li>{@code loss_pct}: packets that never arrived / packets sent, percent
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
record PathMetrics(double targetOverRateSecondHalf, double recvOverRateSecondHalf, double timeTo80PctS,
                   double rttP95Ms, double delayP95Ms, double lossPct) {
    /** Share of the rate the target must reach for {@code time_to_80pct_s}. */
    static final double RAMP_SHARE = 0.8;
    static final double PERCENTILE = 0.95;

    static PathMetrics of(double[] timeS, double[] targetBps, double[] recvBps, double[] rttMs, double delayP95Ms,
            double lossPct, long rateBps, double durationS) {
        double half = durationS / 2;
        double targetSum = 0;
        double recvSum = 0;
        int secondHalf = 0;
        double reachedS = durationS;
        boolean reached = false;
        for (int i = 0; i < timeS.length; i++) {
            if (timeS[i] > half) {
                targetSum += targetBps[i];
                recvSum += recvBps[i];
                secondHalf++;
            }
            if (!reached && targetBps[i] >= RAMP_SHARE * rateBps) {
                reached = true;
                reachedS = timeS[i];
            }
        }
        double[] rtts = Arrays.stream(rttMs).filter(v -> v > 0).toArray();
        return new PathMetrics(secondHalf > 0 ? targetSum / secondHalf / rateBps : 0,
                secondHalf > 0 ? recvSum / secondHalf / rateBps : 0, reachedS, percentile(rtts, PERCENTILE),
                delayP95Ms, lossPct);
    }

    /** Nearest-rank percentile; 0 for no values. */
    static double percentile(double[] values, double share) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(share * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("target_over_rate_2nd_half", round(targetOverRateSecondHalf, 4));
        map.put("recv_over_rate_2nd_half", round(recvOverRateSecondHalf, 4));
        map.put("time_to_80pct_s", round(timeTo80PctS, 1));
        map.put("rtt_p95_ms", round(rttP95Ms, 2));
        map.put("delay_p95_ms", round(delayP95Ms, 2));
        map.put("loss_pct", round(lossPct, 3));
        return map;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Double.isFinite(value) ? Math.round(value * scale) / scale : 0;
    }
}
