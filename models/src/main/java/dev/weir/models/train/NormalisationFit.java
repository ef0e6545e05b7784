package dev.weir.models.train;

import dev.weir.bwe.model.Normalisation;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.models.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Fits the {@link Normalisation} the model carries, on the training split only: per feature a
 * transform chosen by the feature's unit (signed {@code log1p} for heavy-tailed magnitudes: times,
 * rates, delays, counts; linear for ratios, flags and correlations), then the median of the
 * transformed values as centre and the interquartile range / 1.349 as scale (the normal
 * distribution's IQR is 1.349 standard deviations, so well-behaved features keep a unit scale),
 * falling back to the standard deviation where the IQR is 0 (mostly-zero features such as loss)
 * and to a floor where that is 0 too. Time-series features use every step of the training calls,
 * dense features their decision steps; at most {@link #MAX_VALUES} values per feature, taken at an
 * even stride, so the fit costs the same on any dataset size.
 *
 * <p>Stateless and thread-safe.
 */
public final class NormalisationFit {
    /** Units of heavy-tailed magnitudes, transformed by signed log1p. */
    static final Set<String> LOG_UNITS = Set.of("ms", "kbit/s", "ms/s", "packets", "bursts", "reports", "s");
    /** Values per feature the quantiles are taken of: a quantile's standard error is then below 0.3 %. */
    static final int MAX_VALUES = 200_000;
    /** IQR of the standard normal distribution, in standard deviations. */
    private static final double NORMAL_IQR = 1.349;

    private NormalisationFit() {
    }

    /**
     * The fit and the features whose spread was zero in training (they carry no information; the
     * feature list should not hold any).
     *
     * @param normalisation the fitted parameters
     * @param constantFeatures names of the inputs with zero spread, time-series then dense
     */
    public record Fit(Normalisation normalisation, List<String> constantFeatures) {
        public Fit {
            constantFeatures = List.copyOf(constantFeatures);
        }
    }

    /** Fits on the steps of {@code trainCalls} (call indices of {@code dataset}). */
    public static Fit fit(Dataset dataset, int[] trainCalls, double scaleFloor) {
        FeatureSchema schema = dataset.schema();
        List<String> constant = new ArrayList<>();
        int[] allSteps = steps(dataset, trainCalls, false);
        int[] decisionSteps = steps(dataset, trainCalls, true);
        if (decisionSteps.length == 0) {
            throw new IllegalArgumentException("the training split has no decision step");
        }
        int ts = dataset.tsFeatures();
        Normalisation.Transform[] tsTransform = new Normalisation.Transform[ts];
        float[] tsCentre = new float[ts];
        float[] tsScale = new float[ts];
        for (int f = 0; f < ts; f++) {
            int feature = f;
            tsTransform[f] = transformFor(schema.tsFeatures().get(f).unit());
            float[] values = sample(allSteps, i -> dataset.tsValue(i, feature), tsTransform[f]);
            fitOne(values, scaleFloor, tsCentre, tsScale, f, constant, schema.tsFeatureNames().get(f));
        }
        int dense = dataset.denseInputs();
        Normalisation.Transform[] denseTransform = new Normalisation.Transform[dense];
        float[] denseCentre = new float[dense];
        float[] denseScale = new float[dense];
        List<String> names = schema.denseInputNames();
        int perWindow = schema.denseFeatures().size();
        for (int f = 0; f < dense; f++) {
            denseTransform[f] = transformFor(schema.denseFeatures().get(f % perWindow).unit());
            int input = f;
            float[] values = sample(decisionSteps, i -> dataset.denseValue(i, input), denseTransform[f]);
            fitOne(values, scaleFloor, denseCentre, denseScale, f, constant, names.get(f));
        }
        return new Fit(new Normalisation(tsTransform, tsCentre, tsScale, denseTransform, denseCentre, denseScale),
                constant);
    }

    /** The transform of a feature with {@code unit}. */
    static Normalisation.Transform transformFor(String unit) {
        return LOG_UNITS.contains(unit) ? Normalisation.Transform.SIGNED_LOG1P : Normalisation.Transform.LINEAR;
    }

    private interface Value {
        float at(int step);
    }

    private static float[] sample(int[] steps, Value value, Normalisation.Transform transform) {
        int stride = Math.max(1, (steps.length + MAX_VALUES - 1) / MAX_VALUES);
        float[] values = new float[(steps.length + stride - 1) / stride];
        int n = 0;
        for (int k = 0; k < steps.length; k += stride) {
            float raw = value.at(steps[k]);
            values[n++] = Float.isFinite(raw) ? transform.apply(raw) : 0f;
        }
        return Arrays.copyOf(values, n);
    }

    private static void fitOne(float[] values, double floor, float[] centre, float[] scale, int index,
                               List<String> constant, String name) {
        double median = quantile(values, 0.5);
        double iqr = quantile(values, 0.75) - quantile(values, 0.25);
        double spread = iqr / NORMAL_IQR;
        if (!(spread > floor)) {
            Arrays.sort(values); // the sum's order stays the same as ever: equal fits, equal bytes
            spread = std(values);
        }
        if (!(spread > 0)) {
            constant.add(name);
        }
        centre[index] = (float) median;
        scale[index] = (float) Math.max(floor, spread);
    }

    /**
     * Linear interpolation between order statistics (Hyndman and Fan's type 7, the R default).
     * The two order statistics are found by selection (Hoare's quickselect), which reorders
     * {@code values} but costs linear time instead of a sort's: a fit takes dozens of features of
     * {@link #MAX_VALUES} values each, and it runs before the first minibatch.
     */
    static double quantile(float[] values, double q) {
        if (values.length == 0) {
            return 0;
        }
        double position = q * (values.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(values.length - 1, low + 1);
        float lowValue = select(values, low);
        float highValue = select(values, high);
        return lowValue + (position - low) * (highValue - lowValue);
    }

    /** The {@code k}-th smallest of {@code values} (0-based), partially reordering them. */
    static float select(float[] values, int k) {
        int left = 0;
        int right = values.length - 1;
        while (left < right) {
            int middle = (left + right) >>> 1;
            // Median of three as the pivot: sorted input stays linear.
            float a = values[left];
            float b = values[middle];
            float c = values[right];
            float pivot = a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
            int i = left;
            int j = right;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float swap = values[i];
                    values[i] = values[j];
                    values[j] = swap;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }

    private static double std(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        double mean = sum / Math.max(1, values.length);
        double squares = 0;
        for (float v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / Math.max(1, values.length));
    }

    private static int[] steps(Dataset dataset, int[] calls, boolean decisionsOnly) {
        int count = 0;
        for (int s : calls) {
            for (int i = dataset.sourceStart(s); i < dataset.sourceEnd(s); i++) {
                count += !decisionsOnly || dataset.isDecision(i) ? 1 : 0;
            }
        }
        int[] out = new int[count];
        int n = 0;
        for (int s : calls) {
            for (int i = dataset.sourceStart(s); i < dataset.sourceEnd(s); i++) {
                if (!decisionsOnly || dataset.isDecision(i)) {
                    out[n++] = i;
                }
            }
        }
        return out;
    }
}
