package dev.weir.bwe.model;

/**
 * Thrown when a model artifact cannot be read or built: the message names the file (or other
 * source) and what was wrong with it. Every failure to read an artifact surfaces as this
 * exception, never as an {@link OutOfMemoryError} or a parser's or index exception.
 *
 * <p>Immutable and thread-safe.
 */
public final class ModelFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final String problem;

    public ModelFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
        this.problem = problem;
    }

    public ModelFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
    }

    /** The file name or other description of where the bytes came from. */
    public String source() {
        return source;
    }

    /** What was wrong, without the source. */
    public String problem() {
        return problem;
    }
}
