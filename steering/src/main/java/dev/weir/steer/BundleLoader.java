package dev.weir.steer;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.config.Validatable;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.ModelFormatException;
import dev.weir.bwe.signal.FeatureSchema;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and verifies a bundle, from a directory or as one archive file or stream
 * ({@link BundleArchive}): {@code manifest.json}, then every file it names, each
 * size-checked before reading, its SHA-256 compared with the manifest, its content validated
 * (parameter sets and decision settings by their settings types, the model by its artifact reader
 * and against the runtime's feature schema). Every problem found is collected and the bundle is
 * rejected whole ({@link BundleException}, each problem naming its file); nothing half-loaded
 * reaches an estimator.
 *
 * <p>Loading reads files and parses a model: do it off the call's thread ({@link #loadAsync}) and
 * hand the result to {@link WeirEstimator#offerBundle}.
 *
 * <p>Thread-safe: stateless.
 */
public final class BundleLoader {
    private static final Logger LOG = LoggerFactory.getLogger(BundleLoader.class);
    /** The manifest's file name. */
    public static final String MANIFEST = "manifest.json";
    /** Largest JSON file (manifest, parameter set, decision settings), bytes. */
    static final long MAX_JSON_BYTES = 1L << 20;

    private BundleLoader() {
    }

    /**
     * Loads and verifies the bundle in {@code dir}, a bundle directory or an archive file
     * ({@code *.weirbundle}).
     *
     * @throws BundleException naming every problem (and its file) if the bundle is not valid
     */
    public static Bundle load(Path dir) {
        if (Files.isRegularFile(dir)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(dir))) {
                return load(in, Files.size(dir), dir.toString());
            } catch (IOException e) {
                throw new BundleException(dir.toString(), List.of("cannot read: " + e.getMessage()));
            }
        }
        return verify(dir.toString(), (file, maxBytes, problems) -> read(dir, file, maxBytes, problems));
    }

    /**
     * Loads and verifies a bundle archive ({@link BundleArchive}) read from {@code in}, e.g. as a
     * server delivers it at call setup; {@code source} names it in errors.
     *
     * @param lengthBytes the stream's exact length, or -1 when unknown
     * @throws BundleException naming every problem (and its file) if the bundle is not valid
     */
    public static Bundle load(InputStream in, long lengthBytes, String source) {
        Map<String, byte[]> files = BundleArchive.read(in, lengthBytes, source);
        return verify(source, (file, maxBytes, problems) -> {
            byte[] bytes = files.get(file);
            if (bytes == null) {
                problems.add(file + ": not in the archive");
            } else if (bytes.length > maxBytes) {
                problems.add(file + ": " + bytes.length + " bytes, more than the " + maxBytes
                        + " a bundle file may have");
                return null;
            }
            return bytes;
        });
    }

    /** Where a bundle's files come from: a directory or an archive's contents. */
    @FunctionalInterface
    private interface FileSource {
        /** The file's bytes, or null after adding the problem to {@code problems}. */
        byte[] read(String file, long maxBytes, List<String> problems);
    }

    private static Bundle verify(String name, FileSource source) {
        List<String> problems = new ArrayList<>();
        byte[] manifestBytes = source.read(MANIFEST, MAX_JSON_BYTES, problems);
        if (manifestBytes == null) {
            throw new BundleException(name, problems);
        }
        BundleManifest manifest = parse(manifestBytes, BundleManifest.class, MANIFEST, problems);
        if (manifest == null) {
            throw new BundleException(name, problems);
        }
        EnumMap<NetworkType, ParameterSet> sets = new EnumMap<>(NetworkType.class);
        for (BundleManifest.SetEntry entry : manifest.parameterSets) {
            byte[] bytes = readVerified(source, entry.file, entry.sha256, MAX_JSON_BYTES, problems);
            ParameterSet set = bytes == null ? null : parse(bytes, ParameterSet.class, entry.file, problems);
            if (set != null) {
                if (!entry.type.equals(set.type)) {
                    problems.add(entry.file + ": type " + set.type + " does not match the manifest's " + entry.type);
                } else {
                    sets.put(set.networkType(), set);
                }
            }
        }
        byte[] decisionBytes = readVerified(source, manifest.decision.file, manifest.decision.sha256, MAX_JSON_BYTES,
                problems);
        TypeDecisionSettings decision = decisionBytes == null ? null
                : parse(decisionBytes, TypeDecisionSettings.class, manifest.decision.file, problems);
        ModelArtifact model = null;
        if (manifest.model != null) {
            byte[] modelBytes = readVerified(source, manifest.model.file, manifest.model.sha256,
                    ModelArtifact.MAX_FILE_BYTES, problems);
            if (modelBytes != null) {
                model = readModel(modelBytes, manifest.model.file, problems);
            }
        }
        if (!problems.isEmpty()) {
            LOG.warn("bundle {} does not verify: {} problem(s)", name, problems.size());
            throw new BundleException(name, problems);
        }
        Bundle bundle = new Bundle(sha256(manifestBytes), manifest.description, sets, decision, model);
        LOG.info("bundle {} verified from {} ({} parameter sets, model {})", bundle.id(), name, sets.size(),
                model == null ? "none" : manifest.model.file);
        return bundle;
    }

    /** {@link #load(Path)} on {@code executor}, so the call's thread never waits for files or parsing. */
    public static CompletableFuture<Bundle> loadAsync(Path dir, Executor executor) {
        return CompletableFuture.supplyAsync(() -> load(dir), executor);
    }

    /** The lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static ModelArtifact readModel(byte[] bytes, String file, List<String> problems) {
        ModelArtifact model;
        try {
            model = ModelArtifact.read(bytes, file);
        } catch (ModelFormatException e) {
            problems.add(file + ": " + e.getMessage());
            return null;
        }
        try {
            model.requireSchema(FeatureSchema.defaults()); // the typed digest: inputs this runtime feeds
        } catch (ModelFormatException e) {
            problems.add(file + ": " + e.problem());
            return null;
        }
        return model;
    }

    private static <T extends Validatable> T parse(byte[] bytes, Class<T> type, String file, List<String> problems) {
        try {
            return SettingsJson.read(new String(bytes, StandardCharsets.UTF_8), type, file);
        } catch (InvalidSettingsException e) {
            problems.addAll(e.problems().stream().map(p -> p.startsWith(file) ? p : file + ": " + p).toList());
            return null;
        } catch (RuntimeException e) {
            problems.add(file + ": unreadable: " + e.getMessage());
            return null;
        }
    }

    private static byte[] readVerified(FileSource source, String file, String sha256, long maxBytes,
            List<String> problems) {
        byte[] bytes = source.read(file, maxBytes, problems);
        if (bytes != null && !sha256(bytes).equals(sha256)) {
            problems.add(file + ": SHA-256 " + sha256(bytes) + " does not match the manifest's " + sha256);
            return null;
        }
        return bytes;
    }

    private static byte[] read(Path dir, String file, long maxBytes, List<String> problems) {
        Path path = dir.resolve(file);
        try {
            long size = Files.size(path);
            if (size > maxBytes) {
                problems.add(file + ": " + size + " bytes, more than the " + maxBytes + " a bundle file may have");
                return null;
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            problems.add(file + ": file not found");
        } catch (IOException e) {
            problems.add(file + ": cannot read: " + e.getMessage());
        }
        return null;
    }

    /** Validation problems of {@code value} under {@code name} (for builders that check before writing). */
    static List<String> problems(Validatable value, String name) {
        ConfigCheck check = ConfigCheck.of(name);
        value.validate(check);
        return check.problems();
    }
}
