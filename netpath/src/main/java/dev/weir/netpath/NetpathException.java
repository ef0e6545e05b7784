package dev.weir.netpath;

/**
 * The real network path could not be set up or the call failed: missing privileges or tools
 * ({@code ip netns}, {@code tc}), a child process that did not start or report, or unreadable
 * logs. The message says what and, for a missing requirement, what the run needs.
 *
 * <p>Immutable and thread-safe.
 */
public final class NetpathException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NetpathException(String message) {
        super(message);
    }

    public NetpathException(String message, Throwable cause) {
        super(message, cause);
    }
}
