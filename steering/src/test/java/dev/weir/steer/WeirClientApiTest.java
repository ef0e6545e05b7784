package dev.weir.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.api.BweStats;
import dev.weir.bwe.api.RateConstraints;
import dev.weir.gcc.GccSettings;
import org.junit.jupiter.api.Test;

/** The client API through the weir estimator: GCC's behaviour plus steering that restarts on a new route. */
class WeirClientApiTest {
    private static final GccSettings SETTINGS = GccSettings.defaults().withBitrates(30_000, 300_000, 5_000_000);
    private static final Bundle WITH_MODEL = TestBundles.bundle("route", TestBundles.defaultModel());

    @Test
    void aRouteChangeRestartsTheSignalWindowAndTheModelDecidesAgainTenSecondsLater() {
        WeirEstimator weir = new WeirEstimator(SETTINGS, WITH_MODEL);
        LinkDriver driver = new LinkDriver(weir, 2_000_000, 0.02, 17);
        driver.run(12);
        assertTrue(driver.out.congestionProbability() > 0, "deciding on the first route");
        weir.onNetworkRouteChange(30_000, RateConstraints.NOT_SET, 5_000_000, driver.nowUs(), driver.out);
        assertEquals(0.0, driver.out.congestionProbability(), "the old route's window is gone");
        assertEquals(NetworkType.WIRED_STABLE.id(), driver.out.networkType());
        driver.run(9.5);
        assertEquals(0.0, driver.out.congestionProbability(), "no decision before 10 s of the new route");
        driver.run(3);
        assertTrue(driver.out.congestionProbability() > 0, "deciding on the new route");
        BweStats stats = new BweStats();
        weir.stats(stats);
        assertEquals("weir", stats.estimatorName());
        assertEquals(WITH_MODEL.id(), stats.bundleId());
        assertEquals(1, stats.routeChanges());
        assertEquals(driver.out.targetRateBps(), stats.targetRateBps());
    }

    @Test
    void theRemoteEstimateCapsTheSteeredTarget() {
        WeirEstimator weir = new WeirEstimator(SETTINGS, WITH_MODEL);
        LinkDriver driver = new LinkDriver(weir, 2_000_000, 0.0, 19);
        driver.run(12);
        long capBps = driver.out.targetRateBps() / 2;
        weir.onRemoteEstimate(capBps, driver.nowUs(), driver.out);
        assertEquals(capBps, driver.out.targetRateBps());
        driver.run(2);
        assertTrue(driver.out.targetRateBps() <= capBps, "target " + driver.out.targetRateBps());
    }
}
