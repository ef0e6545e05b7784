package dev.weir.bwe.lossdiff;

import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.util.SequenceUnwrapper;
import java.util.List;

/**
 * Creates the classic loss-differentiation baselines by name, so an evaluator runs all of them on
 * the same labelled feedback.
 *
 * <p>Immutable and thread-safe (each call returns new, unshared classifiers; {@link #feed} is as
 * thread-safe as the classifiers and unwrapper it is given, i.e. one thread per call).
 */
public final class LossClassifiers {
    /** Names of every baseline, in report order. */
    public static final List<String> NAMES = List.of("biaz", "mbiaz", "spike", "zigzag", "zbs", "trend", "veno");

    private LossClassifiers() {
    }

    /** A new classifier named {@code name} (one of {@link #NAMES}). */
    public static LossClassifier create(String name) {
        return switch (name) {
            case "biaz" -> BiazClassifier.biaz();
            case "mbiaz" -> BiazClassifier.mBiaz();
            case "spike" -> new SpikeClassifier();
            case "zigzag" -> new ZigZagClassifier();
            case "zbs" -> new ZbsClassifier();
            case "trend" -> new TrendClassifier();
            case "veno" -> new VenoClassifier();
            default -> throw new IllegalArgumentException("unknown loss classifier '" + name + "'; known: " + NAMES);
        };
    }

    /** One new instance of every baseline, in {@link #NAMES} order. */
    public static LossClassifier[] all() {
        LossClassifier[] classifiers = new LossClassifier[NAMES.size()];
        for (int i = 0; i < classifiers.length; i++) {
            classifiers[i] = create(NAMES.get(i));
        }
        return classifiers;
    }

    /**
     * Feeds every packet of {@code report}, in report order, to each of {@code classifiers},
     * unwrapping the 16-bit sequence numbers with the caller's (per-call) {@code unwrapper}.
     * Allocates nothing.
     */
    public static void feed(FeedbackReport report, SequenceUnwrapper unwrapper, LossClassifier[] classifiers) {
        int count = report.count();
        for (int i = 0; i < count; i++) {
            long sequence = unwrapper.unwrap(report.sequenceNumber(i));
            for (LossClassifier classifier : classifiers) {
                classifier.onPacket(sequence, report.sendTimeUs(i), report.arrivalTimeUs(i), report.sizeBytes(i));
            }
        }
    }
}
