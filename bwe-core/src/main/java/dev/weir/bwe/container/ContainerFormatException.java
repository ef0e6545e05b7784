package dev.weir.bwe.container;

/**
 * A container's frame is broken: wrong magic or version, a length beyond its cap or the file, a
 * truncated or trailing part, a digest that does not match. Names the source and the problem; the
 * reader of each kind turns it into its own exception ({@code ModelFormatException},
 * {@code DatasetFormatException}, ...) with the same two parts.
 *
 * <p>Immutable and thread-safe.
 */
public final class ContainerFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final String problem;

    public ContainerFormatException(String source, String problem) {
        super(source + ": " + problem);
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
