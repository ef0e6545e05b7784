package dev.weir.rtcp;

/*
 * libwebrtc's SeqNumUnwrapper<uint16_t> (rtc_base/numerics/sequence_number_unwrapper.h,
 * https://webrtc.googlesource.com/src).
 */

/**
 * Unwraps 16-bit sequence numbers relative to the previous value, whatever its direction (unlike
 * bwe-core's {@code SequenceUnwrapper}, which stays anchored at the highest value): a jump of more
 * than half the space counts backwards, exactly half counts forwards when the raw value grows.
 * The receiver-side generators use it so that they react to sequence jumps as libwebrtc's do.
 * Not thread-safe.
 */
final class FollowingUnwrapper {
    private static final int MODULUS = 1 << 16;
    private static final int HALF = MODULUS / 2;
    private boolean hasLast;
    private int last;
    private long unwrapped;

    long unwrap(int sequenceNumber) {
        int value = sequenceNumber & (MODULUS - 1);
        if (!hasLast) {
            hasLast = true;
            last = value;
            unwrapped = value;
            return unwrapped;
        }
        int forward = (value - last) & (MODULUS - 1);
        boolean aheadOrAt = forward < HALF || (forward == HALF && value > last);
        unwrapped += aheadOrAt ? forward : forward - MODULUS;
        last = value;
        return unwrapped;
    }
}
