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

class ProbeControllerTest {
    private static final long MS = 1000;
    private static final long S = 1_000_000;

    private final BweResult out = new BweResult();
    private final ProbeClusterRegistry registry = new ProbeClusterRegistry();

    private ProbeController started(ProbeSettings settings, long startBps, long maxBps) {
        ProbeController controller = new ProbeController(settings, registry);
        out.clearProbeRequests();
        controller.setBitrates(30_000, startBps, maxBps, 0, out);
        controller.onNetworkAvailable(0, out);
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
    void shouldProbeAtThreeAndSixTimesTheStartRate() {
        started(new ProbeSettings(), 300_000, 0);
        assertEquals(List.of(900_000L, 1_800_000L), rates(out));
        ProbeRequest first = out.probeRequest(0);
        assertEquals(1, first.clusterId());
        assertEquals(2, out.probeRequest(1).clusterId());
        assertEquals(100 * MS, first.durationUs());
        assertEquals(5, first.minProbes());
        assertEquals(5, registry.minProbes(1));
        assertEquals(11_250, registry.minBytes(1), "900 kbps for 100 ms");
        assertEquals(22_500, registry.minBytes(2));
    }

    @Test
    void shouldWaitForTheNetworkBeforeInitialProbing() {
        ProbeController controller = new ProbeController(new ProbeSettings(), registry);
        controller.setBitrates(30_000, 300_000, 0, 0, out);
        assertEquals(0, out.probeRequestCount(), "the network starts unavailable");
        controller.onNetworkAvailable(10 * MS, out);
        assertEquals(List.of(900_000L, 1_800_000L), rates(out));
        out.clearProbeRequests();
        controller.onNetworkAvailable(20 * MS, out);
        assertEquals(0, out.probeRequestCount(), "initial probing happens once");
    }

    @Test
    void shouldProbeFurtherAtTwiceTheEstimateWhileProbesSucceed() {
        ProbeController controller = started(new ProbeSettings(), 300_000, 0);
        out.clearProbeRequests();
        controller.onEstimate(1_200_000, 200 * MS, out); // below 0.7 x 1.8 Mbps = 1.26 Mbps
        assertEquals(0, out.probeRequestCount());
        controller.onEstimate(1_300_000, 250 * MS, out);
        assertEquals(List.of(2_600_000L), rates(out));
        assertEquals(3, out.probeRequest(0).clusterId());
        assertEquals(15 * MS, out.probeRequest(0).durationUs());
        out.clearProbeRequests();
        controller.onEstimate(1_900_000, 400 * MS, out); // > 0.7 x 2.6 Mbps
        assertEquals(List.of(3_800_000L), rates(out));
        assertEquals(4, out.probeRequest(0).clusterId());
    }

    @Test
    void shouldCapProbesAtFiveMbpsAndStopProbingFurther() {
        ProbeController controller = started(new ProbeSettings(), 2_000_000, 0);
        assertEquals(List.of(5_000_000L, 5_000_000L), rates(out));
        out.clearProbeRequests();
        controller.onEstimate(4_900_000, 200 * MS, out);
        assertEquals(0, out.probeRequestCount());
        assertFalse(controller.isWaitingForProbingResult());
    }

    @Test
    void shouldCapProbesAtTheConfiguredMaximum() {
        ProbeController controller = started(new ProbeSettings(), 300_000, 0);
        controller.setMaxBitrate(1_000_000);
        out.clearProbeRequests();
        controller.onEstimate(1_300_000, 200 * MS, out);
        assertEquals(List.of(1_000_000L), rates(out));
    }

    @Test
    void shouldEndTheProbeSequenceAfterOneSecondWithoutResult() {
        ProbeController controller = started(new ProbeSettings(), 300_000, 0);
        out.clearProbeRequests();
        controller.onProcess(1_100 * MS, false, -1, out);
        assertFalse(controller.isWaitingForProbingResult());
        controller.onEstimate(1_700_000, 1_200 * MS, out);
        assertEquals(0, out.probeRequestCount());
    }

    @Test
    void shouldProbeEveryFiveSecondsInAlrAtTwiceTheEstimate() {
        ProbeController controller = started(new ProbeSettings(), 300_000, 0);
        controller.onEstimate(1_000_000, 300 * MS, out);
        List<Long> probeTimesUs = new ArrayList<>();
        for (long t = 2 * S; t <= 23 * S; t += 100 * MS) {
            out.clearProbeRequests();
            controller.onProcess(t, true, 2 * S, out);
            if (out.probeRequestCount() > 0) {
                probeTimesUs.add(t);
                assertEquals(List.of(2_000_000L), rates(out));
            }
        }
        assertEquals(List.of(7 * S, 12 * S, 17 * S, 22 * S), probeTimesUs);
    }

    @Test
    void shouldNotProbePeriodicallyOutsideAlrOrWhenDisabled() {
        ProbeController controller = started(new ProbeSettings(), 300_000, 0);
        ProbeSettings noAlr = new ProbeSettings();
        noAlr.periodicAlrProbing = false;
        BweResult other = new BweResult();
        ProbeController disabled = new ProbeController(noAlr, null);
        disabled.setBitrates(30_000, 300_000, 0, 0, other);
        disabled.onNetworkAvailable(0, other);
        out.clearProbeRequests();
        other.clearProbeRequests();
        for (long t = 2 * S; t <= 30 * S; t += 100 * MS) {
            controller.onProcess(t, false, -1, out);
            disabled.onProcess(t, true, 2 * S, other);
        }
        assertEquals(0, out.probeRequestCount());
        assertEquals(0, other.probeRequestCount());
    }

    @Test
    void shouldProbeARaisedMaximumMidCall() {
        ProbeController controller = started(new ProbeSettings(), 300_000, 1_000_000);
        assertEquals(List.of(900_000L, 1_000_000L), rates(out));
        controller.onEstimate(800_000, 500 * MS, out);
        out.clearProbeRequests();
        controller.setBitrates(30_000, 0, 3_000_000, 2 * S, out);
        assertEquals(List.of(3_000_000L), rates(out));
        assertEquals(3, out.probeRequest(0).clusterId());
        assertFalse(controller.isWaitingForProbingResult());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void shouldNeverRequestNonPositiveOrUncappedRatesOnGarbage(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ProbeController controller = new ProbeController(new ProbeSettings(), registry);
        long[] specials = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
        int lastId = 0;
        for (int i = 0; i < 3000; i++) {
            out.clearProbeRequests();
            long value = random.nextInt(5) == 0 ? specials[random.nextInt(specials.length)]
                    : random.nextLong(-1_000_000, 20_000_000);
            long t = random.nextInt(10) == 0 ? specials[random.nextInt(specials.length)] : i * 50 * MS;
            switch (random.nextInt(5)) {
                case 0 -> controller.setBitrates(value, random.nextLong(-1, 3_000_000), 0, t, out);
                case 1 -> controller.onEstimate(value, t, out);
                case 2 -> controller.onProcess(t, random.nextBoolean(), value, out);
                case 3 -> controller.onNetworkAvailable(t, out);
                default -> controller.onNetworkUnavailable(t);
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
