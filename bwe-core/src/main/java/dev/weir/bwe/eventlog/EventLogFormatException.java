package dev.weir.bwe.eventlog;

/**
 * An event log that cannot be read: the message names the file, the byte offset and, past the
 * header, the record number, and says what was wrong (e.g. "truncated", "unknown record type").
 * Unchecked, like the other format exceptions of weir's readers.
 */
public final class EventLogFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EventLogFormatException(String message) {
        super(message);
    }

    public EventLogFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
