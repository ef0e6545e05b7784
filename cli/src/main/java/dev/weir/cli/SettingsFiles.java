package dev.weir.cli;

import dev.weir.gcc.GccSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GCC settings files ({@code --settings}) per estimator name of a run: each read and validated
 * once ({@link GccSettings#read}: every broken field listed, exit code 2), with its file and
 * SHA-256 kept for the run's record. A name without a file runs with libwebrtc's defaults.
 *
 * <p>Not thread-safe while adding; read-only (and then safe to share) once the run starts.
 */
final class SettingsFiles {
    /** Where one estimator's settings came from. */
    record Source(Path file, String sha256) {
    }

    private final Map<String, GccSettings> settings = new LinkedHashMap<>();
    private final Map<String, Source> sources = new LinkedHashMap<>();

    /** No settings files: every estimator at libwebrtc's defaults. */
    static SettingsFiles none() {
        return new SettingsFiles();
    }

    /** Reads {@code file} as the GCC settings of estimator {@code name}. */
    SettingsFiles add(String name, Path file) {
        if (settings.containsKey(name)) {
            throw new BadInputException("--settings names estimator '" + name + "' twice");
        }
        settings.put(name, GccSettings.read(file));
        try {
            sources.put(name, new Source(file, sha256(Files.readAllBytes(file))));
        } catch (IOException e) {
            throw new BadInputException("--settings " + file + ": cannot read: " + e.getMessage());
        }
        return this;
    }

    /** The settings of {@code name}, or null for libwebrtc's defaults. */
    GccSettings get(String name) {
        return settings.get(name);
    }

    /** Estimator names with a settings file, and where each came from. */
    Map<String, Source> sources() {
        return Collections.unmodifiableMap(sources);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
