package dev.weir.sim.call;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.call.TestScenarios.BernoulliLoss;
import dev.weir.sim.call.TestScenarios.ConstantCapacity;
import dev.weir.sim.call.TestScenarios.StepCapacity;
import dev.weir.sim.estimators.FixedRateEstimator;
import dev.weir.sim.estimators.OracleEstimator;
import dev.weir.sim.media.PacketKind;
import dev.weir.sim.net.DropCause;
import dev.weir.sim.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Closed-loop topology of every test here:
 *
 *   encoder --> pacer --> [ drop-tail queue | capacity C(t) ] --loss--> +owd+jitter --> receiver
 *     ^           ^              ^ cross traffic                                         |
 *     |           |                                                                      |
 *  estimator <----+---- feedback / NACK / PLI  <---- return delay, return loss ----------+
 */
class CallSimulatorTest {

    private static void logSeed(String test, long seed) {
        System.err.println(test + ": seed " + seed);
    }

    private static Scenario scenario(long capacityBps, long owdUs, long jitterUs, long queueLimitUs, double loss,
                                     Scenario.Media media, long durationUs) {
        Scenario.Link link = new Scenario.Link(new ConstantCapacity(capacityBps), owdUs, jitterUs, queueLimitUs, 0,
                new BernoulliLoss(loss));
        return new Scenario("test", "test", durationUs, link, owdUs, 0.0, 100_000, media,
                Scenario.CrossTraffic.NONE);
    }

    private static Scenario.Media media(long startBps, boolean audio) {
        return new Scenario.Media(startBps, 50_000, 5_000_000, audio, 30, 3.0);
    }

    /** A busy scenario: jitter, random loss, return loss, on/off cross traffic and audio. */
    private static Scenario busyScenario() {
        Scenario.Link link = new Scenario.Link(new StepCapacity(3_000_000, 5_000_000, 1_500_000), 30_000, 5_000,
                300_000, 0, new BernoulliLoss(0.02));
        return new Scenario("busy", "test", 10_000_000, link, 30_000, 0.05, 100_000, media(800_000, true),
                new Scenario.CrossTraffic("onoff", 500_000, 1_000_000, 2_000_000));
    }

    @Test
    void shouldGiveIdenticalResultsForTheSameSeedAndDifferentOnesForAnother(@TempDir Path directory)
            throws IOException {
        long seed = 11;
        logSeed("determinism", seed);
        Scenario scenario = busyScenario();
        PacketLog firstPackets = new PacketLog();
        PacketLog secondPackets = new PacketLog();
        CallResult first = CallSimulator.run(scenario, "oracle", OracleEstimator.forScenario(scenario), seed,
                new CallOutputs().packets(firstPackets));
        CallResult second = CallSimulator.run(scenario, "oracle", OracleEstimator.forScenario(scenario), seed,
                new CallOutputs().packets(secondPackets));
        CallResult other = CallSimulator.run(scenario, "oracle", OracleEstimator.forScenario(scenario), seed + 1);
        assertEquals(first.metrics().toMap(), second.metrics().toMap());
        first.series().writeCsv(directory.resolve("a.csv"));
        second.series().writeCsv(directory.resolve("b.csv"));
        other.series().writeCsv(directory.resolve("c.csv"));
        first.metrics().writeJson(directory.resolve("a.json"));
        second.metrics().writeJson(directory.resolve("b.json"));
        assertArrayEquals(Files.readAllBytes(directory.resolve("a.csv")), Files.readAllBytes(directory.resolve("b.csv")));
        assertArrayEquals(Files.readAllBytes(directory.resolve("a.json")),
                Files.readAllBytes(directory.resolve("b.json")));
        assertEquals(firstPackets.size(), secondPackets.size());
        for (int i = 0; i < firstPackets.size(); i++) {
            assertEquals(firstPackets.arrivalTimeUs(i), secondPackets.arrivalTimeUs(i), "packet " + i);
        }
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(directory.resolve("a.csv")),
                Files.readAllBytes(directory.resolve("c.csv"))), "another seed should change the call");
        assertNotEquals(first.metrics().toMap(), other.metrics().toMap());
        assertEquals("busy", first.scenarioName());
        assertEquals("oracle", first.estimatorName());
        assertEquals(seed, first.seed());
    }

    @Test
    void shouldReachEightyPercentUtilisationWithLowDelayUnderTheOracle() {
        long seed = 1;
        logSeed("oracle", seed);
        Scenario scenario = scenario(2_500_000, 40_000, 0, 300_000, 0, media(300_000, false), 20_000_000);
        CallMetrics metrics = CallSimulator.run(scenario, "oracle", OracleEstimator.forScenario(scenario), seed)
                .metrics();
        assertTrue(metrics.value("utilization") >= 0.8, metrics.toString());
        assertTrue(metrics.value("delay_p50_ms") < 60, metrics.toString());
        assertEquals(0, metrics.value("freeze_pct"), metrics.toString());
        assertEquals(0, metrics.value("loss_pct"), metrics.toString());
        assertTrue(metrics.value("time_to_80pct_capacity_s") <= 2.0, metrics.toString());
        assertEquals(30, metrics.value("avg_encode_fps"), 0.1);
    }

    @Test
    void shouldFillTheQueueAndDropAtItsLimitUnderACbrOverload() {
        // A constant-bitrate encoder (no key frame bursts, no size variation) at a fixed 2 Mbps into
        // 1 Mbps: the backlog grows by (2 - 1) / 1 = 1 s per second, so a packet sent at t waits
        // about t in the queue, the 300 ms queue is full at about 0.3 s, and from then on packets
        // are dropped as QUEUE_OVERFLOW, no delivered packet waits longer than 300 ms and the
        // receiver gets the capacity.
        long seed = 3;
        logSeed("overload", seed);
        SimulatorSettings cbr = new SimulatorSettings();
        cbr.keyFrameSizeFactor = 1.0;
        cbr.frameSizeVariation = 0.0;
        Scenario scenario = scenario(1_000_000, 40_000, 0, 300_000, 0, media(2_000_000, false), 5_000_000);
        PacketLog log = new PacketLog();
        CallResult result = CallSimulator.run(scenario, "fixed", new FixedRateEstimator(2_000_000), seed, cbr,
                new CallOutputs().packets(log));
        long firstDropUs = -1;
        long maxDelayUs = 0;
        for (int i = 0; i < log.size(); i++) {
            assertTrue(log.dropCause(i) == DropCause.NONE || log.dropCause(i) == DropCause.QUEUE_OVERFLOW);
            if (log.dropCause(i) == DropCause.QUEUE_OVERFLOW && firstDropUs < 0) {
                firstDropUs = log.sendTimeUs(i);
            }
            if (firstDropUs < 0) {
                // Before the queue is full: waited about as long as the call has run (one frame burst of slack).
                assertEquals(log.sendTimeUs(i), log.queueDelayUs(i), 40_000, "packet " + i);
            }
            if (log.arrivalTimeUs(i) >= 0) {
                maxDelayUs = Math.max(maxDelayUs, log.arrivalTimeUs(i) - log.sendTimeUs(i));
                assertTrue(log.queueDelayUs(i) <= 300_000);
            }
            assertEquals(1_000_000, log.capacityBpsAtEnqueue(i));
        }
        assertEquals(300_000, firstDropUs, 40_000, "first drop");
        assertTrue(maxDelayUs <= 340_000 + 1_000, "max one-way delay " + maxDelayUs);
        assertTrue(maxDelayUs >= 320_000, "queue should fill: " + maxDelayUs);
        double[] queueDelayMs = result.series().column("queue_delay_ms");
        assertTrue(queueDelayMs[20] > 250, "queue delay at 2 s: " + queueDelayMs[20]);
        double[] recvBps = result.series().column("recv_bps");
        double delivered = 0;
        for (int row = 10; row < 50; row++) {
            delivered += recvBps[row];
        }
        assertEquals(1_000_000, delivered / 40, 20_000, "the full queue passes the capacity");
        assertTrue(result.metrics().value("loss_pct") > 30, result.metrics().toString());
    }

    @Test
    void shouldLogRandomLossAsRandomAtTheConfiguredRate() {
        long seed = 5;
        logSeed("random loss", seed);
        Scenario scenario = scenario(5_000_000, 20_000, 0, 300_000, 0.05, media(1_500_000, false), 20_000_000);
        PacketLog log = new PacketLog();
        CallSimulator.run(scenario, "fixed", new FixedRateEstimator(1_500_000), seed, new CallOutputs().packets(log));
        int random = 0;
        for (int i = 0; i < log.size(); i++) {
            assertNotEquals(DropCause.QUEUE_OVERFLOW, log.dropCause(i));
            if (log.dropCause(i) == DropCause.RANDOM) {
                random++;
                assertEquals(-1, log.arrivalTimeUs(i));
            }
        }
        assertTrue(log.size() > 2_000);
        assertEquals(0.05, (double) random / log.size(), 0.01, "seed " + seed);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void shouldRecoverOnePercentRandomLossWithNacksWithoutFreezing(long seed) {
        logSeed("nack", seed);
        Scenario scenario = scenario(2_500_000, 40_000, 0, 300_000, 0.01, media(1_000_000, false), 20_000_000);
        PacketLog log = new PacketLog();
        CallResult result = CallSimulator.run(scenario, "fixed", new FixedRateEstimator(1_000_000), seed,
                new CallOutputs().packets(log));
        Set<Integer> lostVideo = new HashSet<>();
        Set<Integer> retransmitted = new HashSet<>();
        for (int i = 0; i < log.size(); i++) {
            // Packets lost in the last second may still await their retransmission when the call ends.
            if (log.kind(i) == PacketKind.VIDEO && log.dropCause(i) == DropCause.RANDOM
                    && log.sendTimeUs(i) < 19_000_000) {
                lostVideo.add(log.mediaId(i));
            }
            if (log.kind(i) == PacketKind.RETRANSMISSION && log.arrivalTimeUs(i) >= 0) {
                retransmitted.add(log.mediaId(i));
            }
        }
        assertFalse(lostVideo.isEmpty());
        assertTrue(retransmitted.containsAll(lostVideo), "every lost video packet is resent, seed " + seed);
        assertEquals(0, result.metrics().value("freeze_500ms_pct"), result.metrics().toString());
        // A lost retransmission (1% of 1%) can still cost one short freeze of about two RTTs.
        assertTrue(result.metrics().value("freeze_pct") < 2.0, result.metrics().toString());

        SimulatorSettings noNack = new SimulatorSettings();
        noNack.nackMaxRetries = 0;
        CallMetrics withoutNack = CallSimulator.run(scenario, "fixed", new FixedRateEstimator(1_000_000), seed,
                noNack).metrics();
        assertTrue(withoutNack.value("freeze_pct") > 3 * Math.max(0.5, result.metrics().value("freeze_pct")),
                "without NACK: " + withoutNack + ", with: " + result.metrics());
        assertFalse(withoutNack.value("connection_drop") > 0, "key frame requests keep the call alive");
    }

    @Test
    void shouldSendAProbeClusterWhenTheEstimatorRequestsOne() {
        long seed = 1;
        logSeed("probe", seed);
        Scenario scenario = scenario(5_000_000, 20_000, 0, 300_000, 0, media(300_000, false), 3_000_000);
        TestEstimators.Scripted estimator = new TestEstimators.Scripted(300_000, 0, 1_000_000, 42, 3_000_000);
        PacketLog log = new PacketLog();
        CallSimulator.run(scenario, "scripted", estimator, seed, new CallOutputs().packets(log));
        int probes = 0;
        int padding = 0;
        long probeBytes = 0;
        long firstUs = Long.MAX_VALUE;
        long lastUs = 0;
        int lastSize = 0;
        for (int i = 0; i < log.size(); i++) {
            if (log.probeClusterId(i) == 42) {
                probes++;
                probeBytes += log.sizeBytes(i);
                padding += log.kind(i) == PacketKind.PROBE ? 1 : 0;
                firstUs = Math.min(firstUs, log.sendTimeUs(i));
                lastUs = Math.max(lastUs, log.sendTimeUs(i));
                lastSize = log.sizeBytes(i);
            } else {
                assertEquals(-1, log.probeClusterId(i));
                assertNotEquals(PacketKind.PROBE, log.kind(i));
            }
        }
        assertTrue(probes >= 5, "probes sent: " + probes);
        assertTrue(padding >= 1, "padding fills the cluster");
        assertTrue(firstUs >= 1_000_000 && firstUs < 1_030_000, "cluster starts on request: " + firstUs);
        assertTrue(probeBytes * 8 * 1e6 / 3_000_000 >= 15_000 - 1, "cluster lasts its duration");
        double rateBps = (probeBytes - lastSize) * 8 * 1e6 / (lastUs - firstUs);
        assertEquals(3_000_000, rateBps, 3_000_000 * 0.05, "probe rate");
        assertEquals(Set.of(42), estimator.clustersInFeedback);
        assertEquals(log.size(), estimator.packetsSent());
        // RTT samples come from RTCP receiver reports every 0.5-1.5 s: 2 to 6 in a 3 s call.
        long rttSamples = estimator.rttSamples();
        assertTrue(rttSamples >= 2 && rttSamples <= 6, "rtt samples: " + rttSamples);
    }

    @Test
    void shouldSpendTheFecShareAndRecoverSingleLossesWithoutNack() {
        long seed = 2;
        logSeed("fec", seed);
        Scenario scenario = scenario(5_000_000, 40_000, 0, 300_000, 0.01, media(1_000_000, false), 20_000_000);
        SimulatorSettings noNack = new SimulatorSettings();
        noNack.nackMaxRetries = 0;
        PacketLog log = new PacketLog();
        CallResult withFec = CallSimulator.run(scenario, "scripted", TestEstimators.Scripted.fixed(1_000_000, 0.3),
                seed, noNack, new CallOutputs().packets(log));
        CallResult withoutFec = CallSimulator.run(scenario, "scripted", TestEstimators.Scripted.fixed(1_000_000, 0),
                seed, noNack);
        long fecBytes = 0;
        long allBytes = 0;
        for (int i = 0; i < log.size(); i++) {
            allBytes += log.sizeBytes(i);
            fecBytes += log.kind(i) == PacketKind.FEC ? log.sizeBytes(i) : 0;
        }
        assertEquals(0.3, (double) fecBytes / allBytes, 0.03);
        assertEquals(0.3, withFec.series().column("fec_ratio")[50], 1e-9);
        assertTrue(withFec.metrics().value("freeze_pct") < withoutFec.metrics().value("freeze_pct") / 2,
                "with FEC " + withFec.metrics() + " without " + withoutFec.metrics());
    }

    @Test
    void shouldSendAudioEveryTwentyMilliseconds() {
        long seed = 1;
        logSeed("audio", seed);
        Scenario scenario = scenario(2_000_000, 20_000, 0, 300_000, 0, media(500_000, true), 2_000_000);
        PacketLog log = new PacketLog();
        CallSimulator.run(scenario, "fixed", new FixedRateEstimator(500_000), seed, new CallOutputs().packets(log));
        int audio = 0;
        for (int i = 0; i < log.size(); i++) {
            if (log.kind(i) == PacketKind.AUDIO) {
                audio++;
                assertEquals(120, log.sizeBytes(i)); // 80 B of 32 kbps x 20 ms + 40 B headers
            }
        }
        assertEquals(100, audio, 1);
    }

    @Test
    void shouldFollowACapacityStepWithTheOracle() {
        Scenario.Link link = new Scenario.Link(new StepCapacity(2_000_000, 5_000_000, 500_000), 40_000, 0, 300_000,
                0, new BernoulliLoss(0));
        Scenario scenario = new Scenario("step", "test", 10_000_000, link, 40_000, 0, 100_000,
                media(300_000, false), Scenario.CrossTraffic.NONE);
        long seed = 1;
        logSeed("step", seed);
        CallResult result = CallSimulator.run(scenario, "oracle", OracleEstimator.forScenario(scenario), seed);
        double[] capacity = result.series().column("capacity_bps");
        double[] target = result.series().column("target_bps");
        assertEquals(2_000_000, capacity[10]);
        assertEquals(500_000, capacity[80]);
        assertEquals(1_800_000, target[10]);
        assertEquals(450_000, target[80]);
        double[] recv = result.series().column("recv_bps");
        double late = 0;
        for (int row = 70; row < 100; row++) {
            late += recv[row];
        }
        assertEquals(450_000, late / 30, 60_000);
    }

    @Test
    void shouldSurviveAnEstimatorReportingNonsense() {
        Scenario scenario = scenario(1_000_000, 20_000, 0, 300_000, 0.01, media(300_000, true), 3_000_000);
        TestEstimators.Nonsense nonsense = new TestEstimators.Nonsense();
        long seed = 1;
        logSeed("nonsense", seed);
        CallMetrics metrics = CallSimulator.run(scenario, "nonsense", nonsense, seed).metrics();
        for (String key : CallMetrics.keys()) {
            assertTrue(Double.isFinite(metrics.value(key)) && metrics.value(key) >= 0, key + " = " + metrics.value(key));
        }
    }

    /** Drops exactly the {@code index}-th packet the call sends (0-based) and nothing else. */
    private static final class DropOne implements dev.weir.sim.net.LossSpec {
        private final int index;

        DropOne(int index) {
            this.index = index;
        }

        @Override
        public dev.weir.sim.net.LossModel newModel() {
            int[] seen = {0};
            return random -> seen[0]++ == index ? DropCause.RANDOM : DropCause.NONE;
        }

        @Override
        public double expectedLossRate() {
            return 0;
        }

        @Override
        public String describe() {
            return "drop packet " + index;
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldRepairOneLossWithOneRetransmissionOrElseAKeyFrameRequest(boolean nack) {
        // One video packet lost at about 2 s. With NACK it is resent once and nothing freezes;
        // without, decoding stalls until the receiver's key frame request (after 1 s) brings an
        // unscheduled key frame.
        Scenario.Link link = new Scenario.Link(new ConstantCapacity(2_000_000), 40_000, 0, 300_000, 0,
                new DropOne(400));
        Scenario scenario = new Scenario("one-loss", "test", 6_000_000, link, 40_000, 0, 100_000,
                media(1_000_000, false), Scenario.CrossTraffic.NONE);
        SimulatorSettings settings = new SimulatorSettings();
        settings.nackMaxRetries = nack ? 10 : 0;
        long seed = 1;
        logSeed("one loss, nack=" + nack, seed);
        PacketLog log = new PacketLog();
        CallResult result = CallSimulator.run(scenario, "fixed", new FixedRateEstimator(1_000_000), seed, settings,
                new CallOutputs().packets(log));
        assertEquals(DropCause.RANDOM, log.dropCause(400));
        long lossUs = log.sendTimeUs(400);
        int retransmissions = 0;
        java.util.Map<Integer, Integer> packetsPerFrame = new java.util.TreeMap<>();
        java.util.Map<Integer, Long> frameStartUs = new java.util.TreeMap<>();
        for (int i = 0; i < log.size(); i++) {
            if (log.kind(i) == PacketKind.RETRANSMISSION) {
                retransmissions++;
                assertEquals(log.mediaId(400), log.mediaId(i));
            }
            if (log.kind(i) == PacketKind.VIDEO) {
                packetsPerFrame.merge(log.frameId(i), 1, Integer::sum);
                frameStartUs.putIfAbsent(log.frameId(i), log.sendTimeUs(i));
            }
        }
        // Key frames are about 5 delta frames: find the big frames that are not on the 3 s (90 frame) grid.
        int deltaPackets = packetsPerFrame.get(1);
        java.util.List<Long> extraKeyFramesUs = new java.util.ArrayList<>();
        packetsPerFrame.forEach((frame, packets) -> {
            if (frame % 90 != 0 && packets >= 3 * deltaPackets) {
                extraKeyFramesUs.add(frameStartUs.get(frame));
            }
        });
        if (nack) {
            assertEquals(1, retransmissions);
            assertEquals(List.of(), extraKeyFramesUs);
            assertEquals(0, result.metrics().value("freeze_pct"), result.metrics().toString());
        } else {
            assertEquals(0, retransmissions);
            assertEquals(1, extraKeyFramesUs.size(), "one requested key frame: " + extraKeyFramesUs);
            long delayUs = extraKeyFramesUs.get(0) - lossUs;
            assertTrue(delayUs > 1_000_000 && delayUs < 1_200_000, "key frame " + delayUs + " us after the loss");
            assertTrue(result.metrics().value("freeze_pct") > 100 * 1.0 / 6, result.metrics().toString());
            assertEquals(0, result.metrics().value("connection_drop"));
        }
    }
}
