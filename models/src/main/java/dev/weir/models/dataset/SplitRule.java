package dev.weir.models.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which split a call's steps go to, by recording group ({@link RecordingGroups}), never by call or
 * window: a group of the frozen {@link TestSplit} is test; the other groups are divided into
 * {@code folds} grouped cross-validation folds by the stable hash of the group name, the
 * {@code validation_fold} is the validation split and the rest train. A {@code train/} trace of a
 * test group is excluded (null): it shares a recording with test calls.
 *
 * <p>Stateless and thread-safe.
 */
public final class SplitRule {
    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";

    private SplitRule() {
    }

    /**
     * The split of a call of {@code group}.
     *
     * @param underTestDirectory whether the call's trace lies under a {@code test/} directory
     * @return the split, or null for a training trace that shares its group with the test split
     * @throws IllegalArgumentException for a {@code test/} trace whose group the frozen split does not list
     */
    public static String forCall(String group, boolean underTestDirectory, TestSplit split, DatasetSettings settings) {
        if (underTestDirectory) {
            if (!split.isTest(group)) {
                throw new IllegalArgumentException("test trace group '" + group + "' is not in the frozen test split "
                        + split.digest() + ": the test split changed; freeze it again deliberately");
            }
            return TEST;
        }
        if (split.isTest(group)) {
            return null;
        }
        return fold(group, settings.folds) == settings.validationFold ? VALIDATION : TRAIN;
    }

    /** The split of a synthetic scenario's call of {@code group}: test when the frozen split lists it. */
    public static String forSynthetic(String group, TestSplit split, DatasetSettings settings) {
        if (split.isTest(group)) {
            return TEST;
        }
        return fold(group, settings.folds) == settings.validationFold ? VALIDATION : TRAIN;
    }

    /** The cross-validation fold of {@code group}: its stable hash modulo {@code folds}. */
    public static int fold(String group, int folds) {
        return (int) Long.remainderUnsigned(stableHash(group), folds);
    }

    /** First 8 bytes of SHA-256 of the UTF-8 key, big-endian. */
    public static long stableHash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (digest[i] & 0xFF);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
