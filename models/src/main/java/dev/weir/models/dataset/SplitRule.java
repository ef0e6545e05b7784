package dev.weir.models.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * Assigns calls to train / validation / test, by trace, never by window:
 * <ul>
 *   <li>a trace under {@code <dataset>/test/}: {@code test};
 *   <li>a trace under {@code <dataset>/train/}: {@code validation} when the stable hash of its trace
 *       group falls below {@code validation_percent}, else {@code train}. The group is the trace
 *       path without a Mahimahi direction ({@code .up}/{@code .down}: both directions of one drive
 *       are one recording) and without an FCC {@code _partN} suffix (parts of one measurement
 *       series), so correlated files never straddle train and validation;
 *   <li>a synthetic (non-trace) scenario: by the stable hash of {@code name#seed}: below
 *       {@code synthetic_test_percent} test, then {@code validation_percent} validation, else train.
 *       A synthetic scenario has no recorded capacity to leak, and its loss and cross-traffic
 *       processes differ per seed, so the call (scenario, seed) is the unit.
 * </ul>
 * The hash is the first 8 bytes of SHA-256 of the UTF-8 key, unsigned, modulo 100: the same on
 * every JVM and platform.
 *
 * <p>Immutable and thread-safe (static methods only).
 */
public final class SplitRule {
    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";
    private static final Pattern DIRECTION = Pattern.compile("\\.(up|down)$");
    private static final Pattern PART = Pattern.compile("_part\\d+(\\.log)?$");

    private SplitRule() {
    }

    /** Split of a trace call; {@code traceId} is {@code <dataset>/<train|test>/<file>}. */
    public static String forTrace(String traceId, DatasetSettings settings) {
        String[] parts = traceId.split("/", 3);
        if (parts.length == 3 && parts[1].equals(TEST)) {
            return TEST;
        }
        return percent(traceGroup(traceId)) < settings.validationPercent ? VALIDATION : TRAIN;
    }

    /** Split of a synthetic scenario's call with {@code seed}. */
    public static String forSynthetic(String scenarioName, long seed, DatasetSettings settings) {
        int p = percent(scenarioName + "#" + seed);
        if (p < settings.syntheticTestPercent) {
            return TEST;
        }
        return p < settings.syntheticTestPercent + settings.validationPercent ? VALIDATION : TRAIN;
    }

    /** The trace path with direction and part suffixes removed (one recording). */
    public static String traceGroup(String traceId) {
        return PART.matcher(DIRECTION.matcher(traceId).replaceFirst("")).replaceFirst("");
    }

    /** Stable hash of {@code key} in [0, 100). */
    static int percent(String key) {
        return (int) Long.remainderUnsigned(stableHash(key), 100);
    }

    /** First 8 bytes of SHA-256 of the UTF-8 key, big-endian. */
    static long stableHash(String key) {
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
