package dev.weir.gcc.delay;

import java.util.ArrayDeque;
import java.util.function.LongUnaryOperator;

/**
 * Test harness: a paced sender, a FIFO bottleneck of fixed capacity with constant propagation
 * delay, and transport feedback every 100 ms carrying the packets that arrived since the last
 * one. The acknowledged rate is the bytes received in the last 500 ms. Not thread-safe.
 */
final class DelaySimulation {
    static final int PACKET_SIZE_BYTES = 1200;
    static final long FEEDBACK_INTERVAL_US = 100_000;
    private static final long ACKED_WINDOW_US = 500_000;

    final DelayBasedBwe bwe;
    final DelayBasedResult result = new DelayBasedResult();
    private final long propagationUs;
    private long capacityBps;
    private long nowUs;
    private long nextSendUs;
    private long nextFeedbackUs;
    private long bottleneckFreeUs;
    /** In flight: {sendUs, arrivalUs}, arrival order (FIFO bottleneck). */
    private final ArrayDeque<long[]> inFlight = new ArrayDeque<>();
    /** Received within the acked window: arrival times. */
    private final ArrayDeque<Long> received = new ArrayDeque<>();
    long lastAckedRateBps;

    DelaySimulation(DelayBasedSettings settings, long startBps, long capacityBps, long propagationUs) {
        this.bwe = new DelayBasedBwe(settings);
        this.bwe.setStartBitrate(startBps);
        this.capacityBps = capacityBps;
        this.propagationUs = propagationUs;
        this.nextFeedbackUs = FEEDBACK_INTERVAL_US;
    }

    void setCapacityBps(long capacityBps) {
        this.capacityBps = capacityBps;
    }

    long nowUs() {
        return nowUs;
    }

    /** Moves time forward by {@code durationUs}; {@code sendRateBps} maps the current estimate to the send rate. */
    void run(long durationUs, LongUnaryOperator sendRateBps, ReportListener listener) {
        long endUs = nowUs + durationUs;
        while (nowUs < endUs) {
            if (nextSendUs <= nextFeedbackUs) {
                nowUs = nextSendUs;
                send();
                long rateBps = Math.max(10_000, sendRateBps.applyAsLong(bwe.lastEstimateBps()));
                nextSendUs = nowUs + PACKET_SIZE_BYTES * 8L * 1_000_000L / rateBps;
            } else {
                nowUs = nextFeedbackUs;
                feedback(listener);
                nextFeedbackUs += FEEDBACK_INTERVAL_US;
            }
        }
    }

    /** Skips time with nothing sent and no feedback (a silent period). */
    void pause(long durationUs) {
        nowUs += durationUs;
        nextSendUs = nowUs;
        nextFeedbackUs = nowUs + FEEDBACK_INTERVAL_US;
    }

    private void send() {
        long transmitUs = PACKET_SIZE_BYTES * 8L * 1_000_000L / capacityBps;
        long startUs = Math.max(nowUs, bottleneckFreeUs);
        bottleneckFreeUs = startUs + transmitUs;
        inFlight.addLast(new long[] {nowUs, bottleneckFreeUs + propagationUs});
    }

    private void feedback(ReportListener listener) {
        while (!inFlight.isEmpty() && inFlight.peekFirst()[1] <= nowUs) {
            long[] packet = inFlight.pollFirst();
            bwe.onPacket(packet[0], packet[1], PACKET_SIZE_BYTES, nowUs);
            received.addLast(packet[1]);
        }
        while (!received.isEmpty() && received.peekFirst() <= nowUs - ACKED_WINDOW_US) {
            received.pollFirst();
        }
        lastAckedRateBps = received.size() * PACKET_SIZE_BYTES * 8L * 1_000_000L / ACKED_WINDOW_US;
        bwe.onReportEnd(lastAckedRateBps, 0, false, nowUs, result);
        listener.onReport(nowUs, lastAckedRateBps, result);
    }

    /** Sees every report's outcome. */
    interface ReportListener {
        void onReport(long nowUs, long ackedRateBps, DelayBasedResult result);
    }
}
