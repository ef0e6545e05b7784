package dev.weir.bwe.model;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sizes of the multi-task classifier: a window of {@code tsSteps x tsFeatures} time-series features
 * goes through an LSTM of {@code lstmUnits} (last step kept); a vector of {@code denseFeatures}
 * goes through {@code Dense(denseUnits, relu)}; the two are concatenated (LSTM first) and go
 * through {@code Dense(mergeUnits, relu)}; each head is {@code Dense(classes, softmax)}.
 *
 * <p>Every size is capped so a corrupt or hostile header is rejected before anything is allocated
 * for it. Bound from a model header, then {@linkplain #validate validated} (every broken
 * constraint listed); the artifact builder validates what code builds.
 *
 * <p>Immutable and thread-safe.
 *
 * @param lstmGateOrder the LSTM weights' gate order, {@link #LSTM_GATE_ORDER} (the only one supported)
 */
public record ModelArchitecture(int tsSteps, int tsFeatures, int lstmUnits, int denseFeatures, int denseUnits,
        int mergeUnits, List<HeadSpec> heads, String lstmGateOrder) implements Validatable {
    /** Cap on window length in steps: 10 s at 1 ms steps; real windows are ~100 steps. */
    public static final int MAX_TS_STEPS = 10_000;
    /** Cap on time-series features per step. */
    public static final int MAX_TS_FEATURES = 1024;
    /** Cap on LSTM width; a client-side model is tens of units. */
    public static final int MAX_LSTM_UNITS = 1024;
    /** Cap on dense input features. */
    public static final int MAX_DENSE_FEATURES = 4096;
    /** Cap on the dense and merge layer widths. */
    public static final int MAX_LAYER_UNITS = 4096;
    /** Cap on the number of heads (tasks). */
    public static final int MAX_HEADS = 64;
    /**
     * Cap on total parameters (64 MB of float32); a client-side model is thousands. Reading an
     * artifact holds its bytes and its weights, so a model at the cap loads within a 256 MB heap.
     */
    public static final long MAX_PARAMETERS = 16_000_000L;

    /** LSTM input weights {@code [tsFeatures, 4 x lstmUnits]}, gate blocks a, f, o, i. */
    public static final String LSTM_INPUT_WEIGHTS = "lstm.W";
    /** LSTM recurrent weights {@code [lstmUnits, 4 x lstmUnits]}, gate blocks a, f, o, i. */
    public static final String LSTM_RECURRENT_WEIGHTS = "lstm.RW";
    /** LSTM bias {@code [4 x lstmUnits]}, gate blocks a, f, o, i. */
    public static final String LSTM_BIAS = "lstm.b";
    /** Dense-branch weights {@code [denseFeatures, denseUnits]}. */
    public static final String DENSE_WEIGHTS = "dense.W";
    /** Dense-branch bias {@code [denseUnits]}. */
    public static final String DENSE_BIAS = "dense.b";
    /** Merge-layer weights {@code [lstmUnits + denseUnits, mergeUnits]}. */
    public static final String MERGE_WEIGHTS = "merge.W";
    /** Merge-layer bias {@code [mergeUnits]}. */
    public static final String MERGE_BIAS = "merge.b";
    /**
     * LSTM gate order along the {@code 4 x lstmUnits} axis: block input a (tanh), forget f, output o,
     * input i (all sigmoid but a). This is Deeplearning4j's layout; other trainers must reorder.
     */
    public static final String LSTM_GATE_ORDER = "afoi";

    public ModelArchitecture {
        heads = ConfigCheck.copyOf(heads);
    }

    /** An architecture in Deeplearning4j's gate order. */
    public ModelArchitecture(int tsSteps, int tsFeatures, int lstmUnits, int denseFeatures, int denseUnits,
            int mergeUnits, List<HeadSpec> heads) {
        this(tsSteps, tsFeatures, lstmUnits, denseFeatures, denseUnits, mergeUnits, heads, LSTM_GATE_ORDER);
    }

    @Override
    public void validate(ConfigCheck check) {
        boolean sizesValid = in(check, "ts_steps", tsSteps, MAX_TS_STEPS)
                & in(check, "ts_features", tsFeatures, MAX_TS_FEATURES)
                & in(check, "lstm_units", lstmUnits, MAX_LSTM_UNITS)
                & in(check, "dense_features", denseFeatures, MAX_DENSE_FEATURES)
                & in(check, "dense_units", denseUnits, MAX_LAYER_UNITS)
                & in(check, "merge_units", mergeUnits, MAX_LAYER_UNITS);
        check.require(LSTM_GATE_ORDER.equals(lstmGateOrder), "lstm_gate_order",
                lstmGateOrder == null ? null : "'" + lstmGateOrder + "'", "is not supported (must be '"
                        + LSTM_GATE_ORDER + "')");
        check.notNull("heads", heads);
        if (heads == null) {
            return;
        }
        check.require(!heads.isEmpty() && heads.size() <= MAX_HEADS, "heads", heads.size() + " heads",
                "must have 1-" + MAX_HEADS);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < heads.size() && i < MAX_HEADS; i++) {
            HeadSpec head = heads.get(i);
            check.notNull("heads[" + i + "]", head);
            if (head == null) {
                sizesValid = false;
                continue;
            }
            ConfigCheck own = ConfigCheck.of("heads[" + i + "]");
            head.validate(own);
            head.validate(check.child("heads[" + i + "]"));
            sizesValid &= own.isValid();
            check.require(head.name() == null || names.add(head.name()), "heads[" + i + "].name", head.name(),
                    "appears twice");
        }
        if (sizesValid && heads.size() <= MAX_HEADS) {
            // Only now: every factor is within its cap, so the count cannot overflow.
            long parameters = parameterCount();
            check.require(parameters <= MAX_PARAMETERS, "parameters", parameters, "total parameters "
                    + parameters + " exceed the cap of " + MAX_PARAMETERS);
        }
    }

    private static boolean in(ConfigCheck check, String field, int value, int max) {
        check.range(field, value, 1, max);
        return value >= 1 && value <= max;
    }

    /** Name of head {@code head}'s weights {@code [mergeUnits, classes]}. */
    public static String headWeights(String head) {
        return "head." + head + ".W";
    }

    /** Name of head {@code head}'s bias {@code [classes]}. */
    public static String headBias(String head) {
        return "head." + head + ".b";
    }

    /** Total number of weights and biases. */
    public long parameterCount() {
        return parameterCount(tsFeatures, lstmUnits, denseFeatures, denseUnits, mergeUnits, heads);
    }

    /** Index of the head named {@code name}, or -1. */
    public int headIndex(String name) {
        for (int i = 0; i < heads.size(); i++) {
            if (heads.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Every tensor this architecture needs, in canonical order, each placed right after the
     * previous one: the layout a writer uses and a reader checks shapes against.
     */
    public List<TensorSpec> tensorLayout() {
        List<TensorSpec> layout = new ArrayList<>();
        long[] offset = {0};
        add(layout, offset, LSTM_INPUT_WEIGHTS, tsFeatures, 4 * lstmUnits);
        add(layout, offset, LSTM_RECURRENT_WEIGHTS, lstmUnits, 4 * lstmUnits);
        add(layout, offset, LSTM_BIAS, 4 * lstmUnits);
        add(layout, offset, DENSE_WEIGHTS, denseFeatures, denseUnits);
        add(layout, offset, DENSE_BIAS, denseUnits);
        add(layout, offset, MERGE_WEIGHTS, lstmUnits + denseUnits, mergeUnits);
        add(layout, offset, MERGE_BIAS, mergeUnits);
        for (HeadSpec head : heads) {
            add(layout, offset, headWeights(head.name()), mergeUnits, head.classCount());
            add(layout, offset, headBias(head.name()), head.classCount());
        }
        return List.copyOf(layout);
    }

    private static void add(List<TensorSpec> layout, long[] offset, String name, int... shape) {
        List<Integer> dims = new ArrayList<>();
        long count = 1;
        for (int dim : shape) {
            dims.add(dim);
            count *= dim;
        }
        long length = count * TensorSpec.BYTES_PER_VALUE;
        layout.add(new TensorSpec(name, dims, offset[0], length));
        offset[0] += length;
    }

    private static long parameterCount(long tsFeatures, long lstmUnits, long denseFeatures, long denseUnits,
            long mergeUnits, List<HeadSpec> heads) {
        long count = (tsFeatures + lstmUnits + 1) * 4 * lstmUnits
                + (denseFeatures + 1) * denseUnits
                + (lstmUnits + denseUnits + 1) * mergeUnits;
        for (HeadSpec head : heads) {
            count += (mergeUnits + 1) * head.classCount();
        }
        return count;
    }
}
