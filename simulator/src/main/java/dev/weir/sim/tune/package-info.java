/**
 * Offline tuning of one network type's parameter set by simulation (the design's "choose the
 * parameters that maximise technical metrics per network profile"): CMA-ES over a documented
 * search space ({@link dev.weir.sim.tune.TuningSpace}), each candidate scored by simulating calls
 * with the weir estimator pinned to the type, on the same scenarios and seeds for every candidate
 * (common random numbers), with one documented objective ({@link dev.weir.sim.tune.TuningObjective}),
 * resumable from a journal of evaluated candidates, and a held-out check before a set may enter a
 * bundle.
 *
 * <p>Thread-safety: {@link dev.weir.sim.tune.Tuner} runs one tuning at a time (its evaluations in
 * parallel internally); the value types are immutable.
 */
package dev.weir.sim.tune;
