package dev.weir.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.sim.media.PacketKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Cadence, state carrying, classes, sizes and clamping of the bridge, with the tiny test model. */
class OnnxPeerEstimatorTest {
    private static final PeerModel MODEL = TinyPeerModel.load(1);
    private static final long MIN_BPS = 30_000;
    private static final long START_BPS = 300_000;
    private static final long MAX_BPS = 5_000_000;

    private final OnnxPeerEstimator estimator = new OnnxPeerEstimator("onnx:tiny", MODEL.newRunner(), MIN_BPS,
            START_BPS, MAX_BPS);
    private final BweResult out = new BweResult();
    private final FeedbackReport report = new FeedbackReport();

    @AfterAll
    static void closeModel() throws Exception {
        MODEL.close();
    }

    private void send(int seq, long sendUs, int wireBytes, PacketKind kind) {
        estimator.onPacketKind(seq, kind);
        estimator.onPacketSent(seq, sendUs, wireBytes);
    }

    @Test
    void shouldHoldTheStartRateUntilTheFirstStepAfterAPacketWasReported() {
        estimator.currentEstimate(0, out);
        assertEquals(START_BPS, out.targetRateBps());
        estimator.onProcessInterval(200_000, out);
        assertEquals(0, estimator.steps(), "no packet reported: no step");
        assertEquals(START_BPS, out.targetRateBps());
    }

    @Test
    void shouldStepEvery60MsFromTheFirstGridPointAfterFeedbackAndCarryTheState() {
        send(0, 0, 150 + 28, PacketKind.AUDIO);
        report.add(0, 0, 50_000, 150 + 28);
        estimator.onFeedback(report, 100_000, out); // first grid point at or after 100 ms: 120 ms
        assertEquals(0, estimator.steps());
        estimator.onProcessInterval(119_999, out);
        assertEquals(0, estimator.steps());
        estimator.onProcessInterval(120_000, out);
        assertEquals(1, estimator.steps(), "step at 120 ms");
        // obs[5] = 150 B x 8 / 0.6 s = 2000 bps; first step with hidden 0.
        assertEquals(100_000 + 0.5 * 2_000, estimator.lastOutputBps(), 1e-2);
        assertEquals(101_000, out.targetRateBps());
        estimator.onProcessInterval(300_000, out); // steps at 180, 240 and 300 ms
        assertEquals(4, estimator.steps());
        assertEquals(100_000 + 1_000 + 3 * 1_000, estimator.lastOutputBps(), 1e-2,
                "state_out = hidden + 1 was fed back at every step");
    }

    @Test
    void shouldNotLetAStepSeeFeedbackThatArrivedAfterItsTick() {
        send(0, 0, 1228, PacketKind.VIDEO);
        report.add(0, 0, 30_000, 1228);
        estimator.onFeedback(report, 60_000, out); // step at 60 ms sees this report (same instant)
        assertEquals(1, estimator.steps());
        assertEquals(1200 * 8 / 0.6, estimator.lastObservation()[5], 1e-2);
        send(1, 40_000, 1228, PacketKind.VIDEO);
        report.clear();
        report.add(1, 40_000, 70_000, 1228);
        estimator.onFeedback(report, 130_000, out); // the step due at 120 ms runs first, without it
        assertEquals(2, estimator.steps());
        assertEquals(1200 * 8 / 0.6, estimator.lastObservation()[5], 1e-2, "the 120 ms step predates this report");
        estimator.onProcessInterval(180_000, out);
        assertEquals(2400 * 8 / 0.6, estimator.lastObservation()[5], 1e-2, "the 180 ms step sees both packets");
    }

    @Test
    void shouldClassPacketsBySideChannelAndProbeClusterAndCountRtpBytes() {
        send(0, 0, 120, PacketKind.AUDIO);
        send(1, 1_000, 1200, PacketKind.RETRANSMISSION);
        send(2, 2_000, 1200, PacketKind.FEC);
        estimator.onPacketSent(3, 3_000, 1200); // no side channel: a probe by its cluster id
        estimator.onPacketSent(4, 4_000, 1200); // no side channel, no cluster: video
        report.add(0, 0, 40_000, 120);
        report.add(1, 1_000, 41_000, 1200);
        report.add(2, 2_000, 42_000, 1200);
        report.add(3, 3_000, 43_000, 1200, 7);
        report.add(4, 4_000, 44_000, 1200);
        estimator.onFeedback(report, 60_000, out);
        float[] obs = estimator.lastObservation();
        assertEquals(5, obs[Mmsys24Observation.index(Mmsys24Observation.RECEIVED_PACKETS, 0)]);
        assertEquals(120 + 4 * 1200 - 5 * 28, obs[Mmsys24Observation.index(Mmsys24Observation.RECEIVED_BYTES, 0)],
                1e-3, "sizes without the 28 IP/UDP header bytes");
        assertEquals(3 / 5f, obs[Mmsys24Observation.index(Mmsys24Observation.VIDEO_PROB, 0)], 1e-6);
        assertEquals(1 / 5f, obs[Mmsys24Observation.index(Mmsys24Observation.AUDIO_PROB, 0)], 1e-6);
        assertEquals(1 / 5f, obs[Mmsys24Observation.index(Mmsys24Observation.PROBING_PROB, 0)], 1e-6);
    }

    @Test
    void shouldClampTheModelOutputToTheCallsBounds() {
        OnnxPeerEstimator narrow = new OnnxPeerEstimator("onnx:tiny", MODEL.newRunner(), 30_000, 50_000, 60_000);
        narrow.onPacketSent(0, 0, 1228);
        report.add(0, 0, 30_000, 1228);
        narrow.onFeedback(report, 60_000, out);
        assertTrue(narrow.lastOutputBps() > 60_000, "the raw output is above the ceiling");
        assertEquals(60_000, out.targetRateBps());
        assertEquals(150_000, out.pacingRateBps(), "pacing at 2.5x the target");
        narrow.close();
    }

    @Test
    void shouldSkipStepsBeyondTheCatchUpLimitAfterALongSilence() {
        send(0, 0, 1228, PacketKind.VIDEO);
        report.add(0, 0, 30_000, 1228);
        estimator.onFeedback(report, 60_000, out);
        estimator.onProcessInterval(3_600_000_000L, out);
        assertEquals(1 + OnnxPeerEstimator.MAX_CATCH_UP_STEPS, estimator.steps());
        assertTrue(estimator.skippedSteps() > 59_000);
        estimator.onProcessInterval(3_600_060_000L, out);
        assertEquals(2 + OnnxPeerEstimator.MAX_CATCH_UP_STEPS, estimator.steps(), "the grid goes on after the gap");
    }
}
