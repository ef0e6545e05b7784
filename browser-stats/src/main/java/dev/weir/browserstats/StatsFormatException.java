package dev.weir.browserstats;

/**
 * A stats dump that cannot be read: names the file, the line (1-based; 0 for the file as a
 * whole) and, where one is at fault, the field, e.g.
 * {@code call.ndjson line 12: PC_0 getstats RTCIceCandidatePair_x.availableOutgoingBitrate:
 * expected a number, found "fast"}.
 *
 * <p>Immutable and thread-safe.
 */
public final class StatsFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;

    public StatsFormatException(String file, long line, String problem) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The dump's name as given. */
    public String file() {
        return file;
    }

    /** 1-based line of the problem; 0 when it concerns the dump as a whole. */
    public long line() {
        return line;
    }
}
