package dev.weir.models.net;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;

/**
 * Training settings of {@link ClassifierNetwork}: the seed for weight initialisation, Adam's
 * learning rate and the truncation of backpropagation through time. snake_case in JSON through
 * {@code SettingsJson}.
 *
 * <p>Not thread-safe: a mutable settings holder; the network copies what it needs at build time.
 */
public final class NetworkSettings implements Validatable {
    /** Seed of weight initialisation (and of anything else random in DL4J's configuration). */
    public long seed = 42;
    /** Adam learning rate; 1e-3 is Adam's usual default (Kingma and Ba, 2015). */
    public double learningRate = 1e-3;
    /**
     * Steps per truncated-BPTT segment (Williams and Peng 1990); 0 backpropagates through whole
     * sequences. The state always carries over the whole call.
     */
    public int tbpttSteps = 0;

    @Override
    public void validate(ConfigCheck check) {
        check.range("seed", seed, Long.MIN_VALUE, Long.MAX_VALUE);
        // Above 1 Adam diverges on any data; below 1e-7 nothing trains in a practical number of steps.
        check.range("learning_rate", learningRate, 1e-7, 1.0);
        check.range("tbptt_steps", tbpttSteps, 0, 1_000_000);
    }
}
