package dev.weir.bwe.lossdiff;

import dev.weir.bwe.feedback.AcceptedFeedback;
import java.util.List;

/**
 * Creates the classic loss-differentiation baselines by name, so an evaluator runs all of them on
 * the same labelled feedback.
 *
 * <p>Immutable and thread-safe (each call returns new, unshared classifiers; {@link #feed} is as
 * thread-safe as the classifiers it is given, i.e. one thread per call).
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
     * Feeds every packet of one report, as the call's feedback front door accepted it, to each of
     * {@code classifiers}: received packets in arrival order (the order a receiver-side rule sees
     * them, as in the rules' papers; a reordered packet then looks like a gap), then the lost
     * ones, which the rules only count. Duplicates never reach them. Allocates nothing.
     */
    public static void feed(AcceptedFeedback feedback, LossClassifier[] classifiers) {
        int count = feedback.count();
        for (int k = 0; k < count; k++) {
            for (LossClassifier classifier : classifiers) {
                classifier.onPacket(feedback.sequence(k), feedback.sendTimeUs(k), feedback.arrivalTimeUs(k),
                        feedback.sizeBytes(k));
            }
        }
    }
}
