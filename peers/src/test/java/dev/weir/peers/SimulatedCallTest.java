package dev.weir.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A whole simulated call through the bridge (tiny model): the simulator's packet-kind side channel
 * reaches the observation, steps follow the 60 ms grid, the target follows the model.
 */
class SimulatedCallTest {
    private static final PeerModel MODEL = TinyPeerModel.load(1);
    private static final String SCENARIO = """
            {"name": "peer-call", "duration_s": 6,
             "link": {"capacity": {"type": "constant", "kbps": 2000}, "one_way_delay_ms": 20, "queue_ms": 300},
             "media": {"start_kbps": 300, "min_kbps": 30, "max_kbps": 5000, "audio": %s}}""";

    @AfterAll
    static void closeModel() throws Exception {
        MODEL.close();
    }

    private static OnnxPeerEstimator run(boolean audio) {
        Scenario scenario = ScenarioLoader.parse(SCENARIO.formatted(audio), null, null, "test");
        OnnxPeerEstimator estimator = new OnnxPeerEstimator("onnx:tiny", MODEL.newRunner(),
                scenario.media().minBps(), scenario.media().startBps(), scenario.media().maxBps());
        CallResult result = CallSimulator.run(scenario, "onnx:tiny", estimator, 1);
        assertTrue(result.metrics().toMap().size() > 0);
        return estimator;
    }

    @Test
    void shouldSeeTheAudioStreamAsAudioAndStepEvery60Ms() {
        OnnxPeerEstimator estimator = run(true);
        float[] obs = estimator.lastObservation();
        float audioShare = obs[Mmsys24Observation.index(Mmsys24Observation.AUDIO_PROB, 5)];
        float videoShare = obs[Mmsys24Observation.index(Mmsys24Observation.VIDEO_PROB, 5)];
        float probeShare = obs[Mmsys24Observation.index(Mmsys24Observation.PROBING_PROB, 5)];
        // 30 audio packets per 600 ms beside the video packets.
        assertTrue(audioShare > 0.05 && audioShare < 0.95, "audio share " + audioShare);
        assertEquals(1.0, audioShare + videoShare + probeShare, 1e-5);
        // Steps from the first grid point after the first feedback (100 ms + 20 ms return) to 6 s.
        assertEquals((6_000 - 120) / 60 + 1, estimator.steps());
    }

    @Test
    void shouldSeeNoAudioWhenTheCallHasNone() {
        float[] obs = run(false).lastObservation();
        assertEquals(0f, obs[Mmsys24Observation.index(Mmsys24Observation.AUDIO_PROB, 5)]);
        assertEquals(1f, obs[Mmsys24Observation.index(Mmsys24Observation.VIDEO_PROB, 5)], 1e-6);
    }
}
