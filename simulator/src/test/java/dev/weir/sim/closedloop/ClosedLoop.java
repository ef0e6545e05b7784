package dev.weir.sim.closedloop;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.gcc.GccSettings;
import dev.weir.gcc.GoogCcEstimator;
import dev.weir.sim.call.CallOutputs;
import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.call.PacketTap;
import dev.weir.sim.call.SentPacket;
import dev.weir.sim.call.TestScenarios;
import dev.weir.sim.net.CapacitySchedule;
import dev.weir.sim.net.DropCause;
import dev.weir.sim.scenario.Scenario;
import java.util.Arrays;

/**
 * Shared set-up and measurements for the closed-loop tests: a single bottleneck scenario builder,
 * a GCC runner that logs its seed, and window statistics over the 100 ms time series and the
 * per-packet ground truth.
 *
 * <p>Stateless; thread-safe.
 */
final class ClosedLoop {
    /** Propagation delay of every test link, one way (the foundation issue's 40 ms). */
    static final long ONE_WAY_DELAY_US = 40_000;
    /** Drop-tail queue as drain time at the current capacity (the foundation issue's 300 ms). */
    static final long QUEUE_LIMIT_US = 300_000;
    /** Lowest target, bps (WebRTC's default minimum video bitrate). */
    static final long MIN_BPS = 30_000;
    /** Highest target, bps: above every test link, so the link and not the cap limits GCC. */
    static final long MAX_BPS = 10_000_000;
    /** Seconds between key frames: long, so key-frame bursts do not blur the rate measurements. */
    private static final double KEY_FRAME_INTERVAL_S = 100.0;
    /** Video frame rate, fps (the encoder's usual 30). */
    private static final int FPS = 30;
    /** Sample interval of the time series, seconds. */
    static final double ROW_S = 0.1;

    private ClosedLoop() {
    }

    /**
     * One sender, one bottleneck, one receiver; feedback returns over an uncongested path:
     * <pre>
     *   sender --pacer--> [queue 300 ms] --capacity, loss--> 40 ms --> receiver
     *      ^                                                                |
     *      +-------------------- 40 ms, transport feedback every 100 ms ----+
     * </pre>
     */
    static Scenario bottleneck(String name, CapacitySchedule capacity, double lossRate, long startBps,
                               double durationS) {
        Scenario.Link link = TestScenarios.link(capacity, ONE_WAY_DELAY_US, QUEUE_LIMIT_US, lossRate);
        Scenario.Media media = new Scenario.Media(startBps, MIN_BPS, MAX_BPS, false, FPS, KEY_FRAME_INTERVAL_S);
        return TestScenarios.scenario(name, (long) (durationS * 1e6), link, media);
    }

    static Scenario constant(String name, long capacityBps, double lossRate, long startBps, double durationS) {
        return bottleneck(name, new TestScenarios.ConstantCapacity(capacityBps), lossRate, startBps, durationS);
    }

    /** GCC with libwebrtc's defaults and the scenario's bitrate bounds. */
    static GccSettings gccSettings(Scenario scenario) {
        Scenario.Media media = scenario.media();
        return GccSettings.defaults().withBitrates(media.minBps(), media.startBps(), media.maxBps());
    }

    /** Runs GCC with its default settings, logging the seed so a failure can be replayed. */
    static CallResult runGcc(Scenario scenario, long seed) {
        return run(scenario, "gcc", new GoogCcEstimator(gccSettings(scenario)), seed);
    }

    /** Runs GCC with its default settings, its packets' ground truth to {@code tap}. */
    static CallResult runGcc(Scenario scenario, long seed, PacketTap tap) {
        return run(scenario, "gcc", new GoogCcEstimator(gccSettings(scenario)), seed, tap);
    }

    static CallResult run(Scenario scenario, String estimatorName, BandwidthEstimator estimator, long seed) {
        System.out.println("[closedloop] " + scenario.name() + " estimator=" + estimatorName + " seed=" + seed);
        return CallSimulator.run(scenario, estimatorName, estimator, seed);
    }

    /** As {@link #run(Scenario, String, BandwidthEstimator, long)}, the packets' ground truth to {@code tap}. */
    static CallResult run(Scenario scenario, String estimatorName, BandwidthEstimator estimator, long seed,
                          PacketTap tap) {
        System.out.println("[closedloop] " + scenario.name() + " estimator=" + estimatorName + " seed=" + seed);
        return CallSimulator.run(scenario, estimatorName, estimator, seed, new CallOutputs().packets(tap));
    }

    /** First row whose interval ends at or after {@code timeS}. */
    static int row(CallResult result, double timeS) {
        double[] time = result.series().column("time_s");
        for (int i = 0; i < time.length; i++) {
            if (time[i] >= timeS - 1e-9) {
                return i;
            }
        }
        return time.length;
    }

    /** Mean of a column over the rows ending in [fromS, toS]. */
    static double mean(CallResult result, String column, double fromS, double toS) {
        double[] values = result.series().column(column);
        double[] time = result.series().column("time_s");
        double sum = 0;
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (time[i] >= fromS - 1e-9 && time[i] <= toS + 1e-9) {
                sum += values[i];
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no rows in [" + fromS + ", " + toS + "] s");
        }
        return sum / n;
    }

    /** Largest value of a column over the rows ending in [fromS, toS]. */
    static double max(CallResult result, String column, double fromS, double toS) {
        return extreme(result, column, fromS, toS, 1);
    }

    /** Smallest value of a column over the rows ending in [fromS, toS]. */
    static double min(CallResult result, String column, double fromS, double toS) {
        return -extreme(result, column, fromS, toS, -1);
    }

    private static double extreme(CallResult result, String column, double fromS, double toS, double sign) {
        double[] values = result.series().column(column);
        double[] time = result.series().column("time_s");
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            if (time[i] >= fromS - 1e-9 && time[i] <= toS + 1e-9) {
                max = Math.max(max, sign * values[i]);
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("no rows in [" + fromS + ", " + toS + "] s");
        }
        return max;
    }

    /**
     * Time (s) at which the column first satisfies {@code below ? value < threshold : value >=
     * threshold} at or after {@code fromS}; {@code Double.POSITIVE_INFINITY} if never.
     */
    static double firstTime(CallResult result, String column, double fromS, double threshold, boolean below) {
        double[] values = result.series().column(column);
        double[] time = result.series().column("time_s");
        for (int i = 0; i < values.length; i++) {
            if (time[i] >= fromS - 1e-9 && (below ? values[i] < threshold : values[i] >= threshold)) {
                return time[i];
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * The bottleneck queueing delays (ms) of the packets the queue accepted (not dropped at the
     * queue) that were sent in [fromS, toS]: a {@link PacketTap} that keeps only that window.
     *
     * <p>Not thread-safe: one instance per call.
     */
    static final class QueueDelays implements PacketTap {
        private final double fromS;
        private final double toS;
        private double[] delaysMs = new double[1024];
        private int count;

        QueueDelays(double fromS, double toS) {
            this.fromS = fromS;
            this.toS = toS;
        }

        @Override
        public void onPacket(SentPacket packet) {
            double sendS = packet.sendTimeUs() / 1e6;
            if (sendS >= fromS && sendS <= toS && packet.dropCause() != DropCause.QUEUE_OVERFLOW) {
                if (count == delaysMs.length) {
                    delaysMs = Arrays.copyOf(delaysMs, count * 2);
                }
                delaysMs[count++] = packet.queueDelayUs() / 1e3;
            }
        }

        /** Nearest-rank percentile of the window's queueing delays, ms. */
        double percentileMs(double percentile) {
            if (count == 0) {
                throw new IllegalArgumentException("no packets sent in [" + fromS + ", " + toS + "] s");
            }
            double[] sorted = Arrays.copyOf(delaysMs, count);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(percentile / 100.0 * count);
            return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
        }
    }

    /**
     * Median slope (bps per second) of {@code column} over its increase runs in [fromS, toS]: runs
     * of rows where the value rises, at least {@code minRunS} long, each taken end to end (a
     * decrease ends a run). AIMD's additive phase shows as such runs.
     */
    static double medianIncreaseSlopeBpsPerS(CallResult result, String column, double fromS, double toS,
                                             double minRunS) {
        double[] values = result.series().column(column);
        double[] time = result.series().column("time_s");
        double[] slopes = new double[values.length];
        int n = 0;
        int start = -1;
        for (int i = 1; i <= values.length; i++) {
            boolean inside = i < values.length && time[i] >= fromS && time[i] <= toS;
            boolean rising = inside && values[i] > values[i - 1];
            if (rising && start < 0) {
                start = i - 1;
            } else if (!rising && start >= 0) {
                int end = i - 1;
                double spanS = time[end] - time[start];
                if (spanS >= minRunS - 1e-9) {
                    slopes[n++] = (values[end] - values[start]) / spanS;
                }
                start = -1;
            }
        }
        if (n == 0) {
            return 0;
        }
        Arrays.sort(slopes, 0, n);
        return slopes[n / 2];
    }
}
