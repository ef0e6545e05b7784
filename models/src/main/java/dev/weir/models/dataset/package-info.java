/**
 * Dataset generation for the ML classifier: simulated calls steered by GCC, observed through a
 * transparent {@link dev.weir.models.dataset.SignalTap} (the same {@code SignalRecorder} and
 * {@code WindowExtractor} the run-time estimator uses), labelled from the simulator's ground truth
 * ({@link dev.weir.models.dataset.StepLabeller}, over the call's packets
 * collected by its own packet tap) and the production-style RTT/loss rule
 * ({@link dev.weir.models.dataset.CongestionRule}), split by trace
 * ({@link dev.weir.models.dataset.SplitRule}) and collected deterministically by
 * {@link dev.weir.models.dataset.DatasetGenerator}. {@link dev.weir.models.dataset.LabelAgreement}
 * compares two labellings (rule vs truth, baseline vs label).
 */
package dev.weir.models.dataset;
