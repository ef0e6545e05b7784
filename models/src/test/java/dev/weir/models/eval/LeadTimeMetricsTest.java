package dev.weir.models.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.models.data.Dataset;
import dev.weir.models.data.SampleSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadTimeMetricsTest {
    private static final float[] LEADS = {-1f, 1.0f, 0.8f, 0.6f, -1f, 0.4f, 0.2f, 1.0f, 0.8f};
    private static final int[] TRUTH = {0, 1, 1, 1, 0, 1, 1, 1, 1};

    private static Dataset dataset(int sourceSplitAt) {
        Dataset.Builder b = Dataset.builder(FeatureSchema.custom(200, 1, List.of("x"), List.of("d")), List.of());
        b.addSource(new SampleSource("s", "f", "t1", 1, "test"));
        b.addSource(new SampleSource("s", "f", "t2", 2, "test"));
        for (int i = 0; i < LEADS.length; i++) {
            b.add(i < sourceSplitAt ? 0 : 1, i * 200, new float[1], new float[1], -1, TRUTH[i], -1, LEADS[i],
                    new byte[0]);
        }
        return b.build();
    }

    @Test
    void shouldTakeMedianLeadOfTruePositivesAndFirstFireOfEachEvent() {
        int[] samples = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        int[] predicted = {0, 0, 1, 1, 1, 0, 0, 1, 0};
        LeadTimeMetrics m = LeadTimeMetrics.of(dataset(99), samples, TRUTH, predicted, samples.length);
        // True positives at leads 0.8, 0.6, 1.0 -> median 0.8.
        assertEquals(0.8, m.medianLeadTimeS(), 1e-6);
        // Events: [1..3] first fires at 0.8; [5..6] never; [7..8] (lead grows again) fires at 1.0.
        assertEquals(3, m.events());
        assertEquals(2, m.eventsDetected());
        assertEquals(0.9, m.medianFirstFireLeadTimeS(), 1e-6);
        assertEquals(2.0 / 3, m.detectionRate(), 1e-12);
    }

    @Test
    void shouldStartANewEventWhenTheSourceChanges() {
        int[] samples = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        int[] predicted = new int[9];
        // Source changes between samples 2 and 3: [1,2], [3], [5,6], [7,8].
        assertEquals(4, LeadTimeMetrics.of(dataset(3), samples, TRUTH, predicted, 9).events());
    }

    @Test
    void shouldBeUndefinedWithoutTruePositives() {
        int[] samples = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        LeadTimeMetrics m = LeadTimeMetrics.of(dataset(99), samples, TRUTH, new int[9], 9);
        assertTrue(Double.isNaN(m.medianLeadTimeS()));
        assertTrue(Double.isNaN(m.medianFirstFireLeadTimeS()));
        assertEquals(0, m.eventsDetected());
    }
}
