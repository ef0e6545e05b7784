package dev.weir.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.model.ModelArtifact;
import org.junit.jupiter.api.Test;

class BundleTest {
    @Test
    void withKeepsTheSetsAndReplacesTheIdDecisionAndModel() {
        ModelArtifact model = TestBundles.defaultModel();
        Bundle base = TestBundles.bundle("base", model);
        TypeDecisionSettings rule = new TypeDecisionSettings();
        rule.defaultType = NetworkType.CONGESTION_PRONE.id();
        Bundle other = base.with("other", rule, null);
        assertEquals("other", other.id());
        assertEquals(SettingsJson.write(rule), SettingsJson.write(other.decision()));
        assertNull(other.model());
        for (NetworkType type : NetworkType.values()) {
            assertEquals(SettingsJson.write(base.parameterSet(type)), SettingsJson.write(other.parameterSet(type)));
            assertNotSame(base.sharedParameterSet(type), other.sharedParameterSet(type), "sets are copied");
        }
        rule.defaultType = NetworkType.RANDOM_LOSS.id();
        assertEquals("congestion_prone", other.decision().defaultType, "the decision is copied");
        assertSame(model, base.with("again", base.decision(), model).model());
        assertEquals("built in code", other.description());
    }
}
