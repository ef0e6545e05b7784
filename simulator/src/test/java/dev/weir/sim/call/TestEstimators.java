package dev.weir.sim.call;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import java.util.TreeSet;

/** Scripted estimators for closed-loop tests. */
final class TestEstimators {
    private TestEstimators() {
    }

    /**
     * A constant rate with a constant FEC share, and optionally one probe cluster requested on the
     * first process tick at or after {@code probeAtUs}. Records the probe cluster ids and the
     * number of packets seen in feedback.
     */
    static final class Scripted implements BandwidthEstimator {
        private final long rateBps;
        private final double fecRatio;
        private final long probeAtUs;
        private final int probeClusterId;
        private final long probeRateBps;
        private boolean probed;
        final TreeSet<Integer> clustersInFeedback = new TreeSet<>();
        long packetsInFeedback;
        long packetsSent;
        long rttSamples;

        Scripted(long rateBps, double fecRatio, long probeAtUs, int probeClusterId, long probeRateBps) {
            this.rateBps = rateBps;
            this.fecRatio = fecRatio;
            this.probeAtUs = probeAtUs;
            this.probeClusterId = probeClusterId;
            this.probeRateBps = probeRateBps;
        }

        static Scripted fixed(long rateBps, double fecRatio) {
            return new Scripted(rateBps, fecRatio, Long.MAX_VALUE, -1, 0);
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) {
            packetsSent++;
        }

        @Override
        public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
            for (int i = 0; i < report.count(); i++) {
                packetsInFeedback++;
                if (report.probeClusterId(i) != FeedbackReport.NOT_A_PROBE) {
                    clustersInFeedback.add(report.probeClusterId(i));
                }
            }
            fill(nowUs, out);
        }

        @Override
        public void onRttSample(long rttUs, long nowUs, BweResult out) {
            rttSamples++;
            fill(nowUs, out);
        }

        @Override
        public void onReceiverReport(long packetsLost, long packetsExpected, long nowUs, BweResult out) {
            fill(nowUs, out);
        }

        @Override
        public void onProcessInterval(long nowUs, BweResult out) {
            fill(nowUs, out);
            if (!probed && nowUs >= probeAtUs) {
                probed = true;
                out.addProbeRequest(probeClusterId, probeRateBps, 15_000, 5);
            }
        }

        @Override
        public void currentEstimate(long nowUs, BweResult out) {
            fill(nowUs, out);
        }

        @Override
        public void onTargetRateConstraints(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
            currentEstimate(nowUs, out);
        }

        @Override
        public void onNetworkRouteChange(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
            currentEstimate(nowUs, out);
        }

        @Override
        public void onNetworkAvailability(boolean available, long nowUs, BweResult out) {
            currentEstimate(nowUs, out);
        }

        @Override
        public void onRemoteEstimate(long bitrateBps, long nowUs, BweResult out) {
            currentEstimate(nowUs, out);
        }

        @Override
        public void setTargetRateListener(dev.weir.bwe.api.TargetRateListener listener) {
            // tests read results directly
        }

        @Override
        public void stats(dev.weir.bwe.api.BweStats out) {
            out.estimate(name(), 0, 0).counters(packetsSent, 0, packetsInFeedback, 0, 0, 0, 0);
        }

        private void fill(long nowUs, BweResult out) {
            out.timeUs(nowUs).targetRateBps(rateBps).pacingRateBps(0).delayBasedRateBps(rateBps)
                    .lossBasedRateBps(rateBps).ackedRateBps(0).delayState(BandwidthUsage.NORMAL).lossRatio(0)
                    .rttUs(0).inAlr(false).fecRatio(fecRatio).clearProbeRequests();
        }
    }

    /** Reports nonsense on every event: negative or huge targets, NaN FEC, absurd probe requests. */
    static final class Nonsense implements BandwidthEstimator {
        private int events;

        @Override
        public String name() {
            return "nonsense";
        }

        @Override
        public void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) {
            events++;
        }

        @Override
        public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
            fill(nowUs, out);
        }

        @Override
        public void onRttSample(long rttUs, long nowUs, BweResult out) {
            fill(nowUs, out);
        }

        @Override
        public void onReceiverReport(long packetsLost, long packetsExpected, long nowUs, BweResult out) {
            fill(nowUs, out);
        }

        @Override
        public void onProcessInterval(long nowUs, BweResult out) {
            fill(nowUs, out);
        }

        @Override
        public void currentEstimate(long nowUs, BweResult out) {
            fill(nowUs, out);
        }

        @Override
        public void onTargetRateConstraints(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
            currentEstimate(nowUs, out);
        }

        @Override
        public void onNetworkRouteChange(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
            currentEstimate(nowUs, out);
        }

        @Override
        public void onNetworkAvailability(boolean available, long nowUs, BweResult out) {
            currentEstimate(nowUs, out);
        }

        @Override
        public void onRemoteEstimate(long bitrateBps, long nowUs, BweResult out) {
            currentEstimate(nowUs, out);
        }

        @Override
        public void setTargetRateListener(dev.weir.bwe.api.TargetRateListener listener) {
            // tests read results directly
        }

        @Override
        public void stats(dev.weir.bwe.api.BweStats out) {
            out.estimate(name(), 0, 0).counters(events, 0, 0, 0, 0, 0, 0);
        }

        private void fill(long nowUs, BweResult out) {
            events++;
            out.timeUs(nowUs).targetRateBps(events % 2 == 0 ? -5 : Long.MAX_VALUE)
                    .pacingRateBps(events % 3 == 0 ? Long.MAX_VALUE : -1).fecRatio(Double.NaN).delayState(null)
                    .clearProbeRequests().addProbeRequest(events, Long.MAX_VALUE, -1, Integer.MAX_VALUE);
        }
    }
}
