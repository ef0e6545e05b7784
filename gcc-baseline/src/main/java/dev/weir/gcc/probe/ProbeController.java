package dev.weir.gcc.probe;

import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.config.ConfigCheck;

/**
 * Decides when to send probe clusters: a port of libwebrtc's
 * {@code modules/congestion_controller/goog_cc/probe_controller.cc} (https://webrtc.googlesource.com/src)
 * with its default {@code ProbeControllerConfig}:
 * <ul>
 *   <li>initial probes at 3x and 6x the start rate once the network is available; while waiting
 *       for their result, an estimate above 0.7x the last probed rate probes further at 2x it; no
 *       result within 1 s ends the sequence;</li>
 *   <li>raising the maximum bitrate above the estimate probes at the new maximum;</li>
 *   <li>no probe while loss, a high RTT or a rising delay limits the rate; at most 1.5x the
 *       estimate while LossBasedBweV2 is increasing ({@link BandwidthLimitedCause});</li>
 *   <li>after a large drop (to 0.66x or below) that recovers within 5 s, one probe at 0.85x the old
 *       rate, if in ALR or ALR ended within 3 s ({@link #requestProbe});</li>
 *   <li>periodic ALR probing (2x every 5 s) and repeated initial probing only when enabled
 *       (both off by default, as in libwebrtc for camera video);</li>
 *   <li>no probe at all while the network is unavailable ({@link #onNetworkAvailability}):
 *       libwebrtc leaves that to its paused pacer, weir's API promises it in the result.</li>
 * </ul>
 * Probes are capped at the configured maximum bitrate (5 Mbps when none is configured); a probe
 * that reaches the cap ends the sequence. Clusters last 15 ms (100 ms while repeated initial
 * probing runs) with at least 5 packets; cluster ids increase from 1. Requests go into the
 * caller's {@link BweResult} and into a {@link ProbeClusterRegistry} for the
 * {@link ProbeBitrateEstimator}.
 *
 * <p>Not ported: network-state-estimate probing (goog_cc runs without a network state estimator by
 * default), allocation probing (weir's API has no allocated-bitrate event), the rapid-recovery field
 * trial, and the pacer-side {@code min_probe_delta}.
 *
 * <p>Not thread-safe: one instance per estimator.
 */
public final class ProbeController {
    /** "Never happened" time: far in the past, yet differences with sane times cannot overflow. */
    private static final long NEVER_US = Long.MIN_VALUE / 4;
    /** Input times are clamped to +-2^52 us (~142 years) so differences never overflow. */
    private static final long MAX_ABS_TIME_US = 1L << 52;
    /** "No limit" rate. */
    private static final long UNLIMITED_BPS = Long.MAX_VALUE;

    private enum State { INIT, WAITING_FOR_PROBING_RESULT, PROBING_COMPLETE }

    private ProbeSettings settings;
    private final ProbeClusterRegistry registry;

    private State state = State.INIT;
    private boolean networkAvailable;
    private BandwidthLimitedCause limitedCause = BandwidthLimitedCause.DELAY_BASED_LIMITED;
    private long startBitrateBps;
    private long estimatedBitrateBps;
    private long maxBitrateBps;
    private long minBitrateToProbeFurtherBps = UNLIMITED_BPS;
    private long timeLastProbingInitiatedUs;
    private long lastAllowedRepeatedInitialProbeUs = NEVER_US;
    private long timeOfLastLargeDropUs;
    private long bitrateBeforeLastLargeDropBps;
    private long lastDropProbeUs;
    private boolean inAlr;
    private long alrEndTimeUs = NEVER_US;
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
        reset(0);
    }

    /**
     * Swaps the probing parameters (a network type's tuning) keeping the probing state; they
     * apply from the next probe decision. Returns false, changing nothing, if invalid.
     */
    public boolean applySettings(ProbeSettings newSettings) {
        if (newSettings == null) {
            return false;
        }
        ConfigCheck check = ConfigCheck.of("probe");
        newSettings.validate(check);
        if (!check.isValid()) {
            return false;
        }
        settings = newSettings.copy();
        return true;
    }

    /** With libwebrtc's defaults and no registry. */
    public ProbeController() {
        this(new ProbeSettings(), null);
    }

    /** Back to the initial state at {@code nowUs} (libwebrtc Reset, e.g. on a route change). */
    public void reset(long nowUs) {
        nowUs = clampTime(nowUs);
        limitedCause = BandwidthLimitedCause.DELAY_BASED_LIMITED;
        state = State.INIT;
        minBitrateToProbeFurtherBps = UNLIMITED_BPS;
        timeLastProbingInitiatedUs = 0;
        estimatedBitrateBps = 0;
        startBitrateBps = 0;
        maxBitrateBps = settings.defaultMaxProbingBitrateBps;
        lastDropProbeUs = nowUs;
        alrEndTimeUs = NEVER_US;
        timeOfLastLargeDropUs = nowUs;
        bitrateBeforeLastLargeDropBps = 0;
    }

    /**
     * The call's bitrates (libwebrtc SetBitrates). A positive {@code startBps} becomes the start
     * rate and current estimate; {@code maxBps <= 0} means no maximum (probes capped at the
     * default 5 Mbps). Starts the initial probes if the network is already available, or probes a
     * raised maximum mid-call.
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
            case INIT -> {
                if (networkAvailable) {
                    initiateExponentialProbing(nowUs, out);
                }
            }
            case PROBING_COMPLETE -> {
                if (estimatedBitrateBps > 0 && oldMaxBps < maxBitrateBps && estimatedBitrateBps < maxBitrateBps) {
                    initiateProbing(nowUs, maxBitrateBps, 0, false, out);
                }
            }
            default -> {
            }
        }
    }

    /** Network availability changed (libwebrtc OnNetworkAvailability). */
    public void onNetworkAvailability(boolean available, long nowUs, BweResult out) {
        networkAvailable = available;
        if (!available && state == State.WAITING_FOR_PROBING_RESULT) {
            complete();
        }
        if (available && state == State.INIT && startBitrateBps > 0) {
            initiateExponentialProbing(clampTime(nowUs), out);
        }
    }

    /**
     * A new target (libwebrtc SetEstimatedBitrate) and why it is limited. Remembers large drops;
     * while a sequence waits, an estimate above 0.7x the last probed rate probes further at 2x.
     * Non-positive estimates are ignored.
     */
    public void setEstimatedBitrate(long estimateBps, BandwidthLimitedCause cause, long nowUs, BweResult out) {
        if (estimateBps <= 0) {
            return;
        }
        nowUs = clampTime(nowUs);
        limitedCause = cause == null ? BandwidthLimitedCause.DELAY_BASED_LIMITED : cause;
        if (estimateBps < settings.bitrateDropThreshold * estimatedBitrateBps) {
            timeOfLastLargeDropUs = nowUs;
            bitrateBeforeLastLargeDropBps = estimatedBitrateBps;
        }
        estimatedBitrateBps = estimateBps;
        if (state == State.WAITING_FOR_PROBING_RESULT) {
            if (settings.abortFurtherProbeIfMaxLowerThanCurrent && estimateBps > maxBitrateBps) {
                minBitrateToProbeFurtherBps = UNLIMITED_BPS;
            }
            if (estimateBps > minBitrateToProbeFurtherBps) {
                initiateProbing(nowUs, scale(estimateBps, settings.furtherExponentialProbeScale), 0, true, out);
            }
        }
    }

    /** Whether the sender is application-limited now (libwebrtc SetAlrStartTime). */
    public void setInAlr(boolean inAlr) {
        this.inAlr = inAlr;
    }

    /** The sender left ALR at {@code nowUs} (libwebrtc SetAlrEndedTime). */
    public void setAlrEndedTime(long nowUs) {
        alrEndTimeUs = clampTime(nowUs);
    }

    /**
     * The delay-based estimate recovered from overuse (libwebrtc RequestProbe): if the rate fell
     * by a third or more within the last 5 s and the sender is or just was application-limited,
     * probe once at 0.85x the rate before the drop.
     */
    public void requestProbe(long nowUs, BweResult out) {
        nowUs = clampTime(nowUs);
        boolean alrEndedRecently = alrEndTimeUs != NEVER_US && nowUs - alrEndTimeUs < settings.alrEndedTimeoutMs * 1000;
        if (!(inAlr || alrEndedRecently) || state != State.PROBING_COMPLETE) {
            return;
        }
        long suggestedBps = scale(bitrateBeforeLastLargeDropBps, settings.probeFractionAfterDrop);
        long minExpectedBps = scale(suggestedBps, 1 - settings.probeUncertainty);
        if (minExpectedBps > estimatedBitrateBps
                && nowUs - timeOfLastLargeDropUs < settings.bitrateDropTimeoutMs * 1000
                && nowUs - lastDropProbeUs > settings.minTimeBetweenDropProbesMs * 1000) {
            lastDropProbeUs = nowUs;
            initiateProbing(nowUs, suggestedBps, 0, false, out);
        }
    }

    /**
     * Timer tick (libwebrtc Process): ends a sequence whose result did not come within 1 s, then
     * sends a repeated-initial or periodic ALR probe when those are enabled and due.
     *
     * @param alrStartTimeUs when ALR started, if {@link #setInAlr in ALR}
     */
    public void process(long nowUs, long alrStartTimeUs, BweResult out) {
        nowUs = clampTime(nowUs);
        if (nowUs - timeLastProbingInitiatedUs > settings.maxWaitingForProbingResultMs * 1000
                && state == State.WAITING_FOR_PROBING_RESULT) {
            complete();
        }
        if (estimatedBitrateBps == 0 || state != State.PROBING_COMPLETE) {
            return;
        }
        if (timeForNextRepeatedInitialProbe(nowUs)) {
            initiateProbing(nowUs, scale(estimatedBitrateBps, settings.firstExponentialProbeScale), 0, true, out);
        } else if (settings.periodicAlrProbing && inAlr
                && nowUs >= Math.max(clampTime(alrStartTimeUs), timeLastProbingInitiatedUs)
                        + settings.alrProbingIntervalMs * 1000) {
            initiateProbing(nowUs, scale(estimatedBitrateBps, settings.alrProbeScale), 0, true, out);
        }
    }

    /** Whether the network was last reported available. */
    public boolean networkAvailable() {
        return networkAvailable;
    }

    /** Whether a probe sequence is waiting for its result. */
    public boolean isWaitingForProbingResult() {
        return state == State.WAITING_FOR_PROBING_RESULT;
    }

    /** The last estimate given, bits per second (the start rate until then). */
    public long estimatedBitrateBps() {
        return estimatedBitrateBps;
    }

    private boolean timeForNextRepeatedInitialProbe(long nowUs) {
        return state != State.WAITING_FOR_PROBING_RESULT && lastAllowedRepeatedInitialProbeUs > nowUs
                && nowUs >= timeLastProbingInitiatedUs + settings.maxWaitingForProbingResultMs * 1000;
    }

    private void initiateExponentialProbing(long nowUs, BweResult out) {
        if (startBitrateBps <= 0) {
            return;
        }
        long firstBps = scale(startBitrateBps, settings.firstExponentialProbeScale);
        long secondBps = settings.secondExponentialProbeScale > 0
                ? scale(startBitrateBps, settings.secondExponentialProbeScale) : 0;
        if (settings.repeatedInitialProbing) {
            lastAllowedRepeatedInitialProbeUs = nowUs + settings.repeatedInitialProbingPeriodMs * 1000;
        }
        initiateProbing(nowUs, firstBps, secondBps, true, out);
    }

    /** Requests clusters at {@code firstBps} and, if positive, {@code secondBps} (libwebrtc InitiateProbing). */
    private void initiateProbing(long nowUs, long firstBps, long secondBps, boolean probeFurther, BweResult out) {
        if (!networkAvailable) {
            return; // a paused pacer would not send it (see the class comment)
        }
        if (!settings.enabled) {
            complete();
            return;
        }
        if (settings.skipIfEstimateLargerThanFractionOfMax > 0
                && estimatedBitrateBps > settings.skipIfEstimateLargerThanFractionOfMax * maxBitrateBps) {
            complete();
            return;
        }
        long maxProbeBps = maxBitrateBps;
        switch (limitedCause) {
            case RTT_BASED_BACKOFF_HIGH_RTT, DELAY_BASED_LIMITED_DELAY_INCREASED, LOSS_LIMITED_BWE -> {
                return; // no probe while the rate is limited for a reason a probe cannot fix
            }
            case LOSS_LIMITED_BWE_INCREASING ->
                    maxProbeBps = Math.min(maxProbeBps, scale(estimatedBitrateBps, settings.lossLimitedProbeScale));
            default -> {
            }
        }
        long durationMs = nowUs < lastAllowedRepeatedInitialProbeUs
                ? settings.initialProbeDurationMs : settings.minProbeDurationMs;
        long lastBps = firstBps;
        if (firstBps >= maxProbeBps) {
            firstBps = maxProbeBps;
            probeFurther = false;
        }
        addCluster(firstBps, durationMs, out);
        lastBps = firstBps;
        if (secondBps > 0) {
            if (secondBps >= maxProbeBps) {
                secondBps = maxProbeBps;
                probeFurther = false;
            }
            addCluster(secondBps, durationMs, out);
            lastBps = secondBps;
        }
        timeLastProbingInitiatedUs = nowUs;
        if (probeFurther) {
            state = State.WAITING_FOR_PROBING_RESULT;
            minBitrateToProbeFurtherBps = scale(lastBps, settings.furtherProbeThreshold);
        } else {
            complete();
        }
    }

    private void complete() {
        state = State.PROBING_COMPLETE;
        minBitrateToProbeFurtherBps = UNLIMITED_BPS;
    }

    private void addCluster(long rateBps, long durationMs, BweResult out) {
        int clusterId = nextClusterId++;
        long durationUs = durationMs * 1000;
        if (out != null && out.addProbeRequest(clusterId, rateBps, durationUs, settings.minProbePacketsSent)
                && registry != null) {
            registry.record(clusterId, rateBps, durationUs, settings.minProbePacketsSent);
        }
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
