package dev.weir.netpath;

/*
 * RFC 3550 appendix A.1 (extended highest sequence number, cycles), A.3 (expected, cumulative
 * and fraction lost) and A.8 (interarrival jitter, J += (|D| - J) / 16).
 */

/**
 * The receiver's statistics about one RTP stream, for the report block of its RR. Sequence
 * numbers are extended with a cycle count (a jump of more than half the 16-bit space backwards is
 * a wrap); the probation of A.1 is left out: the harness's sender is known and never restarts.
 *
 * <p>Not thread-safe: owned by the receiver loop.
 */
final class ReceptionStats {
    private static final int SEQUENCE_MOD = 1 << 16;
    /** RFC 3550 A.8: the jitter estimate's gain. */
    private static final double JITTER_GAIN = 1.0 / 16;

    private final long clockRateHz;
    private boolean started;
    private long baseSequence;
    private long maxExtended;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private boolean hasTransit;
    private long lastTransit;
    private double jitter;

    /** @param clockRateHz the stream's RTP clock (90 000 for video) */
    ReceptionStats(long clockRateHz) {
        this.clockRateHz = clockRateHz;
    }

    /** A packet of the stream arrived at {@code arrivalUs} (receiver clock). */
    void onPacket(int sequence, long rtpTimestamp, long arrivalUs) {
        if (!started) {
            started = true;
            baseSequence = sequence;
            maxExtended = sequence;
        } else {
            long cycles = maxExtended & ~0xFFFFL;
            long candidate = cycles | sequence;
            long delta = candidate - maxExtended;
            if (delta < -SEQUENCE_MOD / 2) {
                candidate += SEQUENCE_MOD;
            } else if (delta > SEQUENCE_MOD / 2) {
                candidate -= SEQUENCE_MOD;
            }
            maxExtended = Math.max(maxExtended, candidate);
        }
        received++;
        long arrivalUnits = Math.floorDiv(arrivalUs * clockRateHz, 1_000_000L);
        long transit = arrivalUnits - rtpTimestamp;
        if (hasTransit) {
            long d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) * JITTER_GAIN;
        }
        hasTransit = true;
        lastTransit = transit;
    }

    boolean started() {
        return started;
    }

    /** Extended highest sequence number received (cycles in the upper 16 bits). */
    long extendedHighestSequence() {
        return maxExtended & 0xFFFF_FFFFL;
    }

    long expected() {
        return started ? maxExtended - baseSequence + 1 : 0;
    }

    /** Packets lost since the start (negative with duplicates, as RFC 3550 allows). */
    long cumulativeLost() {
        return expected() - received;
    }

    /** Interarrival jitter, RTP timestamp units. */
    long jitterUnits() {
        return (long) jitter;
    }

    /** Fraction lost since the previous call, in 1/256 (A.3), and starts the next interval. */
    int takeFractionLost() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }
}
