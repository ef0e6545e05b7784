package dev.weir.rtcp;

/**
 * A feedback packet that is not well formed: names the {@link RtcpProblem}, the byte offset
 * (counted from the packet's first byte, the {@code offset} passed to the parser) and the values
 * involved. Parsers throw nothing else on any input bytes.
 *
 * <p>Immutable and thread-safe.
 */
public final class RtcpFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final RtcpProblem problem;
    private final int byteOffset;

    public RtcpFormatException(RtcpProblem problem, int byteOffset, String detail) {
        super(problem + " at byte " + byteOffset + ": " + detail);
        this.problem = problem;
        this.byteOffset = byteOffset;
    }

    public RtcpProblem problem() {
        return problem;
    }

    /** Offset of the offending field from the packet's first byte. */
    public int byteOffset() {
        return byteOffset;
    }
}
