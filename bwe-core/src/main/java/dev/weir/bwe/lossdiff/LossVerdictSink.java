package dev.weir.bwe.lossdiff;

/**
 * Receives every verdict as it is made, for evaluators that label each loss event. Called on the
 * classifier's thread from {@link LossClassifier#onPacket}; implementations must not allocate on
 * the hot path if the caller needs zero allocation. Thread-safety is the implementation's: it is
 * only ever called from the thread driving its classifier.
 */
@FunctionalInterface
public interface LossVerdictSink {
    /**
     * A gap of {@code lostPackets} packets starting at {@code firstLostSequence} was classified
     * when the packet after it arrived at {@code detectedArrivalUs} (receiver clock).
     */
    void onVerdict(LossClassifier classifier, long firstLostSequence, long lostPackets, long detectedArrivalUs,
                   Verdict verdict);
}
