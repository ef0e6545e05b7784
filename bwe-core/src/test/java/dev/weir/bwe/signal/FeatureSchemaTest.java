package dev.weir.bwe.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.container.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSchemaTest {
    /**
     * The digest of the default schema (the default model's inputs), pinned: if this fails, the
     * features changed. Update it only together with {@link FeatureSchema#SCHEMA_VERSION} (when a
     * computation changed) and retrain the default model.
     */
    private static final String DEFAULT_DIGEST = "0acfd2544e349939f9afc45ea8ace1223e8cc366fb73f9f5857789951acae1e5";

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
        step.stepMs = 100;
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
    void shouldChangeTheDigestWhenFeaturesUnitsWindowsOrVersionChange() {
        FeatureSchema s = FeatureSchema.defaults();
        List<FeatureSchema.Feature> reordered = new ArrayList<>(s.tsFeatures());
        reordered.add(0, reordered.remove(1));
        List<FeatureSchema.Feature> units = new ArrayList<>(s.denseFeatures());
        units.set(0, new FeatureSchema.Feature(units.get(0).name(), "s"));
        List<FeatureSchema.DenseWindow> oneWindow = s.denseWindows().subList(0, 1);
        String base = s.digest();
        assertNotEquals(base, new FeatureSchema(s.schemaVersion(), s.stepMs(), s.tsWindowMs(), s.baseDelayWindowS(),
                s.clockJumpMs(), reordered, s.denseWindows(), s.denseFeatures()).digest());
        assertNotEquals(base, new FeatureSchema(s.schemaVersion(), s.stepMs(), s.tsWindowMs(), s.baseDelayWindowS(),
                s.clockJumpMs(), s.tsFeatures(), s.denseWindows(), units).digest());
        assertNotEquals(base, new FeatureSchema(s.schemaVersion(), s.stepMs(), s.tsWindowMs(), s.baseDelayWindowS(),
                s.clockJumpMs(), s.tsFeatures(), oneWindow, s.denseFeatures()).digest());
        assertNotEquals(base, new FeatureSchema(s.schemaVersion(), s.stepMs(), 8_000, s.baseDelayWindowS(),
                s.clockJumpMs(), s.tsFeatures(), s.denseWindows(), s.denseFeatures()).digest());
        assertNotEquals(base, new FeatureSchema(s.schemaVersion() + 1, s.stepMs(), s.tsWindowMs(),
                s.baseDelayWindowS(), s.clockJumpMs(), s.tsFeatures(), s.denseWindows(), s.denseFeatures()).digest());
        assertEquals(base, new FeatureSchema(s.schemaVersion(), s.stepMs(), s.tsWindowMs(), s.baseDelayWindowS(),
                s.clockJumpMs(), s.tsFeatures(), s.denseWindows(), s.denseFeatures()).digest());
    }

    @Test
    void shouldDescribeTheDefaultModelInputLayout() {
        FeatureSchema schema = FeatureSchema.defaults();
        assertEquals(200, schema.stepMs());
        assertEquals(50, schema.tsSteps(), "10 s of 200 ms steps");
        assertEquals(TimeSeriesFeature.COUNT, schema.tsFeatures().size());
        assertEquals(2 * DenseFeature.COUNT, schema.denseInputCount(), "the 10 s and the 4 s window");
        assertEquals("rtt_ms", schema.tsFeatureNames().get(TimeSeriesFeature.RTT_MS.ordinal()));
        assertEquals("w10_rtt_loss_correlation",
                schema.denseInputNames().get(DenseFeature.RTT_LOSS_CORRELATION.ordinal()));
        assertEquals("w4_rtt_min_ms", schema.denseInputNames().get(DenseFeature.COUNT));
        assertEquals(20, schema.stepsFor(FeatureSchema.CONGESTION_WINDOW_MS));
        List<String> all = new ArrayList<>(schema.tsFeatureNames());
        all.addAll(schema.denseInputNames());
        assertEquals(all.size(), new HashSet<>(all).size(), "input names must be unique: " + all);
        SignalSettings odd = new SignalSettings();
        odd.stepMs = 300;
        assertEquals(34, FeatureSchema.of(odd).tsSteps(), "ceil(10000 / 300)");
        assertTrue(schema.canonicalText().contains("ts.0=rtt_ms [ms]\n"), schema.canonicalText());
        assertTrue(schema.canonicalText().contains("dense_window.1=w4_ [4000 ms]\n"), schema.canonicalText());
    }

    @Test
    void shouldRoundTripThroughCanonicalJson() {
        FeatureSchema schema = FeatureSchema.defaults();
        String json = new String(CanonicalJson.write(schema), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"base_delay_window_s\":10,\"clock_jump_ms\":5000,\"dense_features\":["), json);
        FeatureSchema read = SettingsJson.read(json, FeatureSchema.class, "schema.json");
        assertEquals(schema, read);
        assertEquals(schema.digest(), read.digest());
    }

    @Test
    void shouldListEveryBrokenConstraintOfAReadSchema() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> SettingsJson.read(
                "{\"schema_version\": 2, \"step_ms\": 0, \"ts_window_ms\": 10000, \"base_delay_window_s\": 10,"
                        + " \"clock_jump_ms\": 5000, \"ts_features\": [{\"name\": \"a b\", \"unit\": \"ms\"},"
                        + " {\"name\": \"x\", \"unit\": \"[s]\"}, {\"name\": \"x\", \"unit\": \"s\"}],"
                        + " \"dense_windows\": [], \"dense_features\": [{\"name\": \"d\", \"unit\": \"1\"}]}",
                FeatureSchema.class, "schema.json"));
        assertEquals(List.of("schema.json.step_ms = 0: must be in [1, 60000]",
                "schema.json.ts_features[0].name = a b: must be 1-128 characters from [A-Za-z0-9_.:-]",
                "schema.json.ts_features[1].unit = [s]: must be 0-32 printable ASCII characters without brackets",
                "schema.json.ts_features[2].name = x: appears twice",
                "schema.json.dense_windows = 0 windows for 1 dense features: dense features need at least one window"
                        + " and windows need features"), e.problems());
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
