package dev.weir.steer;

import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A local content-addressed store of bundles: {@code blobs/<sha256>} holds every file once,
 * whatever bundle named it; {@code bundles/<bundle id>.json} holds each installed manifest. A
 * client that already has a model (or a parameter set) from an earlier bundle fetches only what
 * it lacks; {@link #materialise} puts a bundle back together as a directory {@link BundleLoader}
 * reads (and verifies again).
 *
 * <p>Thread-safe for distinct bundles (every write is atomic and content-addressed); one process
 * should install a given bundle at a time.
 */
public final class BundleStore {
    private final Path root;

    public BundleStore(Path root) {
        this.root = root;
    }

    /** What {@link #install} did: the bundle id and which files were new to the store. */
    public record Installed(String bundleId, List<String> newFiles, List<String> presentFiles) {
    }

    /**
     * Verifies the bundle in {@code dir} ({@link BundleLoader#load}) and adds what the store lacks.
     *
     * @throws BundleException if the bundle does not verify (nothing is added)
     */
    public Installed install(Path dir) throws IOException {
        Bundle bundle = BundleLoader.load(dir);
        BundleManifest manifest = SettingsJson.read(dir.resolve(BundleLoader.MANIFEST), BundleManifest.class);
        List<String> fresh = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (String[] file : files(manifest)) {
            Path blob = blob(file[1]);
            if (Files.exists(blob)) {
                present.add(file[0]);
            } else {
                Files.createDirectories(blob.getParent());
                AtomicFiles.write(blob, Files.readAllBytes(dir.resolve(file[0])));
                fresh.add(file[0]);
            }
        }
        Path manifestCopy = root.resolve("bundles").resolve(bundle.id() + ".json");
        Files.createDirectories(manifestCopy.getParent());
        AtomicFiles.write(manifestCopy, Files.readAllBytes(dir.resolve(BundleLoader.MANIFEST)));
        return new Installed(bundle.id(), fresh, present);
    }

    /** Writes the installed bundle {@code bundleId} as a directory at {@code dir} and verifies it. */
    public Bundle materialise(String bundleId, Path dir) throws IOException {
        Path manifestFile = root.resolve("bundles").resolve(bundleId + ".json");
        if (!bundleId.matches("[0-9a-f]{64}") || !Files.isRegularFile(manifestFile)) {
            throw new BundleException(bundleId, List.of("not installed in the store " + root));
        }
        byte[] manifestBytes = Files.readAllBytes(manifestFile);
        BundleManifest manifest = SettingsJson.read(new String(manifestBytes, StandardCharsets.UTF_8),
                BundleManifest.class, manifestFile.toString());
        try (AtomicFiles.OutputDirectory out = AtomicFiles.beginDirectory(dir, BundleLoader.MANIFEST)) {
            for (String[] file : files(manifest)) {
                Files.copy(blob(file[1]), out.path().resolve(file[0]));
            }
            Files.write(out.path().resolve(BundleLoader.MANIFEST), manifestBytes);
            out.commit();
        }
        return BundleLoader.load(dir);
    }

    private Path blob(String sha256) {
        return root.resolve("blobs").resolve(sha256);
    }

    /** (file name, sha256) of every file the manifest names. */
    private static List<String[]> files(BundleManifest manifest) {
        List<String[]> files = new ArrayList<>();
        for (BundleManifest.SetEntry entry : manifest.parameterSets) {
            files.add(new String[] {entry.file, entry.sha256});
        }
        files.add(new String[] {manifest.decision.file, manifest.decision.sha256});
        if (manifest.model != null) {
            files.add(new String[] {manifest.model.file, manifest.model.sha256});
        }
        return files;
    }
}
