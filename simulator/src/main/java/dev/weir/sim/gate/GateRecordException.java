package dev.weir.sim.gate;

/**
 * A gate record file is unreadable or inconsistent; the message names the file and the problem.
 *
 * <p>Immutable and thread-safe.
 */
public final class GateRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GateRecordException(String message) {
        super(message);
    }

    public GateRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
