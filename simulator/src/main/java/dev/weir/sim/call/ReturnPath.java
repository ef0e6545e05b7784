package dev.weir.sim.call;

/**
 * Messages in flight from the receiver to the sender (feedback, NACK, key frame request, RTCP
 * receiver report). The
 * return delay is constant, so messages arrive in the order they were sent: a growable FIFO ring
 * of primitive fields.
 *
 * <p>Not thread-safe: one instance per call.
 */
final class ReturnPath {
    static final int FEEDBACK = 0;
    static final int NACK = 1;
    static final int KEY_FRAME_REQUEST = 2;
    /** An RTCP receiver report; {@code first} carries the round-trip time it lets the sender compute. */
    static final int RECEIVER_REPORT = 3;

    private long[] arrivalsUs = new long[64];
    private int[] types = new int[64];
    private long[] firstValues = new long[64];
    private int[] secondValues = new int[64];
    private int[] thirdValues = new int[64];
    private int head;
    private int count;

    void push(long arrivalUs, int type, long first, int second, int third) {
        if (count == arrivalsUs.length) {
            grow();
        }
        int tail = (head + count) & (arrivalsUs.length - 1);
        arrivalsUs[tail] = arrivalUs;
        types[tail] = type;
        firstValues[tail] = first;
        secondValues[tail] = second;
        thirdValues[tail] = third;
        count++;
    }

    private void grow() {
        int capacity = arrivalsUs.length * 2;
        long[] arrivals = new long[capacity];
        int[] newTypes = new int[capacity];
        long[] first = new long[capacity];
        int[] second = new int[capacity];
        int[] third = new int[capacity];
        for (int i = 0; i < count; i++) {
            int from = (head + i) & (arrivalsUs.length - 1);
            arrivals[i] = arrivalsUs[from];
            newTypes[i] = types[from];
            first[i] = firstValues[from];
            second[i] = secondValues[from];
            third[i] = thirdValues[from];
        }
        arrivalsUs = arrivals;
        types = newTypes;
        firstValues = first;
        secondValues = second;
        thirdValues = third;
        head = 0;
    }

    /** Whether a message has arrived by {@code nowUs}. */
    boolean hasArrived(long nowUs) {
        return count > 0 && arrivalsUs[head] <= nowUs;
    }

    int headType() {
        return types[head];
    }

    long headFirst() {
        return firstValues[head];
    }

    int headSecond() {
        return secondValues[head];
    }

    int headThird() {
        return thirdValues[head];
    }

    /** The smallest {@code first} of the messages of {@code type} still in flight, or {@code ifNone}. */
    long minFirstOf(int type, long ifNone) {
        long min = ifNone;
        boolean found = false;
        for (int i = 0; i < count; i++) {
            int slot = (head + i) & (arrivalsUs.length - 1);
            if (types[slot] == type && (!found || firstValues[slot] < min)) {
                min = firstValues[slot];
                found = true;
            }
        }
        return min;
    }

    /** The {@code second} of the oldest message of {@code type} still in flight, or {@code ifNone}. */
    int oldestSecondOf(int type, int ifNone) {
        for (int i = 0; i < count; i++) {
            int slot = (head + i) & (arrivalsUs.length - 1);
            if (types[slot] == type) {
                return secondValues[slot];
            }
        }
        return ifNone;
    }

    void pop() {
        head = (head + 1) & (arrivalsUs.length - 1);
        count--;
    }
}
