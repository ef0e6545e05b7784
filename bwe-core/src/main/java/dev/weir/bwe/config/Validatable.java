package dev.weir.bwe.config;

/** A settings type that validates all of its fields in one place. */
public interface Validatable {
    /** Adds every broken constraint of this object to {@code check}. */
    void validate(ConfigCheck check);
}
