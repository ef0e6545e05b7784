package dev.weir.sim.scenario;

import java.nio.file.Path;
import java.util.List;

/**
 * A scenario or trace file that cannot be used: malformed, out of range, or referring to a file
 * that does not exist. The message names the file and lists every problem found, one per line,
 * each with its line number, the field or text at fault and what was expected.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The problem of a scenario whose trace files need a traces root that was not given. */
    public static final String NEEDS_TRACES_ROOT = "needs --traces-root";

    private final String source;
    private final List<String> problems;

    /** {@code source} names the file (or other input); {@code problems} is non-empty. */
    public ScenarioException(String source, List<String> problems) {
        super(source + (problems.size() == 1 ? ": " + problems.get(0)
                : ": " + problems.size() + " problems:\n  " + String.join("\n  ", problems)));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** One problem in {@code source}. */
    public ScenarioException(String source, String problem) {
        this(source, List.of(problem));
    }

    /**
     * A malformed line of a text trace: names the file, the 1-based line number, the offending
     * text and what the format expects there.
     */
    public static ScenarioException badLine(Path file, int lineNumber, String text, String expected) {
        return new ScenarioException(file.toString(),
                "line " + lineNumber + ": '" + abbreviate(text) + "': expected " + expected);
    }

    /** The file or input the problems are in. */
    public String source() {
        return source;
    }

    /**
     * Whether every problem is a trace file under {@code traces:} with no traces root to resolve it
     * against: the scenario itself is fine, it only needs {@code --traces-root}.
     */
    public boolean onlyNeedsTracesRoot() {
        return problems.stream().allMatch(problem -> problem.contains(NEEDS_TRACES_ROOT));
    }

    /** Every problem found, each a self-contained sentence without the source name. */
    public List<String> problems() {
        return problems;
    }

    /** Cuts very long offending text so one bad line cannot flood a log. */
    static String abbreviate(String text) {
        final int maxChars = 80; // enough to recognise a line; longer ones are cut
        return text.length() <= maxChars ? text : text.substring(0, maxChars) + "...";
    }
}
