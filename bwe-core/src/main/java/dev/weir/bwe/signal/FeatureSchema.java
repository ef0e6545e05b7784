package dev.weir.bwe.signal;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;
import dev.weir.bwe.util.Sha256;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one definition of a model's inputs, shared by datasets, model files and the run-time
 * estimator: the step, the time-series window and its ordered features with units, the dense
 * summary windows and their ordered features, the recorder settings that change feature values,
 * and a version for the computations behind the names. {@link #digest()} (SHA-256 of
 * {@link #canonicalText()}) is written into every dataset and model header; a model is refused at
 * load time when its digest differs from the runtime's ({@code ModelArtifact.requireSchema}).
 *
 * <p>Model input layout ({@code dev.weir.bwe.model.ModelInput} fills it): a time-series window of
 * {@link #tsSteps()} rows of {@link #tsFeatures()}, oldest first, then a dense vector holding, for
 * each dense window in order, the {@link #denseFeatures()} of that window; dense input names are
 * {@code prefix + feature name} ({@link #denseInputNames()}). The runtime schema
 * ({@link #of(SignalSettings)}) uses the ML BWE design's windows
 * (docs/ml.md): the past {@link #LOSS_WINDOW_MS} as the time series
 * and as the first dense window, the past {@link #CONGESTION_WINDOW_MS} as the second.
 *
 * <p>The record is what a header's JSON binds to: the constructor only copies, {@link #validate}
 * lists every broken constraint; {@link #of} and {@link #custom} return validated schemas, and
 * every reader and builder validates before use.
 *
 * <p>Immutable and thread-safe.
 *
 * @param schemaVersion    version of the feature computations ({@link #SCHEMA_VERSION} for the runtime's)
 * @param stepMs           length of one time-series step, milliseconds
 * @param tsWindowMs       length of the time-series window, milliseconds ({@link #tsSteps()} steps)
 * @param baseDelayWindowS the recorder's base-delay window (changes delay features), seconds
 * @param clockJumpMs      the recorder's clock-jump threshold (changes delay features), milliseconds
 * @param tsFeatures       time-series features in column order
 * @param denseWindows     dense summary windows in input order
 * @param denseFeatures    dense features per window, in input order
 */
public record FeatureSchema(int schemaVersion, int stepMs, int tsWindowMs, int baseDelayWindowS, int clockJumpMs,
        List<Feature> tsFeatures, List<DenseWindow> denseWindows, List<Feature> denseFeatures)
        implements Validatable {
    /**
     * Version of the runtime's feature computations. Bump whenever the computation of any feature
     * changes without its name or unit changing. 2: jitter and delay in arrival order (the
     * feedback front door's), the digest covers the windows.
     */
    public static final int SCHEMA_VERSION = 2;
    /** Random-vs-congestion loss window and the time-series window, milliseconds (the design's N = 10 s). */
    public static final int LOSS_WINDOW_MS = 10_000;
    /** Congestion-prediction window, milliseconds (the design's past 4 s). */
    public static final int CONGESTION_WINDOW_MS = 4_000;
    /** Caps that a corrupt header cannot exceed (real schemas: 17 and 16 features, 2 windows). */
    public static final int MAX_TS_FEATURES = 1024;
    public static final int MAX_DENSE_INPUTS = 4096;
    public static final int MAX_DENSE_WINDOWS = 16;
    public static final int MAX_STEP_MS = 60_000;
    public static final int MAX_WINDOW_MS = 600_000;
    public static final int MAX_NAME_CHARS = 128;
    public static final int MAX_UNIT_CHARS = 32;
    /** Names and prefixes: no spaces, brackets or line breaks, so the canonical text is unambiguous. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1," + MAX_NAME_CHARS + "}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.:-]{0," + MAX_NAME_CHARS + "}");
    /** Units: printable ASCII without brackets (e.g. {@code kbit/s}, {@code ratio 0..1}). */
    private static final Pattern UNIT = Pattern.compile("[ -Z\\\\^-~]{0," + MAX_UNIT_CHARS + "}");

    /**
     * One named feature and its unit.
     *
     * @param name snake_case name, {@code [A-Za-z0-9_.:-]}, 1-128 characters
     * @param unit printable ASCII without brackets, up to 32 characters (may be empty)
     */
    public record Feature(String name, String unit) {
    }

    /**
     * One dense summary window.
     *
     * @param prefix   prefix of its dense input names (e.g. {@code w10_}); may be empty
     * @param windowMs length of the window, milliseconds
     */
    public record DenseWindow(String prefix, int windowMs) {
    }

    public FeatureSchema {
        tsFeatures = ConfigCheck.copyOf(tsFeatures);
        denseWindows = ConfigCheck.copyOf(denseWindows);
        denseFeatures = ConfigCheck.copyOf(denseFeatures);
    }

    /**
     * The schema a {@link SignalRecorder} with {@code settings} produces and the runtime feeds to
     * models: {@link TimeSeriesFeature}s over the loss window, {@link DenseFeature}s of the loss
     * window ({@code w10_}) then of the congestion window ({@code w4_}).
     *
     * @throws dev.weir.bwe.config.InvalidSettingsException when {@code settings} are invalid
     */
    public static FeatureSchema of(SignalSettings settings) {
        ConfigCheck check = ConfigCheck.of("signal");
        settings.validate(check);
        check.throwIfInvalid();
        List<Feature> ts = new ArrayList<>();
        for (TimeSeriesFeature feature : TimeSeriesFeature.values()) {
            ts.add(new Feature(feature.featureName(), feature.unit()));
        }
        List<Feature> dense = new ArrayList<>();
        for (DenseFeature feature : DenseFeature.values()) {
            dense.add(new Feature(feature.featureName(), feature.unit()));
        }
        List<DenseWindow> windows = List.of(new DenseWindow("w10_", LOSS_WINDOW_MS),
                new DenseWindow("w4_", CONGESTION_WINDOW_MS));
        return custom(new FeatureSchema(SCHEMA_VERSION, settings.stepMs, LOSS_WINDOW_MS, settings.baseDelayWindowS,
                settings.clockJumpMs, ts, windows, dense));
    }

    /** The runtime schema of default {@link SignalSettings}: the default model's inputs. */
    public static FeatureSchema defaults() {
        return of(new SignalSettings());
    }

    /**
     * {@code schema}, validated: for schemas not produced by a recorder (synthetic test data,
     * benchmarks).
     *
     * @throws dev.weir.bwe.config.InvalidSettingsException listing every broken constraint
     */
    public static FeatureSchema custom(FeatureSchema schema) {
        ConfigCheck check = ConfigCheck.of("feature_schema");
        schema.validate(check);
        check.throwIfInvalid();
        return schema;
    }

    /**
     * A validated schema of plain feature names (unit "1"), one dense window without prefix
     * spanning the time-series window: the shape synthetic datasets and benchmarks need.
     */
    public static FeatureSchema custom(int stepMs, int tsSteps, List<String> tsNames, List<String> denseNames) {
        List<Feature> ts = tsNames.stream().map(name -> new Feature(name, "1")).toList();
        List<Feature> dense = denseNames.stream().map(name -> new Feature(name, "1")).toList();
        int windowMs = stepMs * tsSteps;
        List<DenseWindow> windows = dense.isEmpty() ? List.of() : List.of(new DenseWindow("", windowMs));
        SignalSettings defaults = new SignalSettings();
        return custom(new FeatureSchema(SCHEMA_VERSION, stepMs, windowMs, defaults.baseDelayWindowS,
                defaults.clockJumpMs, ts, windows, dense));
    }

    @Override
    public void validate(ConfigCheck check) {
        check.range("schema_version", schemaVersion, 1, Integer.MAX_VALUE);
        check.range("step_ms", stepMs, 1, MAX_STEP_MS);
        check.range("ts_window_ms", tsWindowMs, 1, MAX_WINDOW_MS);
        check.range("base_delay_window_s", baseDelayWindowS, 1, 600);
        check.range("clock_jump_ms", clockJumpMs, 1, 600_000);
        Set<String> names = new HashSet<>();
        features(check, "ts_features", tsFeatures, MAX_TS_FEATURES, names);
        check.require(tsFeatures == null || !tsFeatures.isEmpty(), "ts_features", "[]",
                "must name at least one feature");
        features(check, "dense_features", denseFeatures, MAX_DENSE_INPUTS, new HashSet<>());
        check.notNull("dense_windows", denseWindows);
        if (denseWindows != null) {
            check.require(denseWindows.size() <= MAX_DENSE_WINDOWS, "dense_windows", denseWindows.size() + " windows",
                    "at most " + MAX_DENSE_WINDOWS);
            Set<String> prefixes = new HashSet<>();
            for (int i = 0; i < denseWindows.size() && i < MAX_DENSE_WINDOWS; i++) {
                DenseWindow window = denseWindows.get(i);
                String path = "dense_windows[" + i + "]";
                if (window == null || window.prefix() == null) {
                    check.notNull(path + ".prefix", null);
                    continue;
                }
                check.require(PREFIX.matcher(window.prefix()).matches(), path + ".prefix", window.prefix(),
                        "must be 0-" + MAX_NAME_CHARS + " characters from [A-Za-z0-9_.:-]");
                check.require(prefixes.add(window.prefix()), path + ".prefix", window.prefix(), "appears twice");
                check.range(path + ".window_ms", window.windowMs(), 1, MAX_WINDOW_MS);
            }
        }
        if (denseFeatures != null && denseWindows != null) {
            long inputs = (long) denseFeatures.size() * denseWindows.size();
            check.require(inputs <= MAX_DENSE_INPUTS, "dense_features", inputs + " inputs over " + denseWindows.size()
                    + " windows", "at most " + MAX_DENSE_INPUTS + " dense inputs");
            check.require(denseFeatures.isEmpty() == denseWindows.isEmpty(), "dense_windows",
                    denseWindows.size() + " windows for " + denseFeatures.size() + " dense features",
                    "dense features need at least one window and windows need features");
        }
    }

    private static void features(ConfigCheck check, String field, List<Feature> features, int max,
            Set<String> names) {
        check.notNull(field, features);
        if (features == null) {
            return;
        }
        check.require(features.size() <= max, field, features.size() + " features", "at most " + max);
        for (int i = 0; i < features.size() && i < max; i++) {
            Feature feature = features.get(i);
            String path = field + "[" + i + "]";
            if (feature == null || feature.name() == null || feature.unit() == null) {
                check.notNull(path + (feature == null ? "" : feature.name() == null ? ".name" : ".unit"), null);
                continue;
            }
            check.require(NAME.matcher(feature.name()).matches(), path + ".name", feature.name(),
                    "must be 1-" + MAX_NAME_CHARS + " characters from [A-Za-z0-9_.:-]");
            check.require(names.add(feature.name()), path + ".name", feature.name(), "appears twice");
            check.require(UNIT.matcher(feature.unit()).matches(), path + ".unit", feature.unit(),
                    "must be 0-" + MAX_UNIT_CHARS + " printable ASCII characters without brackets");
        }
    }

    /** Steps of the time-series window: {@code ceil(ts_window_ms / step_ms)}. */
    public int tsSteps() {
        return stepsFor(tsWindowMs);
    }

    /** Steps covering {@code windowMs} (at least one). */
    public int stepsFor(int windowMs) {
        return Math.max(1, (int) (((long) windowMs + stepMs - 1) / stepMs));
    }

    /** Values in one time-series window: steps x features. */
    public int tsValues() {
        return tsSteps() * tsFeatures.size();
    }

    /** Time-series feature names in column order (the row width of a window). */
    public List<String> tsFeatureNames() {
        return tsFeatures.stream().map(Feature::name).toList();
    }

    /** Dense feature names of one window, in order. */
    public List<String> denseFeatureNames() {
        return denseFeatures.stream().map(Feature::name).toList();
    }

    /** Dense input names in vector order: each window's prefix plus each dense feature name. */
    public List<String> denseInputNames() {
        List<String> names = new ArrayList<>(denseInputCount());
        for (DenseWindow window : denseWindows) {
            for (Feature feature : denseFeatures) {
                names.add(window.prefix() + feature.name());
            }
        }
        return names;
    }

    /** Length of the dense input vector: windows x dense features. */
    public int denseInputCount() {
        return denseWindows.size() * denseFeatures.size();
    }

    /**
     * The text the digest is taken of: a header line, then one {@code key=value} line per element
     * in a fixed order. Names cannot contain the separators, so two schemas share a text only
     * when they are equal.
     */
    public String canonicalText() {
        StringBuilder text = new StringBuilder("weir-feature-schema\n");
        text.append("schema_version=").append(schemaVersion).append('\n');
        text.append("step_ms=").append(stepMs).append('\n');
        text.append("ts_window_ms=").append(tsWindowMs).append('\n');
        text.append("base_delay_window_s=").append(baseDelayWindowS).append('\n');
        text.append("clock_jump_ms=").append(clockJumpMs).append('\n');
        for (int i = 0; i < tsFeatures.size(); i++) {
            Feature feature = tsFeatures.get(i);
            text.append("ts.").append(i).append('=').append(feature.name()).append(" [").append(feature.unit())
                    .append("]\n");
        }
        for (int i = 0; i < denseWindows.size(); i++) {
            DenseWindow window = denseWindows.get(i);
            text.append("dense_window.").append(i).append('=').append(window.prefix()).append(" [")
                    .append(window.windowMs()).append(" ms]\n");
        }
        for (int i = 0; i < denseFeatures.size(); i++) {
            Feature feature = denseFeatures.get(i);
            text.append("dense.").append(i).append('=').append(feature.name()).append(" [").append(feature.unit())
                    .append("]\n");
        }
        return text.toString();
    }

    /** SHA-256 (lowercase hex) of {@link #canonicalText()}: equal schemas, equal digests. */
    public String digest() {
        return Sha256.hex(canonicalText());
    }
}
