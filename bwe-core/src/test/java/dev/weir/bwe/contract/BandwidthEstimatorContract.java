package dev.weir.bwe.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.BweStats;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.api.RateConstraints;
import dev.weir.bwe.api.TargetRateListener;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BandwidthEstimator} variant must pass: bad input never throws, never
 * yields NaN, a negative rate or one outside the configured bounds; results are deterministic;
 * the per-packet path allocates nothing in steady state. The client API too: constraints, route
 * changes, network availability and remote estimates (each with nonsense values) keep the target
 * within the constraints in force; the target listener hears every change with the event's own
 * result; stats are filled without allocating; events after close are tolerated.
 *
 * <p>Each estimator module extends this class once and supplies {@link #newEstimator}. The
 * feedback here is scripted (a clean path with fixed delay, then faults injected), not a link
 * model: closed-loop behaviour is the simulator's job.
 */
public abstract class BandwidthEstimatorContract {
    protected static final long MIN_BPS = 30_000;
    protected static final long START_BPS = 300_000;
    protected static final long MAX_BPS = 5_000_000;
    /** Packets per feedback report: 100 ms of a ~1 Mbps stream of 1200-byte packets. */
    private static final int PACKETS_PER_REPORT = 10;
    private static final int PACKET_BYTES = 1200;
    private static final long PACKET_SPACING_US = 10_000;
    private static final long ONE_WAY_DELAY_US = 40_000;

    /** A fresh estimator bounded to [minBps, maxBps] starting at startBps. */
    protected abstract BandwidthEstimator newEstimator(long minBps, long startBps, long maxBps);

    /**
     * Bytes {@code estimator} may have allocated so far outside its per-packet path, cumulative;
     * 0 by default. Only a harness-only estimator that calls a runtime whose binding allocates per
     * call (ONNX Runtime's Java API allocates its result object per model run) overrides it, with
     * model calls x a documented bound: the allocation test then allows the growth of this value
     * over its measurement on top of its fixed tolerance, so per-packet garbage still fails it.
     * Must not allocate.
     */
    protected long allowedAllocationBytes(BandwidthEstimator estimator) {
        return 0;
    }

    private BandwidthEstimator estimator;
    private final FeedbackReport report = new FeedbackReport();
    private final BweResult out = new BweResult();
    private final BweStats stats = new BweStats();
    private long nextSeq;
    private long nextSendUs = 1_000_000;
    /** The bounds the target must respect: the constructor's, then the latest constraints'. */
    private long minBound = MIN_BPS;
    private long maxBound = MAX_BPS;
    /** The remote estimate (REMB) in force, or Long.MAX_VALUE for none. */
    private long remoteCapBps = Long.MAX_VALUE;
    private boolean networkDown;
    private long packetsSent;
    private long reportsDelivered;
    /** What the target listener last heard, and from which result object. */
    private long heardTargetBps = Long.MIN_VALUE;
    private BweResult heardResult;
    private int heardCount;
    private boolean listening;
    private boolean readStats;
    private final TargetRateListener listener = result -> {
        heardTargetBps = result.targetRateBps();
        heardResult = result;
        heardCount++;
    };

    private BandwidthEstimator estimator() {
        if (estimator == null) {
            estimator = newEstimator(MIN_BPS, START_BPS, MAX_BPS);
        }
        return estimator;
    }

    /** Sends one clean report's worth of packets and delivers its feedback. */
    private void cleanReport() {
        report.clear();
        long lastArrivalUs = 0;
        for (int i = 0; i < PACKETS_PER_REPORT; i++) {
            estimator().onPacketSent(nextSeq & 0xFFFF, nextSendUs, PACKET_BYTES);
            packetsSent++;
            lastArrivalUs = nextSendUs + ONE_WAY_DELAY_US;
            report.add(nextSeq++ & 0xFFFF, nextSendUs, lastArrivalUs, PACKET_BYTES);
            nextSendUs += PACKET_SPACING_US;
        }
        deliver(lastArrivalUs + ONE_WAY_DELAY_US);
    }

    private void deliver(long nowUs) {
        estimator().onFeedback(report, nowUs, out);
        reportsDelivered++;
        assertSane(nowUs);
        estimator().onProcessInterval(nowUs, out);
        assertSane(nowUs);
        if (readStats) {
            estimator().stats(stats);
            if (stats.packetsSent() != packetsSent || stats.feedbackReports() != reportsDelivered
                    || stats.targetRateBps() != out.targetRateBps()) {
                fail("stats disagree with what the estimator was told and reported: " + stats + " / " + out);
            }
        }
    }

    private void constraints(long minBps, long startBps, long maxBps, long nowUs) {
        minBound = RateConstraints.min(minBps);
        maxBound = RateConstraints.max(minBps, maxBps);
        estimator().onTargetRateConstraints(minBps, startBps, maxBps, nowUs, out);
        assertSane(nowUs);
    }

    private void routeChange(long minBps, long startBps, long maxBps, long nowUs) {
        minBound = RateConstraints.min(minBps);
        maxBound = RateConstraints.max(minBps, maxBps);
        remoteCapBps = Long.MAX_VALUE; // the receiver's cap was the old route's
        estimator().onNetworkRouteChange(minBps, startBps, maxBps, nowUs, out);
        assertSane(nowUs);
    }

    private void remoteEstimate(long bitrateBps, long nowUs) {
        remoteCapBps = bitrateBps > 0 ? bitrateBps : Long.MAX_VALUE;
        estimator().onRemoteEstimate(bitrateBps, nowUs, out);
        assertSane(nowUs);
    }

    /** Checks every invariant without allocating (the allocation test runs through here too). */
    private void assertSane(long nowUs) {
        long target = out.targetRateBps();
        if (target < minBound || target > maxBound) {
            fail("target " + target + " outside [" + minBound + ", " + maxBound + "] at " + nowUs + ": " + out);
        }
        if (target > Math.max(minBound, remoteCapBps)) {
            fail("target " + target + " above the remote estimate " + remoteCapBps + " at " + nowUs + ": " + out);
        }
        if (networkDown && out.probeRequestCount() > 0) {
            fail("probe requested while the network is unavailable at " + nowUs + ": " + out);
        }
        if (listening && (heardTargetBps != target || heardResult != out)) {
            fail("the listener heard " + heardTargetBps + " bps, the result says " + target + " at " + nowUs);
        }
        if (out.pacingRateBps() < 0 || out.ackedRateBps() < 0 || out.rttUs() < 0) {
            fail("negative pacing rate, acked rate or rtt: " + out);
        }
        if (!(out.lossRatio() >= 0 && out.lossRatio() <= 1)) {
            fail("loss ratio outside [0, 1]: " + out);
        }
        if (!(out.fecRatio() >= 0 && out.fecRatio() < 1)) {
            fail("fec ratio outside [0, 1): " + out);
        }
        if (out.paddingRateBps() < 0 || out.dataWindowBytes() < 0) {
            fail("negative padding rate or data window: " + out);
        }
        if (out.pushbackRateBps() < minBound || out.pushbackRateBps() > target) {
            fail("pushback rate outside [min, target]: " + out);
        }
        if (!(out.cwndReduceRatio() >= 0 && out.cwndReduceRatio() < 1)) {
            fail("cwnd reduce ratio outside [0, 1): " + out);
        }
        if (out.networkType() == null || out.parameterSetId() == null
                || !(out.networkTypeConfidence() >= 0 && out.networkTypeConfidence() <= 1)
                || !(out.congestionProbability() >= 0 && out.congestionProbability() <= 1)
                || !(out.randomLossProbability() >= 0 && out.randomLossProbability() <= 1)) {
            fail("steering diagnostics missing or outside [0, 1]: " + out);
        }
        if (out.delayState() == null) {
            fail("delay state missing: " + out);
        }
        for (int i = 0; i < out.probeRequestCount(); i++) {
            if (out.probeRequest(i).rateBps() <= 0) {
                fail("non-positive probe rate: " + out);
            }
        }
    }

    private void warmUp(int reports) {
        for (int i = 0; i < reports; i++) {
            cleanReport();
        }
    }

    @Test
    void shouldStartAtTheStartRateWithinBounds() {
        estimator().currentEstimate(0, out);
        assertSane(0);
    }

    @Test
    void shouldToleratePacketsReportedOutOfOrder() {
        warmUp(20);
        report.clear();
        for (int i = PACKETS_PER_REPORT - 1; i >= 0; i--) {
            long sendUs = nextSendUs + i * PACKET_SPACING_US;
            report.add((nextSeq + i) & 0xFFFF, sendUs, sendUs + ONE_WAY_DELAY_US, PACKET_BYTES);
        }
        nextSeq += PACKETS_PER_REPORT;
        nextSendUs += PACKETS_PER_REPORT * PACKET_SPACING_US;
        deliver(nextSendUs + 2 * ONE_WAY_DELAY_US);
        warmUp(5);
    }

    @Test
    void shouldIgnoreDuplicateFeedback() {
        warmUp(20);
        cleanReport();
        deliver(nextSendUs + 3 * ONE_WAY_DELAY_US);
        deliver(nextSendUs + 4 * ONE_WAY_DELAY_US);
        warmUp(5);
    }

    @Test
    void shouldTolerateLateFeedbackForOldPackets() {
        warmUp(20);
        report.clear();
        for (int i = 0; i < PACKETS_PER_REPORT; i++) {
            long sendUs = 1_000_000 + i * PACKET_SPACING_US;
            report.add(i, sendUs, sendUs + ONE_WAY_DELAY_US, PACKET_BYTES);
        }
        deliver(nextSendUs + 10_000_000);
        warmUp(5);
    }

    @Test
    void shouldTolerateArrivalBeforeSend() {
        warmUp(20);
        report.clear();
        for (int i = 0; i < PACKETS_PER_REPORT; i++) {
            report.add(nextSeq++ & 0xFFFF, nextSendUs, nextSendUs - 5_000_000, PACKET_BYTES);
            nextSendUs += PACKET_SPACING_US;
        }
        deliver(nextSendUs + ONE_WAY_DELAY_US);
        warmUp(5);
    }

    @Test
    void shouldTolerateReceiverClockJumpingForwardAndBack() {
        warmUp(20);
        for (long jumpUs : new long[] {3_600_000_000L, -7_200_000_000L}) {
            report.clear();
            for (int i = 0; i < PACKETS_PER_REPORT; i++) {
                report.add(nextSeq++ & 0xFFFF, nextSendUs, nextSendUs + ONE_WAY_DELAY_US + jumpUs, PACKET_BYTES);
                nextSendUs += PACKET_SPACING_US;
            }
            deliver(nextSendUs + ONE_WAY_DELAY_US);
        }
        warmUp(5);
    }

    @Test
    void shouldTolerateCallerClockGoingBackwards() {
        warmUp(20);
        deliver(0);
        estimator().onProcessInterval(-1_000_000, out);
        assertSane(-1_000_000);
        warmUp(5);
    }

    @Test
    void shouldUnwrapSequenceNumbersAcrossWrapAround() {
        nextSeq = 65_500;
        warmUp(30);
        assertTrue(nextSeq > 65_536, "the script must have crossed the 16-bit wrap");
        assertTrue(out.lossRatio() < 0.01, () -> "wrap-around must not look like loss: " + out);
    }

    @Test
    void shouldTolerateHugeGapsInSequenceAndTime() {
        warmUp(20);
        nextSeq += 30_000;
        nextSendUs += 3_600_000_000L;
        warmUp(5);
        nextSendUs += 1L << 40;
        warmUp(5);
    }

    @Test
    void shouldTolerateZeroSizePackets() {
        warmUp(10);
        report.clear();
        for (int i = 0; i < PACKETS_PER_REPORT; i++) {
            report.add(nextSeq++ & 0xFFFF, nextSendUs, nextSendUs + ONE_WAY_DELAY_US, 0);
            nextSendUs += PACKET_SPACING_US;
        }
        deliver(nextSendUs + ONE_WAY_DELAY_US);
        warmUp(5);
    }

    @Test
    void shouldTolerateEmptyAndAllLostReports() {
        report.clear();
        deliver(100_000);
        warmUp(10);
        // 2.5 s of total loss: longer than any sane loss-aggregation interval (libwebrtc: 1 s).
        for (int r = 0; r < 25; r++) {
            report.clear();
            for (int i = 0; i < PACKETS_PER_REPORT; i++) {
                estimator().onPacketSent(nextSeq & 0xFFFF, nextSendUs, PACKET_BYTES);
                report.add(nextSeq++ & 0xFFFF, nextSendUs, FeedbackReport.LOST, PACKET_BYTES);
                nextSendUs += PACKET_SPACING_US;
            }
            deliver(nextSendUs + ONE_WAY_DELAY_US);
        }
        assertTrue(out.lossRatio() > 0.5, () -> "seconds of total loss must show as loss: " + out);
    }

    @Test
    void shouldTolerateNonsenseRttAndReceiverReports() {
        warmUp(10);
        long nowUs = nextSendUs;
        estimator().onRttSample(-5, nowUs, out);
        assertSane(nowUs);
        estimator().onRttSample(Long.MAX_VALUE, nowUs, out);
        assertSane(nowUs);
        estimator().onReceiverReport(10, 5, nowUs, out);
        assertSane(nowUs);
        estimator().onReceiverReport(-1, -1, nowUs, out);
        assertSane(nowUs);
        estimator().onReceiverReport(0, 0, nowUs, out);
        assertSane(nowUs);
        warmUp(5);
    }

    @Test
    void shouldSurviveSeededRandomGarbage() {
        SplittableRandom random = new SplittableRandom(20261122L);
        long nowUs = 0;
        for (int r = 0; r < 500; r++) {
            report.clear();
            int n = random.nextInt(60);
            for (int i = 0; i < n; i++) {
                long arrival = random.nextInt(8) == 0 ? FeedbackReport.LOST : random.nextLong(-1L << 40, 1L << 40);
                report.add(random.nextLong(), random.nextLong(-1L << 40, 1L << 40), arrival,
                        random.nextInt(10) == 0 ? random.nextInt() : random.nextInt(1500));
            }
            nowUs += random.nextLong(-1_000_000, 5_000_000);
            deliver(nowUs);
            if (random.nextInt(5) == 0) {
                estimator().onRttSample(random.nextLong(), nowUs, out);
                assertSane(nowUs);
                estimator().onReceiverReport(random.nextLong(), random.nextLong(), nowUs, out);
                assertSane(nowUs);
            }
        }
    }

    @Test
    void shouldProduceIdenticalResultsForIdenticalInput() {
        warmUp(200);
        long first = out.targetRateBps();
        long firstDelayBased = out.delayBasedRateBps();
        estimator = null;
        nextSeq = 0;
        nextSendUs = 1_000_000;
        warmUp(200);
        assertEquals(first, out.targetRateBps());
        assertEquals(firstDelayBased, out.delayBasedRateBps());
    }

    @Test
    void shouldKeepTheTargetWithinConstraintsChangedMidCall() {
        warmUp(50);
        constraints(100_000, RateConstraints.NOT_SET, 200_000, nextSendUs);
        warmUp(30);
        constraints(400_000, 500_000, 2_000_000, nextSendUs);
        warmUp(30);
        constraints(MIN_BPS, RateConstraints.NOT_SET, MAX_BPS, nextSendUs);
        warmUp(10);
    }

    @Test
    void shouldClampNonsenseConstraints() {
        warmUp(20);
        long[][] nonsense = {
            {-1, -1, -1}, {Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE}, {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE},
            {300_000, 10, 100_000}, {0, Long.MAX_VALUE, 0}, {1, 1, 1}, {MIN_BPS, START_BPS, MAX_BPS},
        };
        for (long[] c : nonsense) {
            constraints(c[0], c[1], c[2], nextSendUs);
            warmUp(3);
            routeChange(c[0], c[1], c[2], nextSendUs);
            warmUp(3);
        }
    }

    @Test
    void shouldStayWithinTheNewConstraintsAfterARouteChangeAndIgnoreTheOldRoute() {
        warmUp(50);
        long oldSeq = nextSeq;
        long oldSendUs = nextSendUs;
        cleanReport();
        routeChange(50_000, RateConstraints.NOT_SET, 1_000_000, nextSendUs);
        // Late feedback for packets of the old route, then the new route's own packets.
        report.clear();
        for (int i = 0; i < PACKETS_PER_REPORT; i++) {
            long sendUs = oldSendUs + i * PACKET_SPACING_US;
            report.add((oldSeq + i) & 0xFFFF, sendUs, sendUs + 10 * ONE_WAY_DELAY_US, PACKET_BYTES);
        }
        deliver(nextSendUs + ONE_WAY_DELAY_US);
        warmUp(50);
        routeChange(MIN_BPS, START_BPS, MAX_BPS, nextSendUs);
        warmUp(10);
    }

    @Test
    void shouldRequestNoProbeWhileTheNetworkIsUnavailable() {
        networkDown = true;
        estimator().onNetworkAvailability(false, 0, out);
        assertSane(0);
        warmUp(30);
        routeChange(MIN_BPS, START_BPS, MAX_BPS, nextSendUs);
        warmUp(10);
        constraints(MIN_BPS, START_BPS, 2 * MAX_BPS / 3, nextSendUs);
        warmUp(10);
        networkDown = false;
        estimator().onNetworkAvailability(true, nextSendUs, out);
        assertSane(nextSendUs);
        warmUp(10);
    }

    @Test
    void shouldCapTheTargetAtTheRemoteEstimateButNeverBelowTheMinimum() {
        warmUp(50);
        remoteEstimate(100_000, nextSendUs);
        warmUp(20);
        remoteEstimate(1, nextSendUs);
        assertEquals(MIN_BPS, out.targetRateBps(), "a remote estimate below the minimum leaves the minimum");
        warmUp(5);
        for (long nonsense : new long[] {0, -5, Long.MIN_VALUE, Long.MAX_VALUE}) {
            remoteEstimate(nonsense, nextSendUs);
            warmUp(3);
        }
    }

    @Test
    void shouldTellTheListenerOfEveryTargetChangeWithTheEventsResult() {
        estimator().setTargetRateListener(listener);
        listening = true;
        warmUp(30);
        constraints(100_000, RateConstraints.NOT_SET, 150_000, nextSendUs);
        remoteEstimate(120_000, nextSendUs);
        warmUp(10);
        assertTrue(heardCount >= 2, () -> "the target moved into the new bounds, heard " + heardCount + " times");
        listening = false;
        estimator().setTargetRateListener(null);
        int heard = heardCount;
        constraints(MIN_BPS, RateConstraints.NOT_SET, MAX_BPS, nextSendUs);
        warmUp(10);
        assertEquals(heard, heardCount, "a removed listener hears nothing");
    }

    @Test
    void shouldFillStatsWithWhatItWasToldAndTheConstraintsInForce() {
        readStats = true;
        warmUp(20);
        constraints(40_000, RateConstraints.NOT_SET, 900_000, nextSendUs);
        estimator().stats(stats);
        assertEquals(estimator().name(), stats.estimatorName());
        assertEquals(40_000, stats.minBitrateBps());
        assertEquals(900_000, stats.maxBitrateBps());
        remoteEstimate(700_000, nextSendUs);
        estimator().stats(stats);
        assertEquals(700_000, stats.remoteEstimateBps());
        routeChange(MIN_BPS, START_BPS, MAX_BPS, nextSendUs);
        warmUp(5);
        estimator().stats(stats);
        assertEquals(1, stats.routeChanges());
    }

    @Test
    void shouldTolerateEventsAfterClose() {
        warmUp(10);
        estimator().close();
        estimator().close();
        warmUp(10);
    }

    @Test
    void shouldSurviveSeededRandomClientCalls() {
        SplittableRandom random = new SplittableRandom(20261203L);
        long[] specials = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1, MIN_BPS, MAX_BPS};
        for (int r = 0; r < 300; r++) {
            cleanReport();
            long a = random.nextInt(4) == 0 ? specials[random.nextInt(specials.length)] : random.nextLong(0, 10_000_000);
            long b = random.nextInt(4) == 0 ? specials[random.nextInt(specials.length)] : random.nextLong(0, 10_000_000);
            long c = random.nextInt(4) == 0 ? specials[random.nextInt(specials.length)] : random.nextLong(0, 10_000_000);
            switch (random.nextInt(8)) {
                case 0 -> constraints(a, b, c, nextSendUs);
                case 1 -> routeChange(a, b, c, nextSendUs);
                case 2 -> {
                    networkDown = random.nextBoolean();
                    estimator().onNetworkAvailability(!networkDown, nextSendUs, out);
                    assertSane(nextSendUs);
                }
                case 3 -> remoteEstimate(a, nextSendUs);
                default -> {
                }
            }
        }
    }

    @Test
    void shouldNotAllocatePerPacketInSteadyState() {
        estimator().setTargetRateListener(listener);
        listening = true;
        readStats = true;
        warmUp(3_000);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        long packets = 2_000L * PACKETS_PER_REPORT;
        // Per-packet garbage shows in every window; a window in which a busy machine had not yet
        // compiled some path (interpreted code allocates what C2 scalar-replaces) does not repeat.
        // An estimator that declares an unavoidable allocation (a native runtime's binding) is
        // allowed exactly what it declares over the window; everything else must allocate nothing.
        long fewest = Long.MAX_VALUE;
        long allowance = 0;
        for (int window = 0; window < 3 && fewest >= 2_048 + allowance; window++) {
            long allowedBefore = allowedAllocationBytes(estimator());
            long before = threads.getThreadAllocatedBytes(threadId);
            warmUp(2_000);
            long windowBytes = threads.getThreadAllocatedBytes(threadId) - before;
            long windowAllowance = allowedAllocationBytes(estimator()) - allowedBefore;
            if (windowBytes - windowAllowance < fewest - allowance) {
                fewest = windowBytes;
                allowance = windowAllowance;
            }
        }
        long allocated = fewest;
        long allowed = allowance;
        // A few hundred bytes of measurement noise are tolerated; per-packet garbage is not.
        assertTrue(allocated < 2_048 + allowed,
                () -> allocated + " bytes allocated over " + packets + " packets ("
                        + (double) allocated / packets + " B/packet) in the best of three windows");
    }
}
