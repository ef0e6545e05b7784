package dev.weir.gcc.probe;

import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.config.ConfigCheck;

/**
 * Decides when to send probe clusters, after libwebrtc's
 * {@code modules/congestion_controller/goog_cc/probe_controller.cc}:
 * <ul>
 *   <li>at start (once the network is reported available and a start rate is known): two clusters at 3x and 6x the start
 *       rate, then waits for the resulting estimate;</li>
 *   <li>while waiting, an estimate above 0.7 x the last probed rate triggers a further probe at 2x
 *       that estimate; no trigger within 1 s ends the sequence;</li>
 *   <li>raising the maximum bitrate above the estimate probes at the new maximum (mid-call probing);</li>
 *   <li>in ALR, a probe at 2x the estimate every 5 s.</li>
 * </ul>
 * Probe rates are capped at the maximum bitrate (5 Mbps when none is configured); a probe that
 * reaches the cap ends the sequence. The initial clusters last {@code initialProbeDurationMs}
 * (100 ms; libwebrtc uses it in its repeated-initial-probing mode), all others 15 ms. Cluster ids increase from 1. Requests go into the caller's {@link BweResult}
 * and, when given, into a {@link ProbeClusterRegistry} for the {@link ProbeBitrateEstimator}.
 *
 * <p>Not implemented: libwebrtc's network-state-estimate, allocation and loss-limited probing
 * (off by default there) and RequestProbe after a large drop in ALR.
 *
 * <p>Not thread-safe: one instance per estimator.
 */
public final class ProbeController {
    /** "Never happened" time: far in the past, yet differences with sane times cannot overflow. */
    private static final long NEVER_US = Long.MIN_VALUE / 4;
    /** Input times are clamped to +-2^52 us (~142 years) so differences never overflow. */
    private static final long MAX_ABS_TIME_US = 1L << 52;

    private enum State { INIT, WAITING_FOR_PROBING_RESULT, PROBING_COMPLETE }

    private final ProbeSettings settings;
    private final ProbeClusterRegistry registry;

    private State state = State.INIT;
    private boolean networkAvailable;
    private long startBitrateBps;
    private long estimatedBitrateBps;
    private long maxBitrateBps;
    private long minBitrateToProbeFurtherBps = Long.MAX_VALUE;
    private long timeLastProbingInitiatedUs = NEVER_US;
    private int nextClusterId = 1;

    /**
     * @param registry where requested clusters are recorded; may be null
     * @throws dev.weir.bwe.config.InvalidSettingsException if {@code settings} is invalid
     */
    public ProbeController(ProbeSettings settings, ProbeClusterRegistry registry) {
        ConfigCheck check = ConfigCheck.of("probe");
        settings.validate(check);
        check.throwIfInvalid();
        this.settings = settings.copy();
        this.registry = registry;
        this.maxBitrateBps = this.settings.defaultMaxProbingBitrateBps;
    }

    /** With libwebrtc's defaults and no registry. */
    public ProbeController() {
        this(new ProbeSettings(), null);
    }

    /**
     * Configures the call's bitrates (libwebrtc SetBitrates). A positive {@code startBps} becomes
     * the start rate and current estimate; {@code maxBps <= 0} means no maximum (probes capped at
     * the default 5 Mbps). Starts the initial probes if the network is already available, or
     * probes a raised maximum mid-call.
     */
    public void setBitrates(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        nowUs = clampTime(nowUs);
        if (startBps > 0) {
            startBitrateBps = startBps;
            estimatedBitrateBps = startBps;
        } else if (startBitrateBps == 0) {
            startBitrateBps = Math.max(0, minBps);
        }
        long oldMaxBps = maxBitrateBps;
        maxBitrateBps = maxBps > 0 ? maxBps : settings.defaultMaxProbingBitrateBps;
        switch (state) {
            case INIT:
                if (networkAvailable) {
                    initiateExponentialProbing(nowUs, out);
                }
                break;
            case PROBING_COMPLETE:
                if (estimatedBitrateBps > 0 && oldMaxBps < maxBitrateBps && estimatedBitrateBps < maxBitrateBps) {
                    initiateProbing(nowUs, maxBitrateBps, 0, false, settings.minProbeDurationMs, out);
                }
                break;
            default:
                break;
        }
    }

    /** Sets the maximum probe rate; {@code maxBps <= 0} restores the default 5 Mbps. */
    public void setMaxBitrate(long maxBps) {
        maxBitrateBps = maxBps > 0 ? maxBps : settings.defaultMaxProbingBitrateBps;
    }

    /** The network came up: starts the initial probes if they have not run yet. */
    public void onNetworkAvailable(long nowUs, BweResult out) {
        networkAvailable = true;
        if (state == State.INIT && startBitrateBps > 0) {
            initiateExponentialProbing(clampTime(nowUs), out);
        }
    }

    /** The network went down: a running probe sequence ends. */
    public void onNetworkUnavailable(long nowUs) {
        networkAvailable = false;
        if (state == State.WAITING_FOR_PROBING_RESULT) {
            state = State.PROBING_COMPLETE;
            minBitrateToProbeFurtherBps = Long.MAX_VALUE;
        }
    }

    /**
     * A new bandwidth estimate (libwebrtc SetEstimatedBitrate). While a probe sequence waits, an
     * estimate above {@code furtherProbeThreshold} x the last probed rate triggers a further probe.
     * Non-positive estimates are ignored.
     */
    public void onEstimate(long estimateBps, long nowUs, BweResult out) {
        if (estimateBps <= 0) {
            return;
        }
        estimatedBitrateBps = estimateBps;
        if (state == State.WAITING_FOR_PROBING_RESULT && estimateBps > minBitrateToProbeFurtherBps) {
            initiateProbing(clampTime(nowUs), scale(estimateBps, settings.furtherExponentialProbeScale), 0, true,
                    settings.minProbeDurationMs, out);
        }
    }

    /**
     * Timer tick (libwebrtc Process): ends a probe sequence whose result did not come within 1 s
     * and, in ALR, sends the periodic ALR probe.
     *
     * @param inAlr whether the sender is application-limited now
     * @param alrStartTimeUs when ALR started (ignored unless {@code inAlr})
     */
    public void onProcess(long nowUs, boolean inAlr, long alrStartTimeUs, BweResult out) {
        nowUs = clampTime(nowUs);
        if (nowUs - timeLastProbingInitiatedUs > settings.maxWaitingForProbingResultMs * 1000) {
            if (state == State.WAITING_FOR_PROBING_RESULT) {
                state = State.PROBING_COMPLETE;
                minBitrateToProbeFurtherBps = Long.MAX_VALUE;
            }
        }
        if (estimatedBitrateBps == 0 || state != State.PROBING_COMPLETE) {
            return;
        }
        if (settings.periodicAlrProbing && inAlr) {
            long nextProbeUs = Math.max(clampTime(alrStartTimeUs), timeLastProbingInitiatedUs)
                    + settings.alrProbingIntervalMs * 1000;
            if (nowUs >= nextProbeUs) {
                initiateProbing(nowUs, scale(estimatedBitrateBps, settings.alrProbeScale), 0, true,
                        settings.minProbeDurationMs, out);
            }
        }
    }

    /** Whether a probe sequence is waiting for its result. */
    public boolean isWaitingForProbingResult() {
        return state == State.WAITING_FOR_PROBING_RESULT;
    }

    /** The last estimate given, bits per second (the start rate until then). */
    public long estimatedBitrateBps() {
        return estimatedBitrateBps;
    }

    private void initiateExponentialProbing(long nowUs, BweResult out) {
        if (startBitrateBps <= 0) {
            return;
        }
        long firstBps = scale(startBitrateBps, settings.firstExponentialProbeScale);
        long secondBps = settings.secondExponentialProbeScale > 0
                ? scale(startBitrateBps, settings.secondExponentialProbeScale) : 0;
        initiateProbing(nowUs, firstBps, secondBps, true, settings.initialProbeDurationMs, out);
    }

    /** Requests clusters at {@code firstBps} and, if positive, {@code secondBps}. */
    private void initiateProbing(long nowUs, long firstBps, long secondBps, boolean probeFurther, long durationMs,
                                 BweResult out) {
        if (!settings.enabled) {
            state = State.PROBING_COMPLETE;
            minBitrateToProbeFurtherBps = Long.MAX_VALUE;
            return;
        }
        long lastRequestedBps = secondBps > 0 ? secondBps : firstBps;
        probeFurther &= addCluster(firstBps, durationMs, out);
        if (secondBps > 0) {
            probeFurther &= addCluster(secondBps, durationMs, out);
        }
        timeLastProbingInitiatedUs = nowUs;
        if (probeFurther) {
            state = State.WAITING_FOR_PROBING_RESULT;
            minBitrateToProbeFurtherBps = scale(lastRequestedBps, settings.furtherProbeThreshold);
        } else {
            state = State.PROBING_COMPLETE;
            minBitrateToProbeFurtherBps = Long.MAX_VALUE;
        }
    }

    /** Adds one cluster, capped at the maximum; returns false when the rate reached the cap. */
    private boolean addCluster(long rateBps, long durationMs, BweResult out) {
        boolean uncapped = rateBps < maxBitrateBps;
        long cappedBps = Math.min(rateBps, maxBitrateBps);
        int clusterId = nextClusterId++;
        long durationUs = durationMs * 1000;
        if (out != null && out.addProbeRequest(clusterId, cappedBps, durationUs, settings.minProbePacketsSent)
                && registry != null) {
            registry.record(clusterId, cappedBps, durationUs, settings.minProbePacketsSent);
        }
        return uncapped;
    }

    private static long scale(long rateBps, double factor) {
        double scaled = rateBps * factor;
        if (!(scaled > 0)) {
            return 0;
        }
        return scaled >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.round(scaled);
    }

    private static long clampTime(long timeUs) {
        return Math.max(-MAX_ABS_TIME_US, Math.min(MAX_ABS_TIME_US, timeUs));
    }
}
