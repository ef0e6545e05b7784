package dev.weir.models.dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Assigns calls to train / validation / test, by trace, never by window:
 * <ul>
 *   <li>a trace under {@code <dataset>/test/}: {@code test};
 *   <li>a trace under {@code <dataset>/train/}: {@code validation} when its trace group is among
 *       the first {@code round(validation_percent% x groups)} (at least one when the dataset has two
 *       or more groups) of the dataset's train groups ordered by stable hash, else {@code train}.
 *       Ranking rather than a hash threshold gives every dataset its share: FCC has 12 groups and
 *       Mahimahi 4, where a threshold often picks none. The ranking is over every train trace of the
 *       dataset (not only the calls a capped request runs), so quick runs split like full ones. The
 *       group is the trace path without a Mahimahi direction ({@code .up}/{@code .down}: both
 *       directions of one drive are one recording) and without an FCC {@code _partN} suffix (parts
 *       of one measurement series), so correlated files never straddle train and validation;
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

    /**
     * The validation groups among {@code traceIds} (all traces of one dataset,
     * {@code <dataset>/<train|test>/<file>}); test/ traces are never chosen.
     */
    public static Set<String> validationGroups(List<String> traceIds, DatasetSettings settings) {
        TreeSet<String> trainGroups = new TreeSet<>();
        for (String traceId : traceIds) {
            if (!isTest(traceId)) {
                trainGroups.add(traceGroup(traceId));
            }
        }
        List<String> ranked = new ArrayList<>(trainGroups);
        ranked.sort((a, b) -> {
            int byHash = Long.compareUnsigned(stableHash(a), stableHash(b));
            return byHash != 0 ? byHash : a.compareTo(b);
        });
        int count = (int) Math.round(ranked.size() * settings.validationPercent / 100.0);
        if (count == 0 && settings.validationPercent > 0 && ranked.size() >= 2) {
            count = 1;
        }
        return Collections.unmodifiableSet(new TreeSet<>(ranked.subList(0, count)));
    }

    /** Split of a trace call given its dataset's {@link #validationGroups}. */
    public static String forTrace(String traceId, Set<String> validationGroups) {
        if (isTest(traceId)) {
            return TEST;
        }
        return validationGroups.contains(traceGroup(traceId)) ? VALIDATION : TRAIN;
    }

    private static boolean isTest(String traceId) {
        String[] parts = traceId.split("/", 3);
        return parts.length == 3 && parts[1].equals(TEST);
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
