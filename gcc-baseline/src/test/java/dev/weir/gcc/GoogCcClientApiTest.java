package dev.weir.gcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.BweStats;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.api.RateConstraints;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client API as libwebrtc's GoogCcNetworkController behaves: ResetConstraints on a constraint
 * change, the safe reset on a route change, probing only while the network is available, REMB as
 * the loss-based controller's receiver limit. A scripted clean path: 10 packets of 1200 bytes per
 * 100 ms (0.96 Mbps), 40 ms one way.
 */
class GoogCcClientApiTest {
    private static final long MS = 1_000;
    private static final int PACKET_BYTES = 1200;

    private final GoogCcEstimator gcc = new GoogCcEstimator(30_000, 300_000, 5_000_000);
    private final FeedbackReport report = new FeedbackReport();
    private final BweResult out = new BweResult();
    private final BweStats stats = new BweStats();
    private long nextSeq;
    private long nowUs = 1_000 * MS;

    /** 100 ms of packets and their feedback, then a process tick. */
    private void step() {
        report.clear();
        for (int i = 0; i < 10; i++) {
            gcc.onPacketSent(nextSeq & 0xFFFF, nowUs, PACKET_BYTES);
            report.add(nextSeq++ & 0xFFFF, nowUs, nowUs + 40 * MS, PACKET_BYTES);
            nowUs += 10 * MS;
        }
        gcc.onFeedback(report, nowUs + 40 * MS, out);
        gcc.onProcessInterval(nowUs + 40 * MS, out);
    }

    private void steps(int count) {
        for (int i = 0; i < count; i++) {
            step();
        }
    }

    private List<Long> probeRates() {
        List<Long> rates = new ArrayList<>();
        for (int i = 0; i < out.probeRequestCount(); i++) {
            rates.add(out.probeRequest(i).rateBps());
        }
        return rates;
    }

    @Test
    void aStartRateInNewConstraintsBecomesTheEstimateAtOnce() {
        steps(30);
        gcc.onTargetRateConstraints(30_000, 800_000, 5_000_000, nowUs, out);
        assertEquals(800_000, out.targetRateBps());
        gcc.onTargetRateConstraints(30_000, RateConstraints.NOT_SET, 250_000, nowUs, out);
        assertEquals(250_000, out.targetRateBps(), "a lower maximum caps the target in the same result");
        assertEquals(250_000, gcc.maxBitrateBps());
    }

    @Test
    void aRaisedMaximumIsProbedOnceProbingIsComplete() {
        gcc.onTargetRateConstraints(30_000, 300_000, 500_000, nowUs, out);
        steps(30); // initial probes never reported: the sequence times out after 1 s
        gcc.onTargetRateConstraints(30_000, RateConstraints.NOT_SET, 4_000_000, nowUs, out);
        assertEquals(List.of(4_000_000L), probeRates(), "libwebrtc SetBitrates probes a raised maximum");
    }

    @Test
    void aRouteChangeStartsAtMostAtTheAcknowledgedRateAndProbesFromThere() {
        steps(50);
        long ackedBps = out.ackedRateBps();
        assertTrue(ackedBps > 800_000 && ackedBps < 1_100_000, "acked " + ackedBps);
        gcc.onNetworkRouteChange(30_000, 3_000_000, 5_000_000, nowUs, out);
        assertEquals(ackedBps, out.targetRateBps(), "safe reset: min(start, acked rate)");
        assertEquals(List.of(3 * ackedBps, Math.min(6 * ackedBps, 5_000_000)), probeRates(),
                "initial probes on the new route, capped at the maximum");
        assertEquals(0, out.ackedRateBps(), "the acked rate is the old route's");
    }

    @Test
    void aRouteChangeWithoutAStartRateUsesTheConfiguredOneAndIgnoresTheOldRoutesFeedback() {
        steps(50);
        long oldSeq = nextSeq - 10;
        long oldSendUs = nowUs - 100 * MS;
        gcc.onNetworkRouteChange(30_000, RateConstraints.NOT_SET, 5_000_000, nowUs, out);
        assertEquals(300_000, out.targetRateBps(), "the configured start rate, below the acked rate");
        gcc.stats(stats);
        long ignoredBefore = stats.feedbackPacketsIgnored();
        report.clear();
        for (int i = 0; i < 5; i++) {
            report.add((oldSeq + i) & 0xFFFF, oldSendUs + i * 10 * MS, oldSendUs + i * 10 * MS + 40 * MS, PACKET_BYTES);
        }
        gcc.onFeedback(report, nowUs, out);
        gcc.stats(stats);
        assertEquals(ignoredBefore + 5, stats.feedbackPacketsIgnored(), "packets of the old route");
        assertEquals(1, stats.routeChanges());
    }

    @Test
    void noProbeIsRequestedWhileTheNetworkIsDownAndInitialProbesFollowItsReturn() {
        gcc.onNetworkAvailability(false, 0, out);
        assertEquals(0, out.probeRequestCount());
        steps(20);
        gcc.stats(stats);
        assertEquals(0, stats.probeClustersRequested());
        gcc.onNetworkAvailability(true, nowUs, out);
        assertEquals(List.of(900_000L, 1_800_000L), probeRates(), "3x and 6x the start rate");
    }

    @Test
    void aRemoteEstimateCapsTheTargetUntilItIsRemoved() {
        steps(50);
        long before = out.targetRateBps();
        gcc.onRemoteEstimate(before / 2, nowUs, out);
        assertEquals(before / 2, out.targetRateBps());
        steps(10);
        assertTrue(out.targetRateBps() <= before / 2);
        gcc.stats(stats);
        assertEquals(before / 2, stats.remoteEstimateBps());
        gcc.onRemoteEstimate(0, nowUs, out);
        steps(10);
        assertTrue(out.targetRateBps() > before / 2, "without the cap the target recovers: " + out.targetRateBps());
    }

    @Test
    void theListenerHearsOnlyChanges() {
        List<Long> heard = new ArrayList<>();
        gcc.setTargetRateListener(result -> heard.add(result.targetRateBps()));
        steps(20);
        for (int i = 1; i < heard.size(); i++) {
            assertTrue(!heard.get(i).equals(heard.get(i - 1)), "repeated target at " + i + ": " + heard);
        }
        assertEquals(out.targetRateBps(), heard.get(heard.size() - 1));
        gcc.setTargetRateListener(null);
        int count = heard.size();
        steps(20);
        assertEquals(count, heard.size(), "a removed listener hears nothing");
    }
}
