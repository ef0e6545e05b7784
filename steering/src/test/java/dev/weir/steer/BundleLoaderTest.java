package dev.weir.steer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.signal.FeatureSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a bundle can be broken is rejected whole, with the file and the problem named. */
class BundleLoaderTest {
    @TempDir
    Path temp;

    private Path write(String name, ModelArtifact model) throws IOException {
        EnumMap<NetworkType, ParameterSet> sets = new EnumMap<>(NetworkType.class);
        for (NetworkType type : NetworkType.values()) {
            ParameterSet set = ParameterSet.defaults(type);
            set.id = type.id() + "/test";
            sets.put(type, set);
        }
        sets.get(NetworkType.RANDOM_LOSS).fec.perLossRatio = 1.5;
        sets.get(NetworkType.RANDOM_LOSS).fec.maxRatio = 0.3;
        Path dir = temp.resolve(name);
        BundleWriter.write(dir, sets, new TypeDecisionSettings(), model, "test bundle", "BundleLoaderTest");
        return dir;
    }

    private static String rejection(Path dir) {
        return assertThrows(BundleException.class, () -> BundleLoader.load(dir)).getMessage();
    }

    private static void edit(Path file, UnaryOperator<String> change) throws IOException {
        Files.writeString(file, change.apply(Files.readString(file)));
    }

    /** Rewrites a set file and its digest in the manifest, so only the content is wrong. */
    private static void editSet(Path dir, String file, UnaryOperator<String> change) throws IOException {
        String before = BundleLoader.sha256(Files.readAllBytes(dir.resolve(file)));
        edit(dir.resolve(file), change);
        String after = BundleLoader.sha256(Files.readAllBytes(dir.resolve(file)));
        edit(dir.resolve(BundleLoader.MANIFEST), text -> text.replace(before, after));
    }

    @Test
    void loadsWhatTheWriterWroteWithTheManifestDigestAsItsId() throws IOException {
        Path dir = write("ok", TestBundles.defaultModel());
        Bundle bundle = BundleLoader.load(dir);
        assertEquals(BundleLoader.sha256(Files.readAllBytes(dir.resolve(BundleLoader.MANIFEST))), bundle.id());
        assertEquals(1.5, bundle.parameterSet(NetworkType.RANDOM_LOSS).fec.perLossRatio);
        assertEquals(TestBundles.defaultModel().sha256(), bundle.model().sha256());
        Path again = write("again", TestBundles.defaultModel());
        assertEquals(bundle.id(), BundleLoader.load(again).id(), "the same inputs give the same bundle");
        assertNull(BundleLoader.load(write("no-model", null)).model());
    }

    @Test
    void rejectsAMissingManifest() throws IOException {
        Path dir = write("x", null);
        Files.delete(dir.resolve(BundleLoader.MANIFEST));
        assertTrue(rejection(dir).contains("manifest.json: file not found"));
    }

    @Test
    void rejectsAManifestThatIsNotJsonOrOfAnotherFormat() throws IOException {
        Path dir = write("x", null);
        Files.writeString(dir.resolve(BundleLoader.MANIFEST), "{ not json");
        assertTrue(rejection(dir).contains("manifest.json"));
        Path other = write("y", null);
        edit(other.resolve(BundleLoader.MANIFEST), text -> text.replace("weir-bundle/1", "weir-bundle/9"));
        assertTrue(rejection(other).contains("manifest.json.format = weir-bundle/9"), rejection(other));
    }

    @Test
    void rejectsAFileWhoseContentDoesNotMatchItsDigest() throws IOException {
        Path dir = write("x", null);
        edit(dir.resolve("random_loss.json"), text -> text.replace("1.5", "2.5"));
        String message = rejection(dir);
        assertTrue(message.contains("random_loss.json: SHA-256") && message.contains("does not match"), message);
    }

    @Test
    void rejectsAMissingFileAndAMissingOrDuplicatedType() throws IOException {
        Path dir = write("x", null);
        Files.delete(dir.resolve("cellular_variable.json"));
        assertTrue(rejection(dir).contains("cellular_variable.json: file not found"));
        Path missing = write("y", null);
        edit(missing.resolve(BundleLoader.MANIFEST), text -> text.replace("\"type\" : \"cellular_variable\"",
                "\"type\" : \"wired_stable\""));
        String message = rejection(missing);
        assertTrue(message.contains("appears more than once"), message);
        assertTrue(message.contains("cellular_variable: is missing"), message);
    }

    @Test
    void rejectsAnInvalidParameterSetNamingItsFileAndField() throws IOException {
        Path dir = write("x", null);
        editSet(dir, "random_loss.json", text -> text.replace("\"max_ratio\" : 0.3", "\"max_ratio\" : 0.9"));
        String message = rejection(dir);
        assertTrue(message.contains("random_loss.json.fec.max_ratio = 0.9"), message);
    }

    @Test
    void rejectsATunedSetThatDidNotBeatTheDefaultsOnItsHeldOutScenarios() throws IOException {
        Path dir = write("x", null);
        String record = """
                "tuned" : {"optimiser": "CMA-ES", "objective": "J", "budget": 10, "evaluations": 10,
                  "started_from": "random_loss/defaults", "seeds": [1, 2],
                  "scenarios": [{"name": "a", "scenario_sha256": "", "capacity_sha256": ""}],
                  "holdout_scenarios": [{"name": "b", "scenario_sha256": "", "capacity_sha256": ""}],
                  "train": {"calls": 2}, "holdout": {"calls": 8, "change_estimate": -0.4,
                  "change_low": -1.2, "change_high": 0.3, "p_value": 0.3}, "accepted": false},
                """ + "\"fec\"";
        editSet(dir, "random_loss.json", text -> text.replace("\"fec\"", record));
        String message = rejection(dir);
        assertTrue(message.contains("random_loss.json.tuned.accepted = false"), message);
        assertTrue(message.contains("random_loss.json.tuned.holdout.change_high = 0.3"), message);
    }

    @Test
    void rejectsASetWhoseTypeContradictsTheManifest() throws IOException {
        Path dir = write("x", null);
        editSet(dir, "random_loss.json", text -> text.replace("\"type\" : \"random_loss\"",
                "\"type\" : \"wired_stable\""));
        assertTrue(rejection(dir).contains("random_loss.json: type wired_stable does not match the manifest's"));
    }

    @Test
    void rejectsAPathOutsideTheBundleDirectory() throws IOException {
        Path dir = write("x", null);
        edit(dir.resolve(BundleLoader.MANIFEST), text -> text.replace("\"file\" : \"decision.json\"",
                "\"file\" : \"../decision.json\""));
        String message = rejection(dir);
        assertTrue(message.contains("manifest.json.decision.file = ../decision.json: must be a plain file name"),
                message);
    }

    @Test
    void rejectsACorruptModel() throws IOException {
        Path dir = write("x", TestBundles.defaultModel());
        String modelFile = TestBundles.defaultModel().fileName();
        byte[] bytes = Files.readAllBytes(dir.resolve(modelFile));
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(dir.resolve(modelFile), bytes);
        String sha = BundleLoader.sha256(bytes);
        edit(dir.resolve(BundleLoader.MANIFEST), text -> text.replace(
                "\"sha256\" : \"" + TestBundles.defaultModel().sha256() + "\"", "\"sha256\" : \"" + sha + "\""));
        String message = rejection(dir);
        assertTrue(message.contains(modelFile + ":"), message);
    }

    @Test
    void rejectsAModelBuiltForAnotherFeatureSchema() throws IOException {
        ModelArtifact model = TestBundles.defaultModel();
        FeatureSchema s = model.featureSchema();
        java.util.List<FeatureSchema.Feature> ts = new java.util.ArrayList<>(s.tsFeatures());
        ts.set(0, new FeatureSchema.Feature("rtt_seconds", "s"));
        FeatureSchema schema = FeatureSchema.custom(new FeatureSchema(s.schemaVersion(), s.stepMs(), s.tsWindowMs(),
                s.baseDelayWindowS(), s.clockJumpMs(), ts, s.denseWindows(), s.denseFeatures()));
        Path dir = write("x", TestBundles.withSchema(model, schema));
        String message = rejection(dir);
        assertTrue(message.contains("built for feature schema " + schema.digest()), message);
        assertTrue(message.contains("the runtime's schema is " + FeatureSchema.defaults().digest()), message);
    }

    @Test
    void listsEveryProblemAtOnce() throws IOException {
        Path dir = write("x", null);
        Files.delete(dir.resolve("wired_stable.json"));
        edit(dir.resolve("decision.json"), text -> text + " ");
        String message = rejection(dir);
        assertTrue(message.contains("wired_stable.json: file not found"), message);
        assertTrue(message.contains("decision.json: SHA-256"), message);
    }

    @Test
    void aStoreCopiesOnlyWhatItLacksAndGivesTheBundleBack() throws IOException {
        BundleStore store = new BundleStore(temp.resolve("store"));
        Path first = write("first", TestBundles.defaultModel());
        BundleStore.Installed installed = store.install(first);
        assertEquals(6, installed.newFiles().size(), "4 sets, the decision settings and the model");
        Path second = temp.resolve("second");
        EnumMap<NetworkType, ParameterSet> sets = new EnumMap<>(NetworkType.class);
        for (NetworkType type : NetworkType.values()) {
            sets.put(type, BundleLoader.load(first).parameterSet(type));
        }
        sets.get(NetworkType.CONGESTION_PRONE).earlyBackoff.enabled = true;
        BundleWriter.write(second, sets, new TypeDecisionSettings(), TestBundles.defaultModel(), "second", "");
        BundleStore.Installed update = store.install(second);
        assertEquals(java.util.List.of("congestion_prone.json"), update.newFiles(), "only the changed set is new");
        assertNotEquals(installed.bundleId(), update.bundleId());
        Bundle back = store.materialise(update.bundleId(), temp.resolve("checkout"));
        assertEquals(update.bundleId(), back.id());
        assertTrue(back.parameterSet(NetworkType.CONGESTION_PRONE).earlyBackoff.enabled);
    }
}
