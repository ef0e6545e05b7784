package dev.weir.sim.steering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.call.TestScenarios;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.Bundle;
import dev.weir.steer.BundleLoader;
import dev.weir.steer.NetworkType;
import dev.weir.steer.ParameterSet;
import dev.weir.steer.TypeDecisionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The weir estimator built by name through the registry, against GCC on the same calls: under 20 %
 * random loss the committed model detects the random-loss type, the estimator swaps in that type's
 * parameter set and, with the design's hand-chosen random-loss set (loss tolerance, FEC sized by
 * the model's FEC heads;
 * {@code configs/tuning/random_loss/start.json}, the tuner's starting point), holds more rate than
 * GCC, whose LossBasedBweV2 gives up at 20 % (seeds 181 and 182: 2.6x and 2.3x; with GCC's own set
 * the two would be equal). The hand set stands in for whatever the tuning
 * accepted: the committed bundle's own set for the type may be GCC's defaults (docs/tuning.md),
 * and this test is about the mechanism.
 * <pre>
 *   sender --pacer--> [queue 300 ms] --2 Mbps, 20 % random loss--> 40 ms --> receiver
 *      ^                                                                        |
 *      +---------- 40 ms: transport feedback every 100 ms, RTCP every ~1 s -----+
 * </pre>
 */
class WeirThroughTheRegistryTest {
    private static final Path REPOSITORY = repository();
    private static final Bundle COMMITTED = BundleLoader.load(REPOSITORY.resolve("configs/bundle"));
    private static final Bundle BUNDLE = withHandRandomLossSet(COMMITTED);

    private static Path repository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("configs/bundle"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("configs/bundle not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /**
     * The committed bundle (model, other sets) with the hand-chosen random-loss set and a decision
     * rule that may enter it on the model's evidence (the committed rule does not: with GCC's
     * defaults as the committed random-loss set, entering it never paid; docs/ml.md).
     */
    private static Bundle withHandRandomLossSet(Bundle committed) {
        EnumMap<NetworkType, ParameterSet> sets = new EnumMap<>(NetworkType.class);
        for (NetworkType type : NetworkType.values()) {
            sets.put(type, committed.parameterSet(type));
        }
        sets.put(NetworkType.RANDOM_LOSS,
                ParameterSet.read(REPOSITORY.resolve("configs/tuning/random_loss/start.json")));
        return Bundle.of(committed.id() + "+random_loss/hand-1", sets, new TypeDecisionSettings(), committed.model());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {181, 182})
    void steersTwentyPercentRandomLossToTheRandomLossSetAndHoldsTheRate(long seed) {
        Scenario.Link link = TestScenarios.link(new TestScenarios.ConstantCapacity(2_000_000), 40_000, 300_000, 0.2);
        Scenario.Media media = new Scenario.Media(300_000, 30_000, 5_000_000, false, 30, 100);
        Scenario scenario = new Scenario("random-loss-20", "random-loss", 40_000_000L, link, 40_000, 0.0, 100_000,
                media, Scenario.CrossTraffic.NONE);
        EstimatorRegistry registry = EstimatorRegistry.withBuiltIns();
        EstimatorContext context = new EstimatorContext(scenario, BUNDLE);
        System.out.println("[steering] random-loss-20 seed=" + seed + " bundle=" + BUNDLE.id());
        CallResult weir = CallSimulator.run(scenario, "weir", registry.create("weir", context), seed);
        CallResult gcc = CallSimulator.run(scenario, "gcc", registry.create("gcc", context), seed);

        String[] types = weir.series().text("network_type");
        String[] sets = weir.series().text("param_set");
        assertEquals("random_loss", types[types.length - 1]);
        assertEquals(BUNDLE.parameterSet(NetworkType.RANDOM_LOSS).id, sets[sets.length - 1]);
        double[] fec = weir.series().column("fec_ratio");
        // FEC is sized for the model's isolated non-congestive share (FEC heads), not the observed
        // 20 %: the histogram's top class stands for 15 % and P(isolated) discounts it, so the share
        // is a few percent, where the observed loss gave the set's 30 % cap.
        assertTrue(fec[fec.length - 1] > 0.02 && fec[fec.length - 1] < 0.3,
                "FEC protects the random loss, sized by the FEC heads: " + fec[fec.length - 1]);
        double[] pRandom = weir.series().column("p_random_loss");
        assertTrue(pRandom[pRandom.length - 1] > 0.5, "the model calls the loss random: " + pRandom[pRandom.length - 1]);
        double weirBps = weir.metrics().value("avg_sent_bitrate_bps");
        double gccBps = gcc.metrics().value("avg_sent_bitrate_bps");
        System.out.printf("[steering] sent bitrate weir %.0f bps, gcc %.0f bps; freezes weir %.1f %%, gcc %.1f %%%n",
                weirBps, gccBps, weir.metrics().value("freeze_pct"), gcc.metrics().value("freeze_pct"));
        assertTrue(weirBps > 1.25 * gccBps, "weir holds the rate: " + weirBps + " vs " + gccBps);
    }
}
