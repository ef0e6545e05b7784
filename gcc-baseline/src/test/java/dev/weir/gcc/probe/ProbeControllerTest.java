package dev.weir.gcc.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.ProbeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The probe controller against libwebrtc's probe_controller_unittest.cc (test names in comments)
 * with its default configuration.
 */
class ProbeControllerTest {
    private static final long MS = 1000;
    private static final long S = 1_000_000;
    private static final BandwidthLimitedCause DELAY_LIMITED = BandwidthLimitedCause.DELAY_BASED_LIMITED;

    private final BweResult out = new BweResult();
    private final ProbeClusterRegistry registry = new ProbeClusterRegistry();

    private ProbeController started(ProbeSettings settings, long startBps, long maxBps) {
        ProbeController controller = new ProbeController(settings, registry);
        out.clearProbeRequests();
        controller.setBitrates(30_000, startBps, maxBps, 0, out);
        controller.onNetworkAvailability(true, 0, out);
        return controller;
    }

    private static List<Long> rates(BweResult result) {
        List<Long> rates = new ArrayList<>();
        for (int i = 0; i < result.probeRequestCount(); i++) {
            rates.add(result.probeRequest(i).rateBps());
        }
        return rates;
    }

    @Test
    void probesAtThreeAndSixTimesTheStartRateWithFifteenMillisecondClusters() {
        // InitiatesProbingAfterSetBitrates, SetsDefaultTargetDurationAndTargetProbeCount
        started(new ProbeSettings(), 300_000, 0);
        assertEquals(List.of(900_000L, 1_800_000L), rates(out));
        ProbeRequest first = out.probeRequest(0);
        assertEquals(1, first.clusterId());
        assertEquals(2, out.probeRequest(1).clusterId());
        assertEquals(15 * MS, first.durationUs());
        assertEquals(5, first.minProbes());
        assertEquals(5, registry.minProbes(1));
        assertEquals(1_688, registry.minBytes(1), "900 kbps for 15 ms, rounded");
    }

    @Test
    void waitsForTheNetworkBeforeInitialProbing() {
        // InitiatesProbingWhenNetworkAvailable, ProbeOnlyWhenNetworkIsUp
        ProbeController controller = new ProbeController(new ProbeSettings(), registry);
        controller.setBitrates(30_000, 300_000, 0, 0, out);
        assertEquals(0, out.probeRequestCount(), "the network starts unavailable");
        controller.onNetworkAvailability(true, 10 * MS, out);
        assertEquals(List.of(900_000L, 1_800_000L), rates(out));
        out.clearProbeRequests();
        controller.onNetworkAvailability(true, 20 * MS, out);
        assertEquals(0, out.probeRequestCount(), "initial probing happens once");
    }

    @Test
    void sendsOnlyTheFirstInitialProbeWhenTheSecondFactorIsZero() {
        // DisableSecondInitialProbeIfRateFactorZero
        ProbeSettings settings = new ProbeSettings();
        settings.secondExponentialProbeScale = 0;
        started(settings, 300_000, 0);
        assertEquals(List.of(900_000L), rates(out));
    }

    @Test
    void probesFurtherAtTwiceTheEstimateWhileProbesSucceed() {
        // TestExponentialProbing
        ProbeController controller = started(new ProbeSettings(), 300_000, 5_000_000);
        out.clearProbeRequests();
        controller.setEstimatedBitrate(1_200_000, DELAY_LIMITED, 200 * MS, out); // below 0.7 x 1.8 Mbps
        assertEquals(0, out.probeRequestCount());
        controller.setEstimatedBitrate(1_800_000, DELAY_LIMITED, 250 * MS, out);
        assertEquals(List.of(3_600_000L), rates(out));
        assertEquals(3, out.probeRequest(0).clusterId());
        assertEquals(15 * MS, out.probeRequest(0).durationUs());
    }

    @Test
    void stopsProbingFurtherOnceAProbeReachesTheMaximum() {
        // ExponentialProbingStopIfMaxBitrateLow, SkipProbeFurtherIfAlreadyProbedToMaxRate
        ProbeController controller = started(new ProbeSettings(), 300_000, 1_000_000);
        assertEquals(List.of(900_000L, 1_000_000L), rates(out));
        assertFalse(controller.isWaitingForProbingResult());
        out.clearProbeRequests();
        controller.setEstimatedBitrate(1_000_000, DELAY_LIMITED, 200 * MS, out);
        assertEquals(0, out.probeRequestCount());
    }

    @Test
    void capsProbesAtFiveMbpsWhenNoMaximumIsConfigured() {
        ProbeController controller = started(new ProbeSettings(), 2_000_000, 0);
        assertEquals(List.of(5_000_000L, 5_000_000L), rates(out));
        assertFalse(controller.isWaitingForProbingResult());
    }

    @Test
    void capsProbesAtAConfiguredMaximumAboveFiveMbps() {
        started(new ProbeSettings(), 2_000_000, 20_000_000);
        assertEquals(List.of(6_000_000L, 12_000_000L), rates(out));
    }

    @Test
    void endsTheProbeSequenceAfterOneSecondWithoutResult() {
        // InitialProbingTimeout
        ProbeController controller = started(new ProbeSettings(), 300_000, 0);
        out.clearProbeRequests();
        controller.process(1_100 * MS, 0, out);
        assertFalse(controller.isWaitingForProbingResult());
        controller.setEstimatedBitrate(1_700_000, DELAY_LIMITED, 1_200 * MS, out);
        assertEquals(0, out.probeRequestCount());
    }

    @Test
    void probesARaisedMaximumMidCall() {
        // InitiatesProbingOnMaxBitrateIncrease
        ProbeController controller = started(new ProbeSettings(), 300_000, 1_000_000);
        controller.setEstimatedBitrate(800_000, DELAY_LIMITED, 500 * MS, out);
        out.clearProbeRequests();
        controller.setBitrates(30_000, 0, 3_000_000, 2 * S, out);
        assertEquals(List.of(3_000_000L), rates(out));
        assertEquals(3, out.probeRequest(0).clusterId());
        assertFalse(controller.isWaitingForProbingResult());
    }

    @Test
    void doesNotProbePeriodicallyInAlrByDefault() {
        ProbeController controller = started(new ProbeSettings(), 300_000, 0);
        controller.setEstimatedBitrate(1_000_000, DELAY_LIMITED, 300 * MS, out);
        out.clearProbeRequests();
        controller.setInAlr(true);
        for (long t = 2 * S; t <= 30 * S; t += 100 * MS) {
            controller.process(t, 2 * S, out);
        }
        assertEquals(0, out.probeRequestCount());
    }

    @Test
    void probesEveryFiveSecondsInAlrAtTwiceTheEstimateWhenEnabled() {
        // PeriodicProbing
        ProbeSettings settings = new ProbeSettings();
        settings.periodicAlrProbing = true;
        ProbeController controller = started(settings, 300_000, 0);
        controller.setEstimatedBitrate(1_000_000, DELAY_LIMITED, 300 * MS, out);
        controller.setInAlr(true);
        List<Long> probeTimesUs = new ArrayList<>();
        for (long t = 2 * S; t <= 23 * S; t += 100 * MS) {
            out.clearProbeRequests();
            controller.process(t, 2 * S, out);
            if (out.probeRequestCount() > 0) {
                probeTimesUs.add(t);
                assertEquals(List.of(2_000_000L), rates(out));
            }
        }
        assertEquals(List.of(7 * S, 12 * S, 17 * S, 22 * S), probeTimesUs);
    }

    @Test
    void limitsAnAlrProbeToOneAndAHalfTimesTheEstimateWhileLossBasedIsIncreasing() {
        // LimitAlrProbeWhenLossBasedBweLimited
        ProbeSettings settings = new ProbeSettings();
        settings.periodicAlrProbing = true;
        ProbeController controller = started(settings, 300_000, 0);
        controller.process(2 * S, 0, out);
        controller.setEstimatedBitrate(500_000, BandwidthLimitedCause.LOSS_LIMITED_BWE_INCREASING, 2 * S, out);
        controller.setInAlr(true);
        out.clearProbeRequests();
        controller.process(8 * S, 2 * S, out);
        assertEquals(List.of(750_000L), rates(out));
    }

    @Test
    void doesNotProbeWhileDelayIncreasesTheRttIsHighOrLossLimitsTheRate() {
        // DontProbeIfDelayIncreased, DontProbeIfHighRtt, NotProbeWhenInAlrIfLossBasedDecreases
        for (BandwidthLimitedCause cause : new BandwidthLimitedCause[] {
                BandwidthLimitedCause.DELAY_BASED_LIMITED_DELAY_INCREASED,
                BandwidthLimitedCause.RTT_BASED_BACKOFF_HIGH_RTT, BandwidthLimitedCause.LOSS_LIMITED_BWE}) {
            ProbeController controller = started(new ProbeSettings(), 300_000, 0);
            controller.setEstimatedBitrate(1_500_000, cause, 100 * MS, out);
            out.clearProbeRequests();
            controller.setEstimatedBitrate(1_700_000, cause, 150 * MS, out);
            assertEquals(0, out.probeRequestCount(), cause.toString());
        }
    }

    @Test
    void probesAtTheRateBeforeALargeDropWhenItRecoversInAlr() {
        // RequestProbeInAlr
        ProbeController controller = started(new ProbeSettings(), 300_000, 0);
        controller.setEstimatedBitrate(500_000, DELAY_LIMITED, 0, out);
        controller.process(1_100 * MS, 0, out); // the initial sequence times out
        controller.setInAlr(true);
        controller.setEstimatedBitrate(250_000, DELAY_LIMITED, 1_200 * MS, out);
        out.clearProbeRequests();
        controller.requestProbe(6 * S, out);
        assertEquals(List.of(425_000L), rates(out), "0.85 x 500 kbps");
    }

    @Test
    void doesNotRequestAProbeAfterADropOutsideAlr() {
        // RequestProbeWhenAlrNotEndedRecently
        ProbeController controller = started(new ProbeSettings(), 300_000, 0);
        controller.setEstimatedBitrate(500_000, DELAY_LIMITED, 0, out);
        controller.process(1_100 * MS, 0, out);
        controller.setEstimatedBitrate(250_000, DELAY_LIMITED, 1_200 * MS, out);
        out.clearProbeRequests();
        controller.requestProbe(6 * S, out);
        assertEquals(0, out.probeRequestCount());
        controller.setAlrEndedTime(2 * S);
        controller.requestProbe(6 * S, out);
        assertEquals(0, out.probeRequestCount(), "ALR ended 4 s ago, more than 3 s");
        controller.requestProbe(6 * S, out);
    }

    @Test
    void repeatsInitialProbesWithLongClustersWhenEnabled() {
        // RepeatedInitialProbingSendsNewProbeAfterTimeout
        ProbeSettings settings = new ProbeSettings();
        settings.repeatedInitialProbing = true;
        ProbeController controller = started(settings, 300_000, 0);
        assertEquals(100 * MS, out.probeRequest(0).durationUs());
        List<Long> probeTimesUs = new ArrayList<>();
        for (long t = 100 * MS; t <= 7 * S; t += 100 * MS) {
            out.clearProbeRequests();
            controller.process(t, 0, out);
            if (out.probeRequestCount() > 0) {
                probeTimesUs.add(t);
                assertEquals(List.of(900_000L), rates(out), "3x the estimate");
                assertEquals(100 * MS, out.probeRequest(0).durationUs());
            }
        }
        assertEquals(List.of(1_100 * MS, 2_200 * MS, 3_300 * MS, 4_400 * MS), probeTimesUs);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void neverRequestsNonPositiveOrUncappedRatesOnGarbage(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ProbeController controller = new ProbeController(new ProbeSettings(), registry);
        long[] specials = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
        BandwidthLimitedCause[] causes = BandwidthLimitedCause.values();
        int lastId = 0;
        for (int i = 0; i < 3000; i++) {
            out.clearProbeRequests();
            long value = random.nextInt(5) == 0 ? specials[random.nextInt(specials.length)]
                    : random.nextLong(-1_000_000, 20_000_000);
            long t = random.nextInt(10) == 0 ? specials[random.nextInt(specials.length)] : i * 50 * MS;
            switch (random.nextInt(6)) {
                case 0 -> controller.setBitrates(value, random.nextLong(-1, 3_000_000), 0, t, out);
                case 1 -> controller.setEstimatedBitrate(value, causes[random.nextInt(causes.length)], t, out);
                case 2 -> controller.process(t, value, out);
                case 3 -> controller.onNetworkAvailability(random.nextBoolean(), t, out);
                case 4 -> controller.requestProbe(t, out);
                default -> controller.setInAlr(random.nextBoolean());
            }
            for (int k = 0; k < out.probeRequestCount(); k++) {
                ProbeRequest request = out.probeRequest(k);
                assertTrue(request.rateBps() > 0 && request.rateBps() <= 5_000_000, request.toString());
                assertTrue(request.clusterId() > lastId, "ids increase");
                lastId = request.clusterId();
            }
        }
    }
}
