package dev.weir.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.bwe.contract.AllocationMeter;
import dev.weir.gcc.GccSettings;
import dev.weir.gcc.GoogCcEstimator;
import org.junit.jupiter.api.Test;

class WeirEstimatorTest {
    private static final GccSettings SETTINGS = GccSettings.defaults().withBitrates(30_000, 300_000, 5_000_000);
    private static final Bundle WITH_MODEL = TestBundles.bundle("a", TestBundles.defaultModel());

    @Test
    void actsAsPlainGccUntilABundleArrives() {
        LinkDriver weir = new LinkDriver(new WeirEstimator(SETTINGS, null), 2_000_000, 0.01, 7);
        LinkDriver gcc = new LinkDriver(new GoogCcEstimator(SETTINGS), 2_000_000, 0.01, 7);
        for (int i = 0; i < 200; i++) {
            weir.report();
            gcc.report();
            assertEquals(gcc.out.targetRateBps(), weir.out.targetRateBps(), "report " + i);
        }
        assertEquals("wired_stable", weir.out.networkType());
        assertEquals("wired_stable/defaults", weir.out.parameterSetId());
        assertEquals(0.0, weir.out.congestionProbability());
    }

    @Test
    void decidesOnceTheSignalWindowIsFull() {
        LinkDriver driver = new LinkDriver(new WeirEstimator(SETTINGS, WITH_MODEL), 2_000_000, 0.02, 11);
        driver.run(9.5);
        assertEquals(0.0, driver.out.congestionProbability(), "no decision before the 10 s window is full");
        assertEquals(0.0, driver.out.randomLossProbability());
        driver.run(3);
        double random = driver.out.randomLossProbability();
        double congestion = driver.out.congestionProbability();
        assertTrue(random > 0 && random < 1, "P(random) " + random);
        assertTrue(congestion > 0 && congestion < 1, "P(congestion) " + congestion);
        assertTrue(driver.out.parameterSetId().endsWith("/a"), driver.out.parameterSetId());
    }

    @Test
    void runsGccDefaultsUntilTheFirstDecisionThenTheDefaultType() {
        TypeDecisionSettings fixed = new TypeDecisionSettings();
        fixed.defaultType = NetworkType.CONGESTION_PRONE.id();
        fixed.enterableTypes = java.util.List.of();
        LinkDriver driver = new LinkDriver(new WeirEstimator(SETTINGS,
                TestBundles.bundle("c", TestBundles.defaultModel(), fixed)), 2_000_000, 0.02, 11);
        driver.run(9.5);
        assertEquals("wired_stable", driver.out.networkType(), "GCC's defaults before the model decides: a fast start");
        driver.run(3);
        assertEquals("congestion_prone", driver.out.networkType());
        assertTrue(driver.out.parameterSetId().startsWith("congestion_prone"), driver.out.parameterSetId());
    }

    @Test
    void switchesToABundleOfferedFromAnotherThreadAtTheNextReport() throws InterruptedException {
        WeirEstimator weir = new WeirEstimator(SETTINGS, WITH_MODEL);
        LinkDriver driver = new LinkDriver(weir, 2_000_000, 0.0, 3);
        driver.run(2);
        Bundle next = TestBundles.bundle("b", TestBundles.defaultModel());
        Thread server = new Thread(() -> weir.offerBundle(next));
        server.start();
        server.join();
        assertEquals("a", weir.bundleId(), "nothing changes until the next report");
        long before = driver.out.targetRateBps();
        driver.report();
        assertEquals("b", weir.bundleId());
        assertTrue(driver.out.parameterSetId().endsWith("/b"), driver.out.parameterSetId());
        assertTrue(driver.out.targetRateBps() >= before * 0.8, "the estimate carries on across the swap");
    }

    @Test
    void fallsBackToTheDefaultSetWhenTheModelGivesNonFiniteOutputs() {
        Bundle broken = TestBundles.bundle("broken", TestBundles.scaledHeads(TestBundles.defaultModel(), 3e38f));
        LinkDriver driver = new LinkDriver(new WeirEstimator(SETTINGS, broken), 2_000_000, 0.02, 5);
        driver.run(12);
        assertEquals(WeirEstimator.MODEL_FAILED, driver.out.networkType());
        assertEquals("wired_stable/broken", driver.out.parameterSetId());
        driver.run(10);
        long targetBps = driver.out.targetRateBps();
        assertTrue(targetBps >= 30_000 && targetBps <= 5_000_000, "the call carries on as GCC: " + targetBps);
    }

    @Test
    void fallsBackToTheDefaultSetWhenTheModelCannotRun() {
        Bundle headless = TestBundles.bundle("headless",
                TestBundles.withRenamedHead(TestBundles.defaultModel(), "congestion", "congestion_ahead"));
        LinkDriver driver = new LinkDriver(new WeirEstimator(SETTINGS, headless), 2_000_000, 0.0, 5);
        driver.run(1);
        assertEquals(WeirEstimator.MODEL_FAILED, driver.out.networkType());
        assertEquals("wired_stable/headless", driver.out.parameterSetId());
        driver.run(20);
        assertTrue(driver.out.targetRateBps() > 300_000, "plain GCC ramps on: " + driver.out.targetRateBps());
    }

    @Test
    void aPinnedEstimatorKeepsItsTypeWhateverTheModelSays() {
        WeirEstimator pinned = WeirEstimator.pinned(SETTINGS, WITH_MODEL, NetworkType.CELLULAR_VARIABLE);
        LinkDriver driver = new LinkDriver(pinned, 2_000_000, 0.05, 17);
        driver.report();
        assertEquals("cellular_variable", driver.out.networkType());
        driver.run(30);
        assertEquals("cellular_variable", driver.out.networkType());
        assertEquals("cellular_variable/a", driver.out.parameterSetId());
        assertTrue(driver.out.congestionProbability() > 0, "the model still runs");
    }

    @Test
    void aPinnedEstimatorWithASwapInTimeRunsGccDefaultsUntilThen() {
        WeirEstimator pinned = WeirEstimator.pinned(SETTINGS, WITH_MODEL, NetworkType.RANDOM_LOSS, 10_000_000);
        LinkDriver driver = new LinkDriver(pinned, 2_000_000, 0.05, 17);
        driver.report();
        assertEquals("wired_stable", driver.out.networkType(), "before the swap-in: what a deployed weir starts on");
        driver.run(9);
        assertEquals("wired_stable/a", driver.out.parameterSetId());
        driver.run(2);
        assertEquals("random_loss", driver.out.networkType());
        assertEquals("random_loss/a", driver.out.parameterSetId());
    }

    /** Decisions every 200 ms allocate nothing; a type swap (at most every 5 s) is excluded here. */
    @Test
    void allocatesNothingPerReportOnceDeciding() {
        assumeTrue(AllocationMeter.supported());
        TypeDecisionSettings noSwaps = new TypeDecisionSettings();
        noSwaps.enterEvidence = 1.0;
        noSwaps.exitEvidence = 1.0;
        Bundle bundle = TestBundles.bundle("fixed-type", TestBundles.defaultModel(), noSwaps);
        LinkDriver driver = new LinkDriver(new WeirEstimator(SETTINGS, bundle), 2_000_000, 0.02, 13);
        driver.run(20);
        long bytes = AllocationMeter.bytesAllocatedBy(() -> driver.run(20));
        assertTrue(bytes < 2_048, "allocated " + bytes + " bytes over 200 reports with model decisions");
    }
}
