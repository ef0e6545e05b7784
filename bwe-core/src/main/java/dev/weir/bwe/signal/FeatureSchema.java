package dev.weir.bwe.signal;

import dev.weir.bwe.config.ConfigCheck;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The single definition of the model's inputs: the ordered time-series and dense feature names
 * with units, the step length, the two window lengths, the recorder settings that change feature
 * values, and a schema version. Offline dataset generation and the run-time estimator both build
 * their windows through {@link SignalRecorder} and {@link WindowExtractor}, which follow this
 * schema; a model file stores {@link #digest()} and the runtime refuses a model whose digest
 * differs, so training and inference cannot drift apart.
 *
 * <p>Windows (from the ML BWE design, see docs/ml.md): random vs
 * congestion loss looks at the past {@link #LOSS_WINDOW_MS}; congestion prediction at the past
 * {@link #CONGESTION_WINDOW_MS}. A window of W ms is {@code ceil(W / step_ms)} steps.
 *
 * <p>Normalisation is not part of the features: the model runtime applies the mean and standard
 * deviation stored with the model.
 *
 * <p>Immutable and thread-safe.
 */
public final class FeatureSchema {
    /** Bump whenever the computation of any feature changes without its name or unit changing. */
    public static final int SCHEMA_VERSION = 1;
    /** Random-vs-congestion loss window, milliseconds (the design's N = 10 s). */
    public static final int LOSS_WINDOW_MS = 10_000;
    /** Congestion-prediction window, milliseconds (the design's past 4 s). */
    public static final int CONGESTION_WINDOW_MS = 4_000;

    private final int schemaVersion;
    private final int stepMs;
    private final int baseDelayWindowS;
    private final int clockJumpMs;
    private final List<String> timeSeriesNames;
    private final List<String> timeSeriesUnits;
    private final List<String> denseNames;
    private final List<String> denseUnits;
    private final String canonicalText;
    private final String digest;

    FeatureSchema(int schemaVersion, int stepMs, int baseDelayWindowS, int clockJumpMs,
                  List<String> timeSeriesNames, List<String> timeSeriesUnits,
                  List<String> denseNames, List<String> denseUnits) {
        this.schemaVersion = schemaVersion;
        this.stepMs = stepMs;
        this.baseDelayWindowS = baseDelayWindowS;
        this.clockJumpMs = clockJumpMs;
        this.timeSeriesNames = List.copyOf(timeSeriesNames);
        this.timeSeriesUnits = List.copyOf(timeSeriesUnits);
        this.denseNames = List.copyOf(denseNames);
        this.denseUnits = List.copyOf(denseUnits);
        this.canonicalText = buildCanonicalText();
        this.digest = sha256Hex(canonicalText);
    }

    /**
     * The schema produced by a recorder with {@code settings}.
     *
     * @throws dev.weir.bwe.config.InvalidSettingsException when {@code settings} are invalid
     */
    public static FeatureSchema of(SignalSettings settings) {
        ConfigCheck check = ConfigCheck.of("signal");
        settings.validate(check);
        check.throwIfInvalid();
        List<String> tsNames = new ArrayList<>();
        List<String> tsUnits = new ArrayList<>();
        for (TimeSeriesFeature feature : TimeSeriesFeature.values()) {
            tsNames.add(feature.featureName());
            tsUnits.add(feature.unit());
        }
        List<String> denseNames = new ArrayList<>();
        List<String> denseUnits = new ArrayList<>();
        for (DenseFeature feature : DenseFeature.values()) {
            denseNames.add(feature.featureName());
            denseUnits.add(feature.unit());
        }
        return new FeatureSchema(SCHEMA_VERSION, settings.stepMs, settings.baseDelayWindowS, settings.clockJumpMs,
                tsNames, tsUnits, denseNames, denseUnits);
    }

    /** The schema of default {@link SignalSettings}. */
    public static FeatureSchema defaults() {
        return of(new SignalSettings());
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public int stepMs() {
        return stepMs;
    }

    public int lossWindowMs() {
        return LOSS_WINDOW_MS;
    }

    public int congestionWindowMs() {
        return CONGESTION_WINDOW_MS;
    }

    /** Steps of the loss window: {@code ceil(10000 / step_ms)}. */
    public int lossWindowSteps() {
        return stepsFor(LOSS_WINDOW_MS);
    }

    /** Steps of the congestion window: {@code ceil(4000 / step_ms)}. */
    public int congestionWindowSteps() {
        return stepsFor(CONGESTION_WINDOW_MS);
    }

    /** Steps covering {@code windowMs} (at least one). */
    public int stepsFor(int windowMs) {
        return Math.max(1, (windowMs + stepMs - 1) / stepMs);
    }

    /** Time-series feature names in column order (row width of a window). */
    public List<String> timeSeriesFeatureNames() {
        return timeSeriesNames;
    }

    public List<String> timeSeriesFeatureUnits() {
        return timeSeriesUnits;
    }

    /** Dense feature names in vector order. */
    public List<String> denseFeatureNames() {
        return denseNames;
    }

    public List<String> denseFeatureUnits() {
        return denseUnits;
    }

    public int timeSeriesFeatureCount() {
        return timeSeriesNames.size();
    }

    public int denseFeatureCount() {
        return denseNames.size();
    }

    /** The text the digest is taken of: one {@code key=value} line per element, fixed order. */
    public String canonicalText() {
        return canonicalText;
    }

    /** SHA-256 (lowercase hex) of {@link #canonicalText()}: equal schemas, equal digests. */
    public String digest() {
        return digest;
    }

    private String buildCanonicalText() {
        StringBuilder text = new StringBuilder("weir-feature-schema\n");
        text.append("schema_version=").append(schemaVersion).append('\n');
        text.append("step_ms=").append(stepMs).append('\n');
        text.append("loss_window_ms=").append(LOSS_WINDOW_MS).append('\n');
        text.append("congestion_window_ms=").append(CONGESTION_WINDOW_MS).append('\n');
        text.append("base_delay_window_s=").append(baseDelayWindowS).append('\n');
        text.append("clock_jump_ms=").append(clockJumpMs).append('\n');
        for (int i = 0; i < timeSeriesNames.size(); i++) {
            text.append("ts.").append(i).append('=').append(timeSeriesNames.get(i)).append(" [")
                    .append(timeSeriesUnits.get(i)).append("]\n");
        }
        for (int i = 0; i < denseNames.size(); i++) {
            text.append("dense.").append(i).append('=').append(denseNames.get(i)).append(" [")
                    .append(denseUnits.get(i)).append("]\n");
        }
        return text.toString();
    }

    private static String sha256Hex(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(hash.length * 2);
            for (byte b : hash) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureSchema schema && schema.canonicalText.equals(canonicalText);
    }

    @Override
    public int hashCode() {
        return canonicalText.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureSchema{version=" + schemaVersion + ", stepMs=" + stepMs + ", ts="
                + Collections.unmodifiableList(timeSeriesNames) + ", dense=" + denseNames + ", digest=" + digest + '}';
    }
}
