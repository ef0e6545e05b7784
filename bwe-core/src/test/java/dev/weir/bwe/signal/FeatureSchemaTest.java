package dev.weir.bwe.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.SettingsJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSchemaTest {
    /**
     * The digest of the default schema, pinned: if this fails, the features changed. Update it
     * only together with {@link FeatureSchema#SCHEMA_VERSION} and retrain the models.
     */
    private static final String DEFAULT_DIGEST = "d326c129cd83e441c3c767b7223835542c7cc7917fccb13fc6c7507a3ad4db00";

    @Test
    void shouldKeepTheDefaultDigestStable() {
        assertEquals(DEFAULT_DIGEST, FeatureSchema.defaults().digest(), FeatureSchema.defaults().canonicalText());
        assertEquals(FeatureSchema.defaults().digest(), new SignalRecorder().schema().digest());
        assertEquals(FeatureSchema.defaults(), FeatureSchema.of(new SignalSettings()));
    }

    @Test
    void shouldChangeTheDigestWhenAValueChangingSettingChanges() {
        String base = FeatureSchema.defaults().digest();
        SignalSettings step = new SignalSettings();
        step.stepMs = 50;
        SignalSettings baseDelay = new SignalSettings();
        baseDelay.baseDelayWindowS = 5;
        SignalSettings clockJump = new SignalSettings();
        clockJump.clockJumpMs = 1_000;
        SignalSettings history = new SignalSettings();
        history.historyS = 30;
        assertNotEquals(base, FeatureSchema.of(step).digest());
        assertNotEquals(base, FeatureSchema.of(baseDelay).digest());
        assertNotEquals(base, FeatureSchema.of(clockJump).digest());
        // The history only sizes the ring; it does not change any value.
        assertEquals(base, FeatureSchema.of(history).digest());
    }

    @Test
    void shouldChangeTheDigestWhenFeaturesOrUnitsChange() {
        FeatureSchema schema = FeatureSchema.defaults();
        List<String> reordered = new ArrayList<>(schema.timeSeriesFeatureNames());
        reordered.add(0, reordered.remove(1));
        List<String> units = new ArrayList<>(schema.denseFeatureUnits());
        units.set(0, "s");
        List<String> fewer = schema.denseFeatureNames().subList(0, schema.denseFeatureCount() - 1);
        String base = schema.digest();
        assertNotEquals(base, new FeatureSchema(1, 100, 10, 5_000, reordered, schema.timeSeriesFeatureUnits(),
                schema.denseFeatureNames(), schema.denseFeatureUnits()).digest());
        assertNotEquals(base, new FeatureSchema(1, 100, 10, 5_000, schema.timeSeriesFeatureNames(),
                schema.timeSeriesFeatureUnits(), schema.denseFeatureNames(), units).digest());
        assertNotEquals(base, new FeatureSchema(1, 100, 10, 5_000, schema.timeSeriesFeatureNames(),
                schema.timeSeriesFeatureUnits(), fewer, schema.denseFeatureUnits().subList(0, fewer.size())).digest());
        assertNotEquals(base, new FeatureSchema(2, 100, 10, 5_000, schema.timeSeriesFeatureNames(),
                schema.timeSeriesFeatureUnits(), schema.denseFeatureNames(), schema.denseFeatureUnits()).digest());
        assertEquals(base, new FeatureSchema(1, 100, 10, 5_000, schema.timeSeriesFeatureNames(),
                schema.timeSeriesFeatureUnits(), schema.denseFeatureNames(), schema.denseFeatureUnits()).digest());
    }

    @Test
    void shouldListUniqueFeatureNamesInEnumOrderWithWindowSteps() {
        FeatureSchema schema = FeatureSchema.defaults();
        assertEquals(TimeSeriesFeature.COUNT, schema.timeSeriesFeatureCount());
        assertEquals(DenseFeature.COUNT, schema.denseFeatureCount());
        assertEquals("rtt_ms", schema.timeSeriesFeatureNames().get(TimeSeriesFeature.RTT_MS.ordinal()));
        assertEquals("rtt_loss_correlation",
                schema.denseFeatureNames().get(DenseFeature.RTT_LOSS_CORRELATION.ordinal()));
        List<String> all = new ArrayList<>(schema.timeSeriesFeatureNames());
        all.addAll(schema.denseFeatureNames());
        assertEquals(all.size(), new HashSet<>(all).size(), "feature names must be unique: " + all);
        assertEquals(100, schema.lossWindowSteps());
        assertEquals(40, schema.congestionWindowSteps());
        SignalSettings odd = new SignalSettings();
        odd.stepMs = 300;
        assertEquals(34, FeatureSchema.of(odd).lossWindowSteps(), "ceil(10000 / 300)");
        assertTrue(schema.canonicalText().contains("ts.0=rtt_ms [ms]\n"), schema.canonicalText());
    }

    @Test
    void shouldReadSettingsFromSnakeCaseJson() {
        SignalSettings settings = SettingsJson.read("{\"step_ms\": 50, \"base_delay_window_s\": 8}",
                SignalSettings.class, "signal.json");
        assertEquals(50, settings.stepMs);
        assertEquals(8, settings.baseDelayWindowS);
        assertEquals(12, settings.historyS);
    }
}
