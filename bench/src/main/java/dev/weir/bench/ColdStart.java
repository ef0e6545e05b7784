package dev.weir.bench;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.gcc.GoogCcEstimator;
import dev.weir.steer.WeirEstimator;

/**
 * Cold start of an embedding client: a fresh JVM builds one estimator and gets its first estimate
 * from one feedback report, then exits. Run it as a whole process and compare with
 * {@code empty} (a main that does nothing) to see what the estimator adds to JVM start-up; the
 * time from {@code new} to the first estimate is printed in microseconds. Only bwe-core,
 * gcc-baseline and steering need be on the class path: a client that never reads a JSON file
 * never loads Jackson (check with {@code -Xlog:class+load}).
 * <pre>
 *   java -cp CP dev.weir.bench.ColdStart empty|gcc|weir [--warm]
 * </pre>
 * Without {@code --warm} the process exits at its first estimate, so its wall time is JVM start to
 * first estimate (plus the JVM's exit, which {@code empty} pays too). With {@code --warm} it goes on
 * to time the next call's estimator and 200 more, and prints the figures.
 * Figures and the measuring loop are in docs/benchmarks.md.
 *
 * <p>Not a JMH benchmark: JMH cannot measure a cold JVM from inside one.
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "gcc";
        if (what.equals("empty")) {
            return;
        }
        long firstNs = firstEstimateNs(what);
        if (args.length < 2 || !args[1].equals("--warm")) {
            return;
        }
        long secondNs = firstEstimateNs(what);
        long[] laterNs = new long[200];
        for (int i = 0; i < laterNs.length; i++) {
            laterNs[i] = firstEstimateNs(what);
        }
        java.util.Arrays.sort(laterNs);
        System.out.println(what + ": new -> first estimate " + firstNs / 1_000 + " us in a cold JVM, "
                + secondNs / 1_000 + " us for the next call's estimator, median " + laterNs[laterNs.length / 2] / 1_000
                + " us over the 200 after it");
    }

    /** Nanoseconds from {@code new} to the first estimate (one report of 20 packets). */
    private static long firstEstimateNs(String what) {
        long startNs = System.nanoTime();
        BandwidthEstimator estimator = what.equals("weir")
                ? new WeirEstimator(30_000, 300_000, 5_000_000)
                : new GoogCcEstimator(30_000, 300_000, 5_000_000);
        FeedbackReport report = new FeedbackReport();
        BweResult out = new BweResult();
        for (int i = 0; i < 20; i++) {
            estimator.onPacketSent(i, i * 4_000L, 1_200);
            report.add(i, i * 4_000L, 40_000 + i * 4_000L, 1_200);
        }
        estimator.onFeedback(report, 200_000, out);
        long elapsedNs = System.nanoTime() - startNs;
        if (out.targetRateBps() <= 0) {
            throw new IllegalStateException("no estimate");
        }
        return elapsedNs;
    }
}
