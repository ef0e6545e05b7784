package dev.weir.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NetworkTypeDeciderTest {
    private static final long STEP_US = 200_000;

    private final TypeDecisionSettings settings = new TypeDecisionSettings();
    private final NetworkTypeDecider decider = new NetworkTypeDecider(settings);
    private final ModelDecision decision = new ModelDecision();
    private long nowUs = 10_000_000;

    private NetworkType step(double pRandom, double lossRate, double pCongestion, double rttStdMs, long targetBps) {
        return feed(decider, 1, pRandom, lossRate, pCongestion, rttStdMs, targetBps);
    }

    /** {@code decisions} equal decisions 200 ms apart into {@code into}; the type after the last. */
    private NetworkType feed(NetworkTypeDecider into, int decisions, double pRandom, double lossRate,
                             double pCongestion, double rttStdMs, long targetBps) {
        decision.randomLossProbability = pRandom;
        decision.lossRate4s = lossRate;
        decision.congestionProbability = pCongestion;
        decision.rttStdMs = rttStdMs;
        NetworkType type = into.current();
        for (int i = 0; i < decisions; i++) {
            nowUs += STEP_US;
            type = into.update(decision, targetBps, nowUs);
        }
        return type;
    }

    private static java.util.List<String> problems(TypeDecisionSettings settings) {
        dev.weir.bwe.config.ConfigCheck check = dev.weir.bwe.config.ConfigCheck.of("decision.json");
        settings.validate(check);
        return check.problems();
    }

    @Test
    void entersRandomLossOnSustainedEvidenceAndLeavesWhenItFades() {
        NetworkType type = NetworkType.WIRED_STABLE;
        int steps = 0;
        while (type != NetworkType.RANDOM_LOSS && steps < 100) {
            type = step(0.95, 0.05, 0.1, 5, 2_000_000);
            steps++;
        }
        assertEquals(NetworkType.RANDOM_LOSS, type);
        assertTrue(steps >= 5 && steps <= 30, "entered after " + steps + " decisions (smoothing ~2 s)");
        for (int i = 0; i < 200; i++) {
            type = step(0.0, 0.0, 0.0, 5, 2_000_000);
        }
        assertEquals(NetworkType.WIRED_STABLE, type);
    }

    @Test
    void doesNotFlapOnEvidenceHoveringAtTheBoundary() {
        SplittableRandom random = new SplittableRandom(99);
        NetworkType previous = decider.current();
        int switches = 0;
        for (int i = 0; i < 3_000; i++) { // 10 minutes of decisions
            double p = 0.6 + 0.3 * (random.nextDouble() - 0.5); // around the enter level
            NetworkType type = step(p, 0.03, 0.0, 5, 2_000_000);
            if (type != previous) {
                switches++;
                previous = type;
            }
        }
        assertTrue(switches <= 2, switches + " switches in 10 minutes at a type boundary");
    }

    @Test
    void holdsATypeForTheMinimumDwellEvenWhenTheEvidenceDrops() {
        NetworkType type;
        do {
            type = step(1.0, 0.05, 0.0, 5, 2_000_000);
        } while (type != NetworkType.RANDOM_LOSS);
        long enteredUs = nowUs;
        while (step(0.0, 0.0, 0.0, 5, 2_000_000) == NetworkType.RANDOM_LOSS) {
            assertTrue(nowUs - enteredUs < 60_000_000, "never left");
        }
        assertTrue(nowUs - enteredUs >= settings.minDwellMs * 1000,
                "left after " + (nowUs - enteredUs) / 1000 + " ms, dwell is " + settings.minDwellMs + " ms");
    }

    @Test
    void attributesCongestionOnlyAtLowRatesAndVariableDelayOnlyAtHighRates() {
        for (int i = 0; i < 100; i++) {
            step(0.0, 0.0, 0.95, 5, 3_000_000);
        }
        assertEquals(NetworkType.WIRED_STABLE, decider.current(), "predicted congestion at 3 Mbps is not a type");
        for (int i = 0; i < 100; i++) {
            step(0.0, 0.0, 0.95, 5, 400_000);
        }
        assertEquals(NetworkType.CONGESTION_PRONE, decider.current());
        NetworkTypeDecider cellular = new NetworkTypeDecider(settings);
        feed(cellular, 100, 0, 0, 0, 60, 5_000_000);
        assertEquals(NetworkType.CELLULAR_VARIABLE, cellular.current());
        assertTrue(cellular.confidence() > 0.9);
    }

    @Test
    void sitsOnTheConfiguredDefaultTypeWhenNoOtherEvidenceHolds() {
        TypeDecisionSettings congestionByDefault = new TypeDecisionSettings();
        congestionByDefault.defaultType = NetworkType.CONGESTION_PRONE.id();
        NetworkTypeDecider byDefault = new NetworkTypeDecider(congestionByDefault);
        assertEquals(NetworkType.CONGESTION_PRONE, byDefault.current(), "the first type once decisions begin");
        feed(byDefault, 100, 0.95, 0.05, 0, 5, 3_000_000);
        assertEquals(NetworkType.RANDOM_LOSS, byDefault.current(), "another type's evidence still enters it");
        feed(byDefault, 200, 0, 0, 0, 5, 3_000_000);
        assertEquals(NetworkType.CONGESTION_PRONE, byDefault.current(), "back to the default, not to wired_stable");
        assertTrue(byDefault.confidence() > 0.9);

        byDefault.settings(new TypeDecisionSettings());
        assertEquals(NetworkType.WIRED_STABLE, byDefault.current(), "a new bundle's default replaces the old one");
    }

    @Test
    void rejectsAnUnknownDefaultType() {
        TypeDecisionSettings broken = new TypeDecisionSettings();
        broken.defaultType = "satellite";
        java.util.List<String> problems = problems(broken);
        assertTrue(problems.stream().anyMatch(p -> p.contains("default_type") && p.contains("satellite")),
                String.valueOf(problems));
    }

    @Test
    void neverEntersATypeTheSettingsDoNotList() {
        TypeDecisionSettings lossOnly = new TypeDecisionSettings();
        lossOnly.enterableTypes = java.util.List.of(NetworkType.RANDOM_LOSS.id());
        NetworkTypeDecider restricted = new NetworkTypeDecider(lossOnly);
        feed(restricted, 200, 0, 0, 0.95, 5, 400_000);
        assertEquals(NetworkType.WIRED_STABLE, restricted.current(), "congestion_prone is not enterable");
        feed(restricted, 200, 0.95, 0.05, 0, 5, 400_000);
        assertEquals(NetworkType.RANDOM_LOSS, restricted.current());
        TypeDecisionSettings fixed = new TypeDecisionSettings();
        fixed.enterableTypes = java.util.List.of();
        restricted.settings(fixed);
        assertEquals(NetworkType.WIRED_STABLE, restricted.current(), "a new rule that cannot enter the type leaves it");
    }

    @Test
    void rejectsAnUnknownEnterableType() {
        TypeDecisionSettings broken = new TypeDecisionSettings();
        broken.enterableTypes = java.util.List.of("random_loss", "satellite");
        java.util.List<String> problems = problems(broken);
        assertTrue(problems.stream().anyMatch(p -> p.contains("enterable_types[1]") && p.contains("satellite")),
                String.valueOf(problems));
    }

    @Test
    void entersWiredStableFromAnotherDefaultOnAFastSteadyCleanPathOnly() {
        TypeDecisionSettings rule = new TypeDecisionSettings();
        rule.defaultType = NetworkType.CONGESTION_PRONE.id();
        rule.enterableTypes = java.util.List.of(NetworkType.WIRED_STABLE.id());
        NetworkTypeDecider fast = new NetworkTypeDecider(rule);
        feed(fast, 200, 0, 0.03, 0, 5, 3_000_000); // 3 % loss: not clean
        assertEquals(NetworkType.CONGESTION_PRONE, fast.current(), "3 % loss is not a clean path");
        feed(fast, 200, 0, 0, 0, 5, 600_000);
        assertEquals(NetworkType.CONGESTION_PRONE, fast.current(), "600 kbps is below the low rate");
        feed(fast, 200, 0, 0, 0, 5, 3_000_000);
        assertEquals(NetworkType.WIRED_STABLE, fast.current());
    }
}
