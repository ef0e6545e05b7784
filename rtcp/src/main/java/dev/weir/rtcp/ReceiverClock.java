package dev.weir.rtcp;

/**
 * Follows a wrapping receiver timestamp field (TWCC's 24-bit reference time, RFC 8888's 32-bit
 * compact NTP report timestamp): unwraps each value to the interpretation closest to the previous
 * one (a tie at half the range counts forward, as libwebrtc's {@code GetBaseDelta}) and anchors
 * the first value to the local time it arrived at. Not thread-safe.
 */
final class ReceiverClock {
    private final long modulus;
    private boolean anchored;
    private long last;
    private long unwrapped;
    private long anchorNowUs;

    ReceiverClock(int bits) {
        modulus = 1L << bits;
    }

    /** Unwraps {@code value} and returns how many field units it lies after the first value seen. */
    long sinceAnchor(long value, long nowUs) {
        long raw = value & (modulus - 1);
        if (!anchored) {
            anchored = true;
            anchorNowUs = nowUs;
            last = raw;
            return 0;
        }
        long delta = (raw - last) & (modulus - 1);
        if (delta > modulus / 2) {
            delta -= modulus;
        }
        last = raw;
        unwrapped += delta;
        return unwrapped;
    }

    /** The local time the first value arrived at. */
    long anchorNowUs() {
        return anchorNowUs;
    }
}
