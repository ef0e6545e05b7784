package dev.weir.models.eval;

import dev.weir.models.data.Dataset;
import java.util.Arrays;

/**
 * How early congestion is predicted, from {@link Dataset#leadTimeS} (seconds from a sample to the
 * congestion event ahead):
 * <ul>
 *   <li>{@code medianLeadTimeS}: median lead time over correctly predicted positive samples;</li>
 *   <li>events: each maximal run of consecutive positive samples of one source (in dataset order,
 *       which is time order within a source; unlabelled samples are skipped, negative ones end the
 *       run) whose lead time does not grow is one congestion event
 *       seen coming; a growing lead time starts the next event. {@code eventsDetected} counts the
 *       events on which the classifier fired at least once and {@code medianFirstFireLeadTimeS} is
 *       the median lead time of each detected event's first firing sample: how early a warning came.</li>
 * </ul>
 * Medians of an even count average the middle two; NaN (JSON null) when there is nothing to take it of.
 * Why these: the ML BWE design's congestion predictor is judged by firing before the delay spike
 * and loss arrive (docs/ml.md), so how early, not only whether, matters.
 *
 * <p>Immutable and thread-safe.
 */
public record LeadTimeMetrics(double medianLeadTimeS, int events, int eventsDetected,
        double medianFirstFireLeadTimeS) {

    /**
     * Lead-time metrics of {@code samples} (dataset indices in ascending order) with their true
     * and predicted classes (1 = congestion ahead), position by position; the first {@code count} count.
     */
    public static LeadTimeMetrics of(Dataset dataset, int[] samples, int[] truth, int[] predicted, int count) {
        double[] truePositiveLeads = new double[count];
        int truePositives = 0;
        double[] firstFireLeads = new double[count];
        int detectedWithLead = 0;
        int events = 0;
        int detected = 0;
        boolean inEvent = false;
        boolean fired = false;
        int previousSource = -1;
        double previousLead = Double.NaN;
        for (int k = 0; k < count; k++) {
            int i = samples[k];
            double lead = microseconds(dataset.leadTimeS(i));
            if (truth[k] != 1) {
                inEvent = false;
                continue;
            }
            if (predicted[k] == 1 && lead >= 0) {
                truePositiveLeads[truePositives++] = lead;
            }
            // A negative sample in between ends the event (inEvent); so do another call and a lead that grows.
            boolean continues = inEvent && dataset.sourceIndex(i) == previousSource && !(lead > previousLead);
            if (!continues) {
                events++;
                inEvent = true;
                fired = false;
            }
            if (predicted[k] == 1 && !fired) {
                fired = true;
                detected++;
                if (lead >= 0) {
                    firstFireLeads[detectedWithLead++] = lead;
                }
            }
            previousSource = dataset.sourceIndex(i);
            previousLead = lead;
        }
        return new LeadTimeMetrics(median(truePositiveLeads, truePositives), events, detected,
                median(firstFireLeads, detectedWithLead));
    }

    /** Share of events detected, NaN without events. */
    public double detectionRate() {
        return events == 0 ? Double.NaN : (double) eventsDetected / events;
    }

    /** A float lead time as a double rounded to the microsecond, so 0.6f reads 0.6, not 0.6000000238. */
    private static double microseconds(float seconds) {
        return Math.round(seconds * 1e6) / 1e6;
    }

    static double median(double[] values, int count) {
        if (count == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2.0;
    }
}
