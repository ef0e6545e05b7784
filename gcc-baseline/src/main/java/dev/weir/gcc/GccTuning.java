package dev.weir.gcc;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.SettingsCopy;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.config.Validatable;
import dev.weir.gcc.delay.AimdSettings;
import dev.weir.gcc.delay.TrendlineSettings;
import dev.weir.gcc.loss.LossBasedSettings;
import dev.weir.gcc.probe.ProbeSettings;
import dev.weir.gcc.pushback.PushbackSettings;
import java.nio.file.Path;

/**
 * What a network type may change in GCC, as one value: the loss-based controller (classic rule
 * and LossBasedBweV2), AIMD, the trendline detector, probing and congestion-window pushback.
 * {@link GoogCcEstimator#applyTuning} swaps it in between reports without resetting the estimate.
 * The call's constraints (minimum, start and maximum rate) are not part of it: they belong to the
 * call, not to the network.
 *
 * <p>Defaults are libwebrtc's (the same as {@link GccSettings#defaults()}); JSON uses snake_case
 * and a file names only what it changes ({@code {"loss_based": {"high_loss_threshold": 0.2}}}).
 * {@link #validate} checks every field of every part in one pass.
 *
 * <p>Not thread-safe; treat an instance handed to an estimator as frozen (it keeps a copy).
 */
public final class GccTuning implements Validatable {
    public LossBasedSettings lossBased = new LossBasedSettings();
    public AimdSettings aimd = new AimdSettings();
    public TrendlineSettings trendline = new TrendlineSettings();
    public ProbeSettings probe = new ProbeSettings();
    public PushbackSettings pushback = new PushbackSettings();

    /** libwebrtc's defaults. */
    public static GccTuning defaults() {
        return new GccTuning();
    }

    /** The tunable parts of {@code settings}, copied. */
    public static GccTuning of(GccSettings settings) {
        GccTuning tuning = new GccTuning();
        tuning.lossBased = SettingsCopy.copy(settings.lossBased);
        tuning.aimd = SettingsCopy.copy(settings.delayBased.aimd);
        tuning.trendline = SettingsCopy.copy(settings.delayBased.trendline);
        tuning.probe = SettingsCopy.copy(settings.probe);
        tuning.pushback = SettingsCopy.copy(settings.pushback);
        return tuning;
    }

    /** A copy of {@code base} with these parts in place of its own. */
    public GccSettings applyTo(GccSettings base) {
        GccSettings settings = SettingsCopy.copy(base);
        settings.lossBased = SettingsCopy.copy(lossBased);
        settings.delayBased.aimd = SettingsCopy.copy(aimd);
        settings.delayBased.trendline = SettingsCopy.copy(trendline);
        settings.probe = SettingsCopy.copy(probe);
        settings.pushback = SettingsCopy.copy(pushback);
        return settings;
    }

    /** A deep copy. */
    public GccTuning copy() {
        return SettingsCopy.copy(this);
    }

    /** Reads and validates a tuning from a JSON file. */
    public static GccTuning read(Path file) {
        return SettingsJson.read(file, GccTuning.class);
    }

    @Override
    public void validate(ConfigCheck check) {
        child(check, "loss_based", lossBased);
        child(check, "aimd", aimd);
        child(check, "trendline", trendline);
        child(check, "probe", probe);
        child(check, "pushback", pushback);
    }

    private static void child(ConfigCheck check, String name, Validatable part) {
        check.notNull(name, part);
        if (part != null) {
            part.validate(check.child(name));
        }
    }
}
