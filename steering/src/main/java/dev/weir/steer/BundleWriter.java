package dev.weir.steer;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a bundle directory: one {@code <type>.json} per parameter set, {@code decision.json},
 * the model under its content-addressed name, and {@code manifest.json} naming every file with
 * its SHA-256 (written last). The directory appears whole or not at all ({@link AtomicFiles}); the
 * same inputs give the same bytes. Everything is validated first; invalid input writes nothing.
 *
 * <p>Thread-safe: stateless.
 */
public final class BundleWriter {
    /** The decision settings' file name. */
    public static final String DECISION = "decision.json";

    private BundleWriter() {
    }

    /**
     * Writes the bundle and returns its id (the manifest's SHA-256).
     *
     * @param sets one parameter set per network type
     * @param model the model, or null for a bundle without one
     * @throws InvalidSettingsException listing every invalid field (nothing is written)
     */
    public static String write(Path dir, Map<NetworkType, ParameterSet> sets, TypeDecisionSettings decision,
                               ModelArtifact model, String description, String provenance) throws IOException {
        ConfigCheck check = ConfigCheck.of("bundle");
        for (NetworkType type : NetworkType.values()) {
            ParameterSet set = sets.get(type);
            check.notNull(type.id(), set);
            if (set != null) {
                set.validate(check.child(type.id()));
                check.require(type.id().equals(set.type), type.id() + ".type", set.type, "must be " + type.id());
            }
        }
        decision.validate(check.child("decision"));
        check.throwIfInvalid();
        BundleManifest manifest = new BundleManifest();
        manifest.description = description == null ? "" : description;
        manifest.provenance = provenance == null ? "" : provenance;
        List<byte[]> contents = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (NetworkType type : NetworkType.values()) {
            byte[] json = json(sets.get(type));
            BundleManifest.SetEntry entry = new BundleManifest.SetEntry();
            entry.type = type.id();
            entry.file = type.id() + ".json";
            entry.sha256 = BundleLoader.sha256(json);
            manifest.parameterSets.add(entry);
            names.add(entry.file);
            contents.add(json);
        }
        byte[] decisionJson = json(decision);
        manifest.decision.file = DECISION;
        manifest.decision.sha256 = BundleLoader.sha256(decisionJson);
        names.add(DECISION);
        contents.add(decisionJson);
        if (model != null) {
            byte[] modelBytes = model.toBytes();
            manifest.model = new BundleManifest.FileEntry();
            manifest.model.file = model.fileName();
            manifest.model.sha256 = BundleLoader.sha256(modelBytes);
            names.add(manifest.model.file);
            contents.add(modelBytes);
        }
        byte[] manifestJson = json(manifest);
        try (AtomicFiles.OutputDirectory out = AtomicFiles.beginDirectory(dir, BundleLoader.MANIFEST)) {
            for (int i = 0; i < names.size(); i++) {
                Files.write(out.path().resolve(names.get(i)), contents.get(i));
            }
            Files.write(out.path().resolve(BundleLoader.MANIFEST), manifestJson);
            out.commit();
        }
        return BundleLoader.sha256(manifestJson);
    }

    private static byte[] json(Object value) {
        return (SettingsJson.write(value) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
