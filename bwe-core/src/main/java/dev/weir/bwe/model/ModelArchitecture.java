package dev.weir.bwe.model;

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
 * for it.
 *
 * <p>Immutable and thread-safe.
 */
public record ModelArchitecture(int tsSteps, int tsFeatures, int lstmUnits, int denseFeatures, int denseUnits,
        int mergeUnits, List<HeadSpec> heads) {
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
        checkRange("ts_steps", tsSteps, MAX_TS_STEPS);
        checkRange("ts_features", tsFeatures, MAX_TS_FEATURES);
        checkRange("lstm_units", lstmUnits, MAX_LSTM_UNITS);
        checkRange("dense_features", denseFeatures, MAX_DENSE_FEATURES);
        checkRange("dense_units", denseUnits, MAX_LAYER_UNITS);
        checkRange("merge_units", mergeUnits, MAX_LAYER_UNITS);
        if (heads == null || heads.isEmpty() || heads.size() > MAX_HEADS) {
            throw new IllegalArgumentException("heads: must have 1-" + MAX_HEADS + " heads, has "
                    + (heads == null ? "none" : heads.size()));
        }
        Set<String> names = new HashSet<>();
        for (HeadSpec head : heads) {
            if (!names.add(head.name())) {
                throw new IllegalArgumentException("heads: head '" + head.name() + "' appears twice");
            }
        }
        heads = List.copyOf(heads);
        long parameters = parameterCount(tsFeatures, lstmUnits, denseFeatures, denseUnits, mergeUnits, heads);
        if (parameters > MAX_PARAMETERS) {
            throw new IllegalArgumentException("total parameters " + parameters + " exceed the cap of "
                    + MAX_PARAMETERS);
        }
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

    private static void checkRange(String field, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(field + " = " + value + ": must be in [1, " + max + "]");
        }
    }
}
