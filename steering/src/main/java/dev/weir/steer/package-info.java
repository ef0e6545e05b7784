/**
 * The weir estimator: GCC ({@code gcc-baseline}) steered per detected network type. A pure-Java
 * model (bwe-core) reads the signal window every step; its outputs, smoothed, pick a network type
 * with a minimum dwell time and hysteresis; the type's parameter set from a verified bundle is
 * swapped into GCC (its {@code GccTuning}, FEC share, early back-off); predicted congestion caps
 * the target before the queue overflows and releases it at once when the prediction clears.
 * Design: the ML-steered GCC of the 2024 write-up summarised in the project's reference notes.
 *
 * <p>Thread-safety: {@link dev.weir.steer.WeirEstimator} is driven from one thread, except
 * {@link dev.weir.steer.WeirEstimator#offerBundle}, which any thread may call. {@link
 * dev.weir.steer.Bundle} is immutable and shareable across estimators; the settings types
 * ({@link dev.weir.steer.ParameterSet} and its parts) are mutable beans, copied when handed over.
 */
package dev.weir.steer;
