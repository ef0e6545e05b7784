package dev.weir.browserstats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A simulator scenario whose capacity envelope follows a browser call's observed rates, so the
 * call's conditions can be replayed with any estimator ({@code ./weir simulate --scenario FILE}).
 *
 * <ul>
 *   <li>Capacity: a {@code steps} schedule, one step per getStats interval at
 *       max(delivered rate, the browser's estimate): the path carried at least what arrived, and
 *       the browser's GCC believed it could carry its estimate. An idle interval (nothing sent,
 *       no estimate) keeps the step before it: idleness says nothing about the path. Steps never go
 *       below {@value #MIN_KBPS} kbps. Neighbouring steps within {@value #MERGE_SHARE} of each
 *       other merge, and calls of more than {@value #MAX_STEPS} intervals are grouped (the
 *       largest rate of a group), so a day-long call still fits the scenario reader's 1 MiB.
 *   <li>Delay: one-way and return delay = half the smallest RTT seen (propagation; the queueing
 *       above it is what the simulated estimator should cause itself); 50 ms each without RTT.
 *   <li>Loss: random loss at the share of packets lost in intervals the model attributed to
 *       random loss (its last decision by the interval's end had P(random) >= 0.5); congestion
 *       loss is left to the simulated queue. No loss when the model made no decision.
 *   <li>Queue: 300 ms (the scenario library's default; getStats cannot tell the queue size).
 *   <li>Media: the library's defaults (300 kbps start, 30 kbps minimum), maximum 5 Mbps or the
 *       largest step.
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
public final class StatsScenario {
    /** Lowest step, kbps: GCC's 30 kbps floor plus headroom, so a quiet stretch is not an outage. */
    static final double MIN_KBPS = 50;
    /** Relative difference under which neighbouring steps merge. */
    static final double MERGE_SHARE = 0.1;
    /** Most steps before grouping: about 40 bytes each keeps the file far under 1 MiB. */
    static final int MAX_STEPS = 10_000;
    /** One-way delay when the dump has no RTT, ms: the simulator's 100 ms default RTT, halved. */
    static final double DEFAULT_ONE_WAY_MS = 50;
    /** Bottleneck queue, ms: the scenario library's default (getStats cannot tell the queue size). */
    static final double QUEUE_MS = 300;
    /** P(random) at or above which the model attributes an interval's loss to the path. */
    static final double RANDOM_SHARE = 0.5;
    /** Media maximum, kbps: the scenario library's 5 Mbps unless the envelope is higher. */
    static final long MEDIA_MAX_KBPS = 5_000;

    private StatsScenario() {
    }

    /** The scenario JSON for {@code result}. */
    public static String json(StatsImport.Result result, String name) {
        StatsSeries series = result.series();
        List<StatsSeries.Interval> intervals = series.intervals();
        int group = (intervals.size() + MAX_STEPS - 1) / MAX_STEPS;
        List<double[]> steps = new ArrayList<>(); // {at_s, kbps}
        double held = Double.NaN;
        for (int start = 0; start < intervals.size(); start += group) {
            double kbps = Double.NaN;
            for (int i = start; i < Math.min(intervals.size(), start + group); i++) {
                StatsSeries.Interval interval = intervals.get(i);
                double envelope = Math.max(interval.deliveredBps(),
                        Double.isFinite(interval.estimateBps()) ? interval.estimateBps() : 0) / 1_000;
                if (envelope > 0 && (!Double.isFinite(kbps) || envelope > kbps)) {
                    kbps = envelope;
                }
            }
            if (!Double.isFinite(kbps)) {
                kbps = Double.isFinite(held) ? held : MIN_KBPS;
            }
            kbps = Math.max(MIN_KBPS, kbps);
            held = kbps;
            double atS = intervals.get(start).startMs() / 1_000.0;
            if (!steps.isEmpty() && Math.abs(kbps - steps.get(steps.size() - 1)[1])
                    <= MERGE_SHARE * steps.get(steps.size() - 1)[1]) {
                continue;
            }
            steps.add(new double[] {steps.isEmpty() ? 0 : atS, kbps});
        }
        double minRttMs = intervals.stream().mapToDouble(StatsSeries.Interval::rttMs).filter(v -> Double.isFinite(v)
                && v > 0).min().orElse(Double.NaN);
        double oneWayMs = Double.isFinite(minRttMs) ? minRttMs / 2 : DEFAULT_ONE_WAY_MS;
        double lossRate = randomLossRate(result);
        double maxKbps = steps.stream().mapToDouble(s -> s[1]).max().orElse(MIN_KBPS);
        double durationS = Math.max(1, Math.ceil(series.durationMs() / 1_000.0));

        Map<String, Object> capacity = new LinkedHashMap<>();
        capacity.put("type", "steps");
        List<Map<String, Object>> stepList = new ArrayList<>();
        for (double[] step : steps) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at_s", round(step[0], 3));
            entry.put("kbps", round(step[1], 1));
            stepList.add(entry);
        }
        capacity.put("steps", stepList);
        Map<String, Object> loss = new LinkedHashMap<>();
        if (lossRate > 0) {
            loss.put("type", "random");
            loss.put("rate", round(lossRate, 5));
        } else {
            loss.put("type", "none");
        }
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("capacity", capacity);
        link.put("one_way_delay_ms", round(oneWayMs, 1));
        link.put("jitter_ms", 0);
        link.put("queue_ms", QUEUE_MS);
        link.put("loss", loss);
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("start_kbps", 300);
        media.put("min_kbps", 30);
        media.put("max_kbps", (long) Math.max(MEDIA_MAX_KBPS, Math.ceil(maxKbps)));
        Map<String, Object> scenario = new LinkedHashMap<>();
        scenario.put("name", name);
        scenario.put("family", "recorded");
        scenario.put("description", String.format(Locale.ROOT, "Capacity envelope of %s, %s (sha256 %s), from"
                        + " ./weir stats-import: max(delivered rate, browser estimate) per getStats interval.",
                java.nio.file.Path.of(result.dump().source()).getFileName(), result.connection().id(),
                result.dump().sha256()));
        scenario.put("duration_s", durationS);
        scenario.put("link", link);
        scenario.put("return_delay_ms", round(oneWayMs, 1));
        scenario.put("media", media);
        return StatsImport.json(scenario);
    }

    /** Lost / sent over the intervals whose loss the model attributed to random loss. */
    static double randomLossRate(StatsImport.Result result) {
        List<StatsReplay.Decision> decisions = result.decisions();
        double packets = 0;
        double randomLost = 0;
        int d = -1;
        for (StatsSeries.Interval interval : result.series().intervals()) {
            packets += interval.packets();
            while (d + 1 < decisions.size() && decisions.get(d + 1).timeUs() <= interval.endMs() * 1_000) {
                d++;
            }
            if (d >= 0 && decisions.get(d).randomLossProbability() >= RANDOM_SHARE) {
                randomLost += interval.lostPackets();
            }
        }
        return packets > 0 ? randomLost / packets : 0;
    }

    private static double round(double value, int decimals) {
        return StatsImport.round(value, decimals);
    }
}
