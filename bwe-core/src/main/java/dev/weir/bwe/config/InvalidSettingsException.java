package dev.weir.bwe.config;

import java.util.List;

/**
 * Thrown when settings (a parameter set, a settings file) break one or more constraints. The
 * message lists every broken constraint, one per line, each naming the field, the value and what
 * was allowed.
 *
 * <p>Immutable and thread-safe.
 */
public final class InvalidSettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public InvalidSettingsException(String what, List<String> problems) {
        super(what + " invalid:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every broken constraint, each a self-contained sentence. */
    public List<String> problems() {
        return problems;
    }
}
