package dev.weir.models.nettype;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.models.dataset.DatasetRequest;
import dev.weir.models.dataset.DatasetSettings;
import dev.weir.models.dataset.SplitRule;
import dev.weir.models.dataset.SteeringModels;
import dev.weir.models.dataset.TestSplit;
import dev.weir.steer.Bundle;
import dev.weir.steer.NetworkType;
import dev.weir.steer.ParameterSet;
import dev.weir.steer.TypeDecisionSettings;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decision fit over the dataset fixtures (two traces per direction, three synthetic scenarios;
 * 45 s calls, so one 30 s segment each), seed 1, with a seeded small model steering:
 * <pre>
 *   sender --(trace capacity, queue, extra loss)--> receiver
 *      ^----------------- TWCC feedback ----------------'
 * </pre>
 */
class DeciderFitTest {
    private static final TestSplit SPLIT = new TestSplit("fixture split", List.of("cell:tram_1", "lte:short",
            "synthetic:steps 2000->250 kbps"));

    @Test
    void choosesTheLowestRegretAndBreaksTiesByFewerSwitchesThenOrder() {
        boolean[] all = {true, true, true};
        assertEquals(1, DeciderFit.choose(new double[] {2.0, 1.0, 1.5}, new double[] {0, 3, 0}, all));
        assertEquals(2, DeciderFit.choose(new double[] {1.0, 1.0, 1.0}, new double[] {2, 3, 1}, all));
        assertEquals(0, DeciderFit.choose(new double[] {1.0, 1.0}, new double[] {1, 1}, all));
    }

    @Test
    void choosesOnlyAmongTheRulesTheGuardPasses() {
        assertEquals(2, DeciderFit.choose(new double[] {2.0, 1.0, 1.5}, new double[] {0, 0, 0},
                new boolean[] {true, false, true}));
        assertEquals(-1, DeciderFit.choose(new double[] {1.0}, new double[] {0}, new boolean[] {false}));
    }

    @Test
    void gridHoldsTheCommittedRuleAndEachFixedPolicyOnceWithoutDuplicates() {
        List<TypeDecisionSettings> grid = DeciderFit.grid(new TypeDecisionSettings());
        assertEquals(grid.size(), grid.stream().map(dev.weir.bwe.config.SettingsJson::write).distinct().count());
        assertTrue(grid.stream().anyMatch(d -> d.defaultType.equals("wired_stable") && d.enterEvidence == 0.6
                && d.exitEvidence == 0.35 && d.lowRateBps == 1_000_000 && d.minLossRate == 0.01
                && d.enterableTypes.size() == 3), "the committed rule");
        for (String type : List.of("wired_stable", "congestion_prone")) {
            assertEquals(1, grid.stream().filter(d -> d.defaultType.equals(type) && d.enterableTypes.isEmpty()).count(),
                    "fixed " + type);
        }
        assertTrue(grid.stream().noneMatch(d -> d.enterableTypes.contains(d.defaultType)));
    }

    @Test
    void fitsOnNonTestCallsAndRunsOnlyTheChosenRuleOnTheTestCalls() throws Exception {
        DatasetRequest request = request();
        Bundle bundle = bundle();
        List<NetworkTypeStudy.CallResult> study = NetworkTypeStudy.run(request, bundle, (done, total) -> { });
        List<TypeDecisionSettings> grid = DeciderFit.grid(new TypeDecisionSettings());
        List<TypeDecisionSettings> candidates = new java.util.ArrayList<>(grid.subList(0, 6)); // fixed wired first
        candidates.add(grid.stream().filter(d -> d.defaultType.equals("congestion_prone")).findFirst().orElseThrow());
        DeciderFit.Fit fit = DeciderFit.run(request, bundle, study, candidates, null, (done, total) -> { });

        for (int c = 0; c < candidates.size(); c++) {
            assertTrue(fit.regret()[fit.chosen()] <= fit.regret()[c], "candidate " + c + " has less regret");
            assertTrue(fit.regret()[c] >= 0, "regret is never below the oracle's");
        }
        assertTrue(java.util.Arrays.stream(fit.regret()).distinct().count() > 1,
                "the default type changes the outcome on the fixtures, so the fit has something to choose");
        // The chosen rule's non-test regret is what its calls give.
        List<NetworkTypeStudy.CallResult> nonTest = fit.calls().stream()
                .filter(c -> !c.source().split().equals(SplitRule.TEST)).toList();
        assertEquals(fit.regret()[fit.chosen()],
                NetworkTypeStudy.regret(nonTest, null, null, NetworkTypeStudy.CallResult::deciderTypeAt)[0], 1e-12);
        assertTrue(fit.calls().stream().anyMatch(c -> c.source().split().equals(SplitRule.TEST)));
        assertEquals(study.size(), fit.calls().size());
        for (int p = 0; p < study.size(); p++) {
            assertEquals(study.get(p).source(), fit.calls().get(p).source());
            assertArrayEquals(study.get(p).scores(), fit.calls().get(p).scores(), "segment scores are the study's");
        }

        DeciderFit.Fit again = DeciderFit.run(request, bundle, study, candidates, null, (done, total) -> { });
        assertEquals(DeciderFit.report(fit), DeciderFit.report(again), "deterministic");
    }

    private static DatasetRequest request() throws URISyntaxException {
        Path root = Path.of(DeciderFitTest.class.getResource("/dataset").toURI());
        DatasetSettings settings = new DatasetSettings();
        settings.minCallS = 45;
        settings.maxCallS = 45;
        return DatasetRequest.builder().scenarioDir(root.resolve("scenarios")).tracesRoot(root.resolve("traces"))
                .seeds(List.of(1L)).maxCallsPerDataset(6).testSplit(SPLIT).threads(2).settings(settings).build();
    }

    private static Bundle bundle() {
        EnumMap<NetworkType, ParameterSet> sets = new EnumMap<>(NetworkType.class);
        for (NetworkType type : NetworkType.values()) {
            ParameterSet set = ParameterSet.defaults(type);
            if (type == NetworkType.CONGESTION_PRONE) {
                set.tuning.aimd.backoffFactor = 0.7; // a set that differs, so outcome labels can too
            }
            sets.put(type, set);
        }
        return Bundle.of("fixture", sets, new TypeDecisionSettings(), SteeringModels.defaultShaped(3));
    }
}
