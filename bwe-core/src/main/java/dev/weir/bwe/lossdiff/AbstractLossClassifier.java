package dev.weir.bwe.lossdiff;

import dev.weir.bwe.api.FeedbackReport;

/**
 * The loss-event bookkeeping every rule shares: ordering, gap detection, the minimum inter-arrival
 * time Tmin, the latest verdict, counters and the sink. A rule implements {@link #observe}, called
 * once for every received in-sequence packet, and reads the packet through the protected getters.
 *
 * <p>Tmin (Cen et al. 2003: "the minimum inter-arrival time observed so far") is taken only over
 * pairs of consecutive sequence numbers with a positive inter-arrival time, so a gap's span never
 * pollutes it. Inter-arrival times use the receiver clock; ROTT = arrival - send (offset unknown).
 *
 * <p>Not thread-safe: one instance per call.
 */
public abstract class AbstractLossClassifier implements LossClassifier {
    /** Timestamps beyond +-2^60 us are garbage; the bound keeps differences from overflowing. */
    private static final long MAX_ABS_TIME_US = 1L << 60;

    private LossVerdictSink sink;
    private boolean hasLast;
    private long lastSequence;
    private long lastArrivalUs;
    private long minInterArrivalUs;

    private long currentSequence;
    private long currentSendUs;
    private long currentArrivalUs;
    private int currentSizeBytes;
    private long currentInterArrivalUs;
    private boolean currentHasInterArrival;

    private Verdict lastVerdict = Verdict.NONE;
    private long lastFirstLostSequence = -1;
    private long lastLostPackets;
    private long lastDetectedArrivalUs;
    private int lossesClassified;
    private long randomLosses;
    private long congestionLosses;
    private long randomLostPackets;
    private long congestionLostPackets;
    private long packetsReportedLost;

    @Override
    public final void onPacket(long sequence, long sendTimeUs, long arrivalTimeUs, int sizeBytes) {
        if (arrivalTimeUs == FeedbackReport.LOST) {
            packetsReportedLost++;
            return;
        }
        if (!validTime(sendTimeUs) || !validTime(arrivalTimeUs) || (hasLast && sequence <= lastSequence)) {
            return;
        }
        long lostPackets = hasLast ? sequence - lastSequence - 1 : 0;
        if (lostPackets > MAX_GAP_PACKETS || lostPackets < 0) {
            hasLast = false;
            lostPackets = 0;
        }
        currentSequence = sequence;
        currentSendUs = sendTimeUs;
        currentArrivalUs = arrivalTimeUs;
        currentSizeBytes = sizeBytes;
        currentHasInterArrival = hasLast;
        currentInterArrivalUs = hasLast ? arrivalTimeUs - lastArrivalUs : 0;
        if (hasLast && lostPackets == 0 && currentInterArrivalUs > 0
                && (minInterArrivalUs == 0 || currentInterArrivalUs < minInterArrivalUs)) {
            minInterArrivalUs = currentInterArrivalUs;
        }
        Verdict verdict = observe(lostPackets);
        if (lostPackets > 0) {
            record(sequence - lostPackets, lostPackets, arrivalTimeUs, verdict == Verdict.RANDOM
                    ? Verdict.RANDOM : Verdict.CONGESTION);
        }
        hasLast = true;
        lastSequence = sequence;
        lastArrivalUs = arrivalTimeUs;
    }

    /**
     * Updates the rule's state with the current packet and, when {@code lostPackets > 0} (it is
     * the first packet after a gap of that many), returns the verdict on the gap. The return value
     * is ignored when {@code lostPackets == 0}.
     */
    protected abstract Verdict observe(long lostPackets);

    /** Clears the rule's own state; called by {@link #reset()}. */
    protected abstract void resetRule();

    private void record(long firstLostSequence, long lostPackets, long arrivalUs, Verdict verdict) {
        lastVerdict = verdict;
        lastFirstLostSequence = firstLostSequence;
        lastLostPackets = lostPackets;
        lastDetectedArrivalUs = arrivalUs;
        lossesClassified++;
        if (verdict == Verdict.RANDOM) {
            randomLosses++;
            randomLostPackets += lostPackets;
        } else {
            congestionLosses++;
            congestionLostPackets += lostPackets;
        }
        if (sink != null) {
            sink.onVerdict(this, firstLostSequence, lostPackets, arrivalUs, verdict);
        }
    }

    /** Sequence number of the packet being observed. */
    protected final long sequence() {
        return currentSequence;
    }

    /** Send time of the packet being observed, microseconds. */
    protected final long sendTimeUs() {
        return currentSendUs;
    }

    /** Arrival time of the packet being observed (receiver clock), microseconds. */
    protected final long arrivalTimeUs() {
        return currentArrivalUs;
    }

    /** Size of the packet being observed, bytes (as reported). */
    protected final int sizeBytes() {
        return currentSizeBytes;
    }

    /** Relative one-way trip time of the packet being observed: arrival - send, microseconds. */
    protected final long rottUs() {
        return currentArrivalUs - currentSendUs;
    }

    /** Whether a previous received packet exists (so {@link #interArrivalUs()} is meaningful). */
    protected final boolean hasInterArrival() {
        return currentHasInterArrival;
    }

    /** Arrival time minus the previous received packet's, microseconds (Ti after a gap). */
    protected final long interArrivalUs() {
        return currentInterArrivalUs;
    }

    /** Tmin, microseconds; 0 while unknown. */
    protected final long minInterArrivalUs() {
        return minInterArrivalUs;
    }

    @Override
    public Verdict lastVerdict() {
        return lastVerdict;
    }

    @Override
    public long lastFirstLostSequence() {
        return lastFirstLostSequence;
    }

    @Override
    public long lastLostPackets() {
        return lastLostPackets;
    }

    @Override
    public long lastDetectedArrivalUs() {
        return lastDetectedArrivalUs;
    }

    @Override
    public int lossesClassified() {
        return lossesClassified;
    }

    @Override
    public long randomLosses() {
        return randomLosses;
    }

    @Override
    public long congestionLosses() {
        return congestionLosses;
    }

    @Override
    public long randomLostPackets() {
        return randomLostPackets;
    }

    @Override
    public long congestionLostPackets() {
        return congestionLostPackets;
    }

    @Override
    public long packetsReportedLost() {
        return packetsReportedLost;
    }

    @Override
    public void setSink(LossVerdictSink sink) {
        this.sink = sink;
    }

    @Override
    public void reset() {
        hasLast = false;
        lastSequence = 0;
        lastArrivalUs = 0;
        minInterArrivalUs = 0;
        lastVerdict = Verdict.NONE;
        lastFirstLostSequence = -1;
        lastLostPackets = 0;
        lastDetectedArrivalUs = 0;
        lossesClassified = 0;
        randomLosses = 0;
        congestionLosses = 0;
        randomLostPackets = 0;
        congestionLostPackets = 0;
        packetsReportedLost = 0;
        resetRule();
    }

    private static boolean validTime(long timeUs) {
        return timeUs > -MAX_ABS_TIME_US && timeUs < MAX_ABS_TIME_US;
    }
}
