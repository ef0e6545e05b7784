package dev.weir.steer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.SettingsCopy;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.config.Validatable;
import dev.weir.gcc.GccTuning;
import java.nio.file.Path;

/**
 * What weir does on one network type: GCC's tuning, the FEC share and early back-off, with an id
 * and where the values came from. One JSON file per type in a bundle
 * ({@code {"type": "random_loss", "id": "...", "tuning": {"loss_based": {...}}, "fec": {...}}});
 * a file names only what it changes, the rest are libwebrtc's defaults.
 *
 * <p>Mutable settings bean: not thread-safe; copied when handed to an estimator.
 */
public final class ParameterSet implements Validatable {
    /** Longest id, characters: ids appear in reports and time series. */
    public static final int MAX_ID_CHARS = 128;

    /** The network type's id ({@link NetworkType#id()}). */
    public String type = NetworkType.WIRED_STABLE.id();
    /** This set's id, e.g. {@code random_loss/hand-1} or a tuning run's digest. */
    public String id = "wired_stable/defaults";
    /** Where the values come from (hand-chosen from the design's actions, or a tuning run). */
    public String provenance = "libwebrtc defaults";
    public GccTuning tuning = GccTuning.defaults();
    public FecSettings fec = new FecSettings();
    public EarlyBackoffSettings earlyBackoff = new EarlyBackoffSettings();
    /** How {@code ./weir tune} found this set; absent for hand-chosen sets and defaults. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public TuningRecord tuned;

    /** GCC's defaults for {@code type}: no FEC, no early back-off. */
    public static ParameterSet defaults(NetworkType type) {
        ParameterSet set = new ParameterSet();
        set.type = type.id();
        set.id = type.id() + "/defaults";
        return set;
    }

    /** The network type, or null for an unknown id (which {@link #validate} reports). */
    public NetworkType networkType() {
        return NetworkType.byId(type);
    }

    /** A deep copy. */
    public ParameterSet copy() {
        return SettingsCopy.copy(this);
    }

    /** Reads and validates a parameter set from a JSON file. */
    public static ParameterSet read(Path file) {
        return SettingsJson.read(file, ParameterSet.class);
    }

    @Override
    public void validate(ConfigCheck check) {
        check.require(type != null && NetworkType.byId(type) != null, "type", type,
                "must be one of wired_stable, congestion_prone, random_loss, cellular_variable");
        check.require(id != null && !id.isBlank() && id.length() <= MAX_ID_CHARS, "id", id,
                "must be a non-blank string of at most " + MAX_ID_CHARS + " characters");
        check.require(provenance != null, "provenance", provenance, "must be given");
        child(check, "tuning", tuning);
        child(check, "fec", fec);
        child(check, "early_backoff", earlyBackoff);
        if (tuned != null) {
            tuned.validate(check.child("tuned"));
        }
    }

    private static void child(ConfigCheck check, String name, Validatable part) {
        check.notNull(name, part);
        if (part != null) {
            part.validate(check.child(name));
        }
    }
}
