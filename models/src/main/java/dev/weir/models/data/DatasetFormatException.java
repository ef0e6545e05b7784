package dev.weir.models.data;

/**
 * A dataset file is missing, corrupt, truncated or inconsistent; the message names the file and
 * the fault. Immutable and thread-safe.
 */
public final class DatasetFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatasetFormatException(String source, String problem) {
        super(source + ": " + problem);
    }
}
