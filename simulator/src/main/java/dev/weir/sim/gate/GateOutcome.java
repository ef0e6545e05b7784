package dev.weir.sim.gate;

import java.util.List;

/**
 * What a gate run found for one variant: every screening test, and the confirmation tests of the
 * flagged ones on fresh seeds. A regression is a flagged screening test whose confirmation is
 * flagged too.
 *
 * <p>Immutable and thread-safe.
 *
 * @param variant the variant gated (an estimator name)
 * @param screen every (group, metric) test on the suite's seeds, in group then metric order
 * @param confirmation one test per flagged screening test, on fresh seeds (empty when none was
 *     flagged)
 */
public record GateOutcome(String variant, List<GateTest> screen, List<GateTest> confirmation) {
    public GateOutcome {
        screen = List.copyOf(screen);
        confirmation = List.copyOf(confirmation);
    }

    /** Screening tests that were flagged. */
    public List<GateTest> flagged() {
        return screen.stream().filter(GateTest::flagged).toList();
    }

    /** Confirmed regressions: confirmation tests that were flagged again. */
    public List<GateTest> regressions() {
        return confirmation.stream().filter(GateTest::flagged).toList();
    }

    /** Whether any regression was confirmed. */
    public boolean regressed() {
        return confirmation.stream().anyMatch(GateTest::flagged);
    }

    /** Screening tests that improved beyond the noise (informational). */
    public List<GateTest> improvements() {
        return screen.stream().filter(GateTest::improved).toList();
    }
}
