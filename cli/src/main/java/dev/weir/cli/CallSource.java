package dev.weir.cli;

import dev.weir.sim.gate.SuiteResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * Where a gate's calls come from: this process (settings, bundle, the working tree) or another
 * revision's CLI jar. Either way a scenario and a seed give the same call on every run.
 *
 * <p>Implementations are used from one thread at a time (they may run calls on many).
 */
interface CallSource {
    /** Runs every scenario on every seed and returns the calls' metrics. */
    SuiteResults run(List<GateSuites.SuiteScenario> scenarios, List<Long> seeds, int threads, PrintWriter console)
            throws IOException, InterruptedException;
}
