package dev.weir.bwe.config;

/**
 * A settings type that validates all of its fields in one place. Implementations are mutable
 * settings beans: not thread-safe while being edited; treat them as frozen once handed over.
 */
public interface Validatable {
    /** Adds every broken constraint of this object to {@code check}. */
    void validate(ConfigCheck check);
}
