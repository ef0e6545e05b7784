package dev.weir.gcc.loss.v2;

/**
 * The window of completed observations of {@link LossBasedBweV2} and what libwebrtc derives from it
 * alone (modules/congestion_controller/goog_cc/loss_based_bwe_v2.cc,
 * https://webrtc.googlesource.com/src): the temporal weights, the average reported loss ratio
 * (packet or byte based, the latter ignoring a one-observation loss spike) and the median sending
 * rate. Observation {@code id} lives in slot {@code id % size}; an observation's weight index is
 * its age, {@code (count - 1) - id}.
 *
 * <p>Structure of arrays, preallocated; nothing is allocated per observation. Weighted byte sums
 * are rounded per term as libwebrtc's {@code double * DataSize} rounds.
 *
 * <p>Not thread-safe: owned by one {@link LossBasedBweV2}.
 */
final class ObservationWindow {
    /** Marks a slot that holds no observation yet (libwebrtc {@code Observation::id == -1}). */
    private static final long UNINITIALIZED = -1;
    /** libwebrtc skips the min and max loss observation only with more than 3 observations. */
    private static final int MIN_OBSERVATIONS_TO_FILTER_SPIKES = 3;

    long[] ids;
    long[] numPackets;
    long[] numLostPackets;
    long[] numReceivedPackets;
    long[] sendingRatesBps;
    long[] sizesBytes;
    long[] lostSizesBytes;
    double[] temporalWeights;
    private double[] instantUpperBoundTemporalWeights;
    private long[] medianScratch;
    private long count;

    ObservationWindow(int size) {
        allocate(size);
    }

    int size() {
        return ids.length;
    }

    /** Observations ever pushed (libwebrtc {@code num_observations_}). */
    long count() {
        return count;
    }

    /** Forgets every observation. */
    void reset() {
        java.util.Arrays.fill(ids, UNINITIALIZED);
        count = 0;
    }

    /**
     * Changes the window size, keeping the most recent observations that fit (their ids are
     * consecutive, so they land in distinct slots). Allocates; only for a settings swap.
     */
    void resize(int newSize) {
        if (newSize == ids.length) {
            return;
        }
        long[] oldIds = ids;
        long[] oldPackets = numPackets;
        long[] oldLost = numLostPackets;
        long[] oldReceived = numReceivedPackets;
        long[] oldRates = sendingRatesBps;
        long[] oldSizes = sizesBytes;
        long[] oldLostSizes = lostSizesBytes;
        allocate(newSize);
        for (int i = 0; i < oldIds.length; i++) {
            long id = oldIds[i];
            if (id != UNINITIALIZED && count - id <= newSize) {
                int slot = (int) (id % newSize);
                ids[slot] = id;
                numPackets[slot] = oldPackets[i];
                numLostPackets[slot] = oldLost[i];
                numReceivedPackets[slot] = oldReceived[i];
                sendingRatesBps[slot] = oldRates[i];
                sizesBytes[slot] = oldSizes[i];
                lostSizesBytes[slot] = oldLostSizes[i];
            }
        }
    }

    /** libwebrtc {@code CalculateTemporalWeights}: {@code factor^age}. */
    void computeTemporalWeights(double temporalWeightFactor, double instantUpperBoundTemporalWeightFactor) {
        for (int i = 0; i < ids.length; i++) {
            temporalWeights[i] = Math.pow(temporalWeightFactor, i);
            instantUpperBoundTemporalWeights[i] = Math.pow(instantUpperBoundTemporalWeightFactor, i);
        }
    }

    boolean isInitialized(int slot) {
        return ids[slot] != UNINITIALIZED;
    }

    /** Likelihood weight of the observation in {@code slot}. */
    double temporalWeight(int slot) {
        return temporalWeights[(int) ((count - 1) - ids[slot])];
    }

    /** Sending rate of the most recent observation, bps; only valid when {@link #count()} > 0. */
    long mostRecentSendingRateBps() {
        return sendingRatesBps[(int) ((count - 1) % ids.length)];
    }

    /** Appends an observation; the oldest one is overwritten once the window is full. */
    void push(long packets, long lostPackets, long sendingRateBps, long sizeBytes, long lostSizeBytes) {
        long id = count++;
        int slot = (int) (id % ids.length);
        ids[slot] = id;
        numPackets[slot] = packets;
        numLostPackets[slot] = lostPackets;
        numReceivedPackets[slot] = packets - lostPackets;
        sendingRatesBps[slot] = sendingRateBps;
        sizesBytes[slot] = sizeBytes;
        lostSizesBytes[slot] = lostSizeBytes;
    }

    /** libwebrtc {@code CalculateAverageReportedPacketLossRatio}: weighted lost / sent packets. */
    double averageReportedPacketLossRatio() {
        if (count <= 0) {
            return 0.0;
        }
        double packets = 0;
        double lostPackets = 0;
        for (int slot = 0; slot < ids.length; slot++) {
            if (!isInitialized(slot)) {
                continue;
            }
            double weight = instantWeight(slot);
            packets += weight * numPackets[slot];
            lostPackets += weight * numLostPackets[slot];
        }
        // An observation holds at least one packet; the guard only keeps garbage from becoming NaN.
        return packets > 0 ? lostPackets / packets : 0.0;
    }

    /**
     * libwebrtc {@code CalculateAverageReportedByteLossRatio}: weighted lost / sent bytes, leaving
     * out the observations with the lowest and the highest loss ratio (a loss spike), unless the
     * spike came with a sending rate at least {@code medianSendingRateFactor} x the median (a send
     * burst is a real cause of loss). Zero bytes (all packets of size 0) count as no loss where
     * libwebrtc would divide by zero.
     */
    double averageReportedByteLossRatio(double medianSendingRateFactor) {
        if (count <= 0) {
            return 0.0;
        }
        long totalBytes = 0;
        long lostBytes = 0;
        double minLossRate = 1.0;
        double maxLossRate = 0.0;
        long minLostBytes = 0;
        long maxLostBytes = 0;
        long minBytesReceived = 0;
        long maxBytesReceived = 0;
        long sendRateOfMaxLossObservationBps = 0;
        for (int slot = 0; slot < ids.length; slot++) {
            if (!isInitialized(slot)) {
                continue;
            }
            double weight = instantWeight(slot);
            long weightedSize = UnitMath.scale(sizesBytes[slot], weight);
            long weightedLost = UnitMath.scale(lostSizesBytes[slot], weight);
            totalBytes += weightedSize;
            lostBytes += weightedLost;
            double lossRate = sizesBytes[slot] != 0 ? lostSizesBytes[slot] / (double) sizesBytes[slot] : 0.0;
            if (count > MIN_OBSERVATIONS_TO_FILTER_SPIKES) {
                if (lossRate > maxLossRate) {
                    maxLossRate = lossRate;
                    maxLostBytes = weightedLost;
                    maxBytesReceived = weightedSize;
                    sendRateOfMaxLossObservationBps = sendingRatesBps[slot];
                }
                if (lossRate < minLossRate) {
                    minLossRate = lossRate;
                    minLostBytes = weightedLost;
                    minBytesReceived = weightedSize;
                }
            }
        }
        if (totalBytes <= 0) {
            return 0.0;
        }
        double allRatio = lostBytes / (double) totalBytes;
        // A burst (median well below the lossy observation's rate) is not a spike to ignore.
        if (UnitMath.scale(medianSendingRateBps(), medianSendingRateFactor) <= sendRateOfMaxLossObservationBps) {
            return allRatio;
        }
        long remainingBytes = totalBytes - maxBytesReceived - minBytesReceived;
        // libwebrtc: zero when the window holds two observations (or all sizes are zero).
        if (remainingBytes == 0) {
            return allRatio;
        }
        return (lostBytes - minLostBytes - maxLostBytes) / (double) remainingBytes;
    }

    /** libwebrtc {@code GetMedianSendingRate}: over positive finite rates; 0 when there is none. */
    long medianSendingRateBps() {
        int n = 0;
        for (int slot = 0; slot < ids.length; slot++) {
            long rate = sendingRatesBps[slot];
            if (isInitialized(slot) && UnitMath.isFinite(rate) && rate != 0) {
                // Insertion sort into the scratch array: the window is small and this allocates nothing.
                int k = n++;
                while (k > 0 && medianScratch[k - 1] > rate) {
                    medianScratch[k] = medianScratch[k - 1];
                    k--;
                }
                medianScratch[k] = rate;
            }
        }
        if (n == 0) {
            return 0;
        }
        if (n % 2 == 0) {
            // libwebrtc: (a + b) / 2 with integer division of the DataRate.
            return UnitMath.add(medianScratch[n / 2 - 1], medianScratch[n / 2]) / 2;
        }
        return medianScratch[n / 2];
    }

    private double instantWeight(int slot) {
        return instantUpperBoundTemporalWeights[(int) ((count - 1) - ids[slot])];
    }

    private void allocate(int size) {
        ids = new long[size];
        java.util.Arrays.fill(ids, UNINITIALIZED);
        numPackets = new long[size];
        numLostPackets = new long[size];
        numReceivedPackets = new long[size];
        sendingRatesBps = new long[size];
        sizesBytes = new long[size];
        lostSizesBytes = new long[size];
        temporalWeights = new double[size];
        instantUpperBoundTemporalWeights = new double[size];
        medianScratch = new long[size];
    }
}
