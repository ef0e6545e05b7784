package dev.weir.steer;

import java.util.List;

/**
 * A bundle was rejected: the message names the bundle, then every problem found, each naming the
 * file (and field) it concerns. A rejected bundle is rejected whole; nothing of it is used.
 *
 * <p>Immutable and thread-safe.
 */
public final class BundleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public BundleException(String bundle, List<String> problems) {
        super("bundle " + bundle + " rejected:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, each naming its file. */
    public List<String> problems() {
        return problems;
    }
}
