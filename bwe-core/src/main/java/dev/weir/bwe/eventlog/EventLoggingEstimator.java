package dev.weir.bwe.eventlog;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.api.ForwardingEstimator;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every call of a wrapped estimator, with its result, into an {@link EventLogWriter}; the
 * estimator itself sees the calls unchanged and its results are returned unchanged. Replaying the
 * log ({@link LoggedEvent#applyTo}) into a fresh estimator of the same kind and settings reproduces
 * every result exactly.
 *
 * <pre>{@code
 * try (EventLoggingEstimator bwe = new EventLoggingEstimator(new GoogCcEstimator(settings),
 *         new EventLogWriter(Files.newOutputStream(file), header))) {
 *     ... drive bwe as the estimator itself ...
 * }   // closes the estimator and completes the log
 * }</pre>
 *
 * <p>Logging never breaks the call: the first write failure (a full disk) is logged (SLF4J, warn),
 * kept ({@link #failure()}) and recording stops, the estimator carries on. Allocation-free per
 * event, as the writer is.
 *
 * <p>Not thread-safe: one instance per call, driven from one thread.
 */
public final class EventLoggingEstimator extends ForwardingEstimator {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoggingEstimator.class);

    private final EventLogWriter writer;
    private IOException failure;
    private boolean closed;

    public EventLoggingEstimator(BandwidthEstimator inner, EventLogWriter writer) {
        // requireNonNull before super: a null keeps failing with the NullPointerException it always did
        super(Objects.requireNonNull(inner, "inner"));
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** The wrapped estimator (for its own methods, e.g. the weir estimator's bundle offers). */
    public BandwidthEstimator inner() {
        return delegate();
    }

    /** The first write failure, or null while the log is intact. */
    public IOException failure() {
        return failure;
    }

    @Override
    public void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) {
        super.onPacketSent(transportSequenceNumber, sendTimeUs, sizeBytes);
        if (recording()) {
            try {
                writer.packetSent(transportSequenceNumber, sendTimeUs, sizeBytes);
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    @Override
    public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
        super.onFeedback(report, nowUs, out);
        if (recording()) {
            try {
                writer.feedback(report, nowUs, out);
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    @Override
    public void onRttSample(long rttUs, long nowUs, BweResult out) {
        super.onRttSample(rttUs, nowUs, out);
        if (recording()) {
            try {
                writer.rttSample(rttUs, nowUs, out);
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    @Override
    public void onReceiverReport(long packetsLost, long packetsExpected, long nowUs, BweResult out) {
        super.onReceiverReport(packetsLost, packetsExpected, nowUs, out);
        if (recording()) {
            try {
                writer.receiverReport(packetsLost, packetsExpected, nowUs, out);
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    @Override
    public void onProcessInterval(long nowUs, BweResult out) {
        super.onProcessInterval(nowUs, out);
        if (recording()) {
            try {
                writer.processInterval(nowUs, out);
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    @Override
    public void currentEstimate(long nowUs, BweResult out) {
        super.currentEstimate(nowUs, out);
        if (recording()) {
            try {
                writer.currentEstimate(nowUs, out);
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    @Override
    public void onTargetRateConstraints(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        super.onTargetRateConstraints(minBps, startBps, maxBps, nowUs, out);
        if (recording()) {
            try {
                writer.targetRateConstraints(minBps, startBps, maxBps, nowUs, out);
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    @Override
    public void onNetworkRouteChange(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        super.onNetworkRouteChange(minBps, startBps, maxBps, nowUs, out);
        if (recording()) {
            try {
                writer.networkRouteChange(minBps, startBps, maxBps, nowUs, out);
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    @Override
    public void onNetworkAvailability(boolean available, long nowUs, BweResult out) {
        super.onNetworkAvailability(available, nowUs, out);
        if (recording()) {
            try {
                writer.networkAvailability(available, nowUs, out);
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    @Override
    public void onRemoteEstimate(long bitrateBps, long nowUs, BweResult out) {
        super.onRemoteEstimate(bitrateBps, nowUs, out);
        if (recording()) {
            try {
                writer.remoteEstimate(bitrateBps, nowUs, out);
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    /** Closes the wrapped estimator, then completes and closes the log. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        super.close();
        try {
            writer.close();
        } catch (IOException e) {
            fail(e);
        }
    }

    private boolean recording() {
        return failure == null && !closed;
    }

    private void fail(IOException e) {
        if (failure == null) {
            failure = e;
            LOG.warn("event log of {} stopped: {}", name(), e.toString());
        }
    }
}
