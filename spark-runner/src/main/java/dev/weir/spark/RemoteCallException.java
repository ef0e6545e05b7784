package dev.weir.spark;

/**
 * Stands for an exception a call threw on an executor that could not be sent back as it was (not
 * serializable, or its class unknown to the driver); the message is its text and stack trace there.
 *
 * <p>Immutable and thread-safe.
 */
public final class RemoteCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RemoteCallException(String text) {
        super(text);
    }
}
