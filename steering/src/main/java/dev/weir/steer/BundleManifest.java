package dev.weir.steer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code manifest.json} of a bundle: every file the bundle consists of, each with its SHA-256,
 * so the manifest's own digest identifies the whole bundle (the bundle id) and a store can share
 * files by digest. Files are plain names inside the bundle directory.
 *
 * <pre>{@code
 * {"format": "weir-bundle/1", "description": "...", "provenance": "...",
 *  "model": {"file": "<sha256>.weirmodel", "sha256": "..."},          (optional)
 *  "decision": {"file": "decision.json", "sha256": "..."},
 *  "parameter_sets": [{"type": "wired_stable", "file": "wired_stable.json", "sha256": "..."}, ...]}
 * }</pre>
 *
 * <p>Mutable settings bean: not thread-safe.
 */
public final class BundleManifest implements Validatable {
    /** The format this code reads and writes. */
    public static final String FORMAT = "weir-bundle/1";
    /** A file name: no directories, no hidden files, at most 128 characters. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** Longest description or provenance, characters. */
    private static final int MAX_TEXT_CHARS = 4_096;

    public String format = FORMAT;
    public String description = "";
    public String provenance = "";
    /** The model, or null (absent from the file) for a bundle without one: no model decisions. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public FileEntry model;
    public FileEntry decision = new FileEntry();
    public List<SetEntry> parameterSets = new ArrayList<>();

    /** One file and its digest. */
    public static final class FileEntry implements Validatable {
        public String file;
        public String sha256;

        @Override
        public void validate(ConfigCheck check) {
            check.require(file != null && FILE_NAME.matcher(file).matches(), "file", file,
                    "must be a plain file name in the bundle directory (letters, digits, '.', '_', '-')");
            check.require(sha256 != null && SHA256.matcher(sha256).matches(), "sha256", sha256,
                    "must be 64 lowercase hex digits");
        }
    }

    /** One network type's parameter set file. */
    public static final class SetEntry implements Validatable {
        public String type;
        public String file;
        public String sha256;

        @Override
        public void validate(ConfigCheck check) {
            check.require(type != null && NetworkType.byId(type) != null, "type", type,
                    "must be one of wired_stable, congestion_prone, random_loss, cellular_variable");
            check.require(file != null && FILE_NAME.matcher(file).matches(), "file", file,
                    "must be a plain file name in the bundle directory (letters, digits, '.', '_', '-')");
            check.require(sha256 != null && SHA256.matcher(sha256).matches(), "sha256", sha256,
                    "must be 64 lowercase hex digits");
        }
    }

    /** Whether {@code name} is a plain file name a bundle may hold (no directories, no leading dot). */
    static boolean isPlainFileName(String name) {
        return name != null && FILE_NAME.matcher(name).matches();
    }

    /** The files this manifest names besides itself: parameter sets, decision settings, the model if any. */
    List<String> fileNames() {
        List<String> names = new ArrayList<>();
        for (SetEntry entry : parameterSets) {
            names.add(entry.file);
        }
        names.add(decision.file);
        if (model != null) {
            names.add(model.file);
        }
        return names;
    }

    @Override
    public void validate(ConfigCheck check) {
        check.require(FORMAT.equals(format), "format", format, "must be " + FORMAT);
        check.require(description != null && description.length() <= MAX_TEXT_CHARS, "description", "...",
                "must be a string of at most " + MAX_TEXT_CHARS + " characters");
        check.require(provenance != null && provenance.length() <= MAX_TEXT_CHARS, "provenance", "...",
                "must be a string of at most " + MAX_TEXT_CHARS + " characters");
        if (model != null) {
            model.validate(check.child("model"));
        }
        check.notNull("decision", decision);
        if (decision != null) {
            decision.validate(check.child("decision"));
        }
        check.notNull("parameter_sets", parameterSets);
        if (parameterSets == null) {
            return;
        }
        boolean[] seen = new boolean[NetworkType.values().length];
        for (int i = 0; i < parameterSets.size(); i++) {
            SetEntry entry = parameterSets.get(i);
            ConfigCheck item = check.child("parameter_sets[" + i + "]");
            if (entry == null) {
                item.require(false, "entry", null, "must not be null");
                continue;
            }
            entry.validate(item);
            NetworkType type = NetworkType.byId(entry.type);
            if (type != null) {
                item.require(!seen[type.ordinal()], "type", entry.type, "appears more than once");
                seen[type.ordinal()] = true;
            }
        }
        for (NetworkType type : NetworkType.values()) {
            check.require(seen[type.ordinal()], "parameter_sets", type.id(), "is missing (every type needs a set)");
        }
    }
}
