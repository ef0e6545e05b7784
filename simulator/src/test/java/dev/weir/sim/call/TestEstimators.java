package dev.weir.sim.call;

import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.contract.RecordingEstimator;
import java.util.TreeSet;

/** Scripted estimators for closed-loop tests; not thread-safe, one instance per call. */
final class TestEstimators {
    private TestEstimators() {
    }

    /**
     * A constant rate with a constant FEC share, and optionally one probe cluster requested on the
     * first process tick at or after {@code probeAtUs}. Records the probe cluster ids seen in
     * feedback; the recorder counts the rest.
     */
    static final class Scripted extends RecordingEstimator {
        private final long rateBps;
        private final double fecRatio;
        private final long probeAtUs;
        private final int probeClusterId;
        private final long probeRateBps;
        private boolean probed;
        final TreeSet<Integer> clustersInFeedback = new TreeSet<>();

        Scripted(long rateBps, double fecRatio, long probeAtUs, int probeClusterId, long probeRateBps) {
            super("scripted");
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
        public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
            for (int i = 0; i < report.count(); i++) {
                if (report.probeClusterId(i) != FeedbackReport.NOT_A_PROBE) {
                    clustersInFeedback.add(report.probeClusterId(i));
                }
            }
            super.onFeedback(report, nowUs, out);
        }

        @Override
        public void onProcessInterval(long nowUs, BweResult out) {
            super.onProcessInterval(nowUs, out);
            if (!probed && nowUs >= probeAtUs) {
                probed = true;
                out.addProbeRequest(probeClusterId, probeRateBps, 15_000, 5);
            }
        }

        @Override
        public void currentEstimate(long nowUs, BweResult out) {
            out.timeUs(nowUs).targetRateBps(rateBps).pacingRateBps(0).delayBasedRateBps(rateBps)
                    .lossBasedRateBps(rateBps).ackedRateBps(0).delayState(BandwidthUsage.NORMAL).lossRatio(0)
                    .rttUs(0).inAlr(false).fecRatio(fecRatio).clearProbeRequests();
        }
    }

    /** Reports nonsense on every event: negative or huge targets, NaN FEC, absurd probe requests. */
    static final class Nonsense extends RecordingEstimator {
        /** Packets sent and answers given: the nonsense alternates with it. */
        private int events;

        Nonsense() {
            super("nonsense");
        }

        @Override
        public void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) {
            super.onPacketSent(transportSequenceNumber, sendTimeUs, sizeBytes);
            events++;
        }

        @Override
        public void currentEstimate(long nowUs, BweResult out) {
            events++;
            out.timeUs(nowUs).targetRateBps(events % 2 == 0 ? -5 : Long.MAX_VALUE)
                    .pacingRateBps(events % 3 == 0 ? Long.MAX_VALUE : -1).fecRatio(Double.NaN).delayState(null)
                    .clearProbeRequests().addProbeRequest(events, Long.MAX_VALUE, -1, Integer.MAX_VALUE);
        }
    }
}
