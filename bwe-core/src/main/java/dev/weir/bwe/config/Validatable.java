package dev.weir.bwe.config;

/**
 * A type JSON is bound to (a settings bean, or a record such as a container header) that
 * validates all of its fields in one place, listing every broken constraint with its path.
 * Thread-safety is the implementation's: settings beans are not thread-safe while being edited
 * (treat them as frozen once handed over); records are immutable.
 */
public interface Validatable {
    /** Adds every broken constraint of this object to {@code check}. */
    void validate(ConfigCheck check);
}
