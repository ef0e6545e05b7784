package dev.weir.bwe.util;

/**
 * Unwraps 16-bit wrapping sequence numbers (RTP, transport-wide feedback) into a monotonic
 * {@code long} space, taking the closest interpretation to the last value seen, as libwebrtc's
 * {@code SeqNumUnwrapper<uint16_t>} does. Handles reordering of up to half the space (32768).
 *
 * <p>Not thread-safe.
 */
public final class SequenceUnwrapper {
    private static final long MODULUS = 1L << 16;
    private static final long HALF = MODULUS / 2;
    private boolean hasLast;
    private long lastUnwrapped;

    /** Returns the unwrapped value of {@code sequenceNumber} (only its low 16 bits are used). */
    public long unwrap(long sequenceNumber) {
        long value = sequenceNumber & (MODULUS - 1);
        if (!hasLast) {
            hasLast = true;
            lastUnwrapped = value;
            return value;
        }
        long lastLow = lastUnwrapped & (MODULUS - 1);
        long delta = value - lastLow;
        if (delta > HALF) {
            delta -= MODULUS;
        } else if (delta < -HALF) {
            delta += MODULUS;
        }
        long unwrapped = lastUnwrapped + delta;
        if (unwrapped > lastUnwrapped) {
            lastUnwrapped = unwrapped;
        }
        return unwrapped;
    }

    /** Forgets history; the next value starts a new space. */
    public void reset() {
        hasLast = false;
        lastUnwrapped = 0;
    }
}
