package dev.weir.sim.call;

/**
 * Messages in flight from the receiver to the sender (feedback, NACK, key frame request, RTCP
 * receiver report). The
 * return delay is constant, so messages arrive in the order they were sent: a growable FIFO ring
 * of primitive fields. Feedback carries its RTCP packet's bytes, kept in a second FIFO ring of
 * bytes ({@link #pushPayload}, {@link #copyHeadPayload}); both rings only grow, so a call in
 * steady state allocates nothing here.
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
    private int[] payloadLengths = new int[64];
    private int head;
    private int count;
    /** Payload bytes of the messages in flight, in send order, from {@code payloadHead}. */
    private byte[] payload = new byte[4096];
    private int payloadHead;
    private int payloadCount;

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
        payloadLengths[tail] = 0;
        count++;
    }

    /** A message carrying {@code lengthBytes} bytes of {@code src} (copied now). */
    void pushPayload(long arrivalUs, int type, byte[] src, int offset, int lengthBytes) {
        if (payloadCount + lengthBytes > payload.length) {
            growPayload(payloadCount + lengthBytes);
        }
        int mask = payload.length - 1;
        int tail = (payloadHead + payloadCount) & mask;
        int first = Math.min(lengthBytes, payload.length - tail);
        System.arraycopy(src, offset, payload, tail, first);
        System.arraycopy(src, offset + first, payload, 0, lengthBytes - first);
        payloadCount += lengthBytes;
        push(arrivalUs, type, 0, 0, 0);
        payloadLengths[(head + count - 1) & (arrivalsUs.length - 1)] = lengthBytes;
    }

    private void growPayload(int needed) {
        int capacity = payload.length * 2;
        while (capacity < needed) {
            capacity *= 2;
        }
        byte[] grown = new byte[capacity];
        copyOut(payloadHead, payloadCount, grown);
        payload = grown;
        payloadHead = 0;
    }

    /** Copies {@code lengthBytes} bytes of the payload ring from {@code from} into {@code dst} at 0. */
    private void copyOut(int from, int lengthBytes, byte[] dst) {
        int first = Math.min(lengthBytes, payload.length - from);
        System.arraycopy(payload, from, dst, 0, first);
        System.arraycopy(payload, 0, dst, first, lengthBytes - first);
    }

    /** Byte length of the head message's payload (0 for messages without one). */
    int headPayloadLength() {
        return payloadLengths[head];
    }

    /** Copies the head message's payload into {@code dst} from index 0; returns its length. */
    int copyHeadPayload(byte[] dst) {
        int length = payloadLengths[head];
        copyOut(payloadHead, length, dst);
        return length;
    }

    private void grow() {
        int capacity = arrivalsUs.length * 2;
        long[] arrivals = new long[capacity];
        int[] newTypes = new int[capacity];
        long[] first = new long[capacity];
        int[] second = new int[capacity];
        int[] third = new int[capacity];
        int[] lengths = new int[capacity];
        for (int i = 0; i < count; i++) {
            int from = (head + i) & (arrivalsUs.length - 1);
            arrivals[i] = arrivalsUs[from];
            newTypes[i] = types[from];
            first[i] = firstValues[from];
            second[i] = secondValues[from];
            third[i] = thirdValues[from];
            lengths[i] = payloadLengths[from];
        }
        arrivalsUs = arrivals;
        types = newTypes;
        firstValues = first;
        secondValues = second;
        thirdValues = third;
        payloadLengths = lengths;
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

    void pop() {
        int length = payloadLengths[head];
        payloadHead = (payloadHead + length) & (payload.length - 1);
        payloadCount -= length;
        head = (head + 1) & (arrivalsUs.length - 1);
        count--;
    }
}
