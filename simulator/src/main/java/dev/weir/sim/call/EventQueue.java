package dev.weir.sim.call;

/**
 * The simulator's event queue: a binary min-heap over primitive arrays keyed by (time, insertion
 * order), so events at the same time run in the order they were scheduled and a run is
 * deterministic. Each event is a type and an int payload; pushing allocates only when the heap
 * outgrows its arrays.
 *
 * <p>Not thread-safe: one instance per call.
 */
final class EventQueue {
    private long[] timesUs;
    private long[] orders;
    private int[] types;
    private int[] payloads;
    private int size;
    private long nextOrder;
    private int poppedType;
    private int poppedPayload;

    EventQueue(int initialCapacity) {
        int capacity = Math.max(4, initialCapacity);
        timesUs = new long[capacity];
        orders = new long[capacity];
        types = new int[capacity];
        payloads = new int[capacity];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void push(long timeUs, int type, int payload) {
        if (size == timesUs.length) {
            int capacity = size * 2;
            timesUs = java.util.Arrays.copyOf(timesUs, capacity);
            orders = java.util.Arrays.copyOf(orders, capacity);
            types = java.util.Arrays.copyOf(types, capacity);
            payloads = java.util.Arrays.copyOf(payloads, capacity);
        }
        long order = nextOrder++;
        int hole = size++;
        while (hole > 0) {
            int parent = (hole - 1) >>> 1;
            if (!less(timeUs, order, timesUs[parent], orders[parent])) {
                break;
            }
            move(parent, hole);
            hole = parent;
        }
        set(hole, timeUs, order, type, payload);
    }

    /** Time of the earliest event; the queue must not be empty. */
    long peekTimeUs() {
        return timesUs[0];
    }

    /** Removes the earliest event and returns its time; see {@link #poppedType()}. */
    long pop() {
        long timeUs = timesUs[0];
        poppedType = types[0];
        poppedPayload = payloads[0];
        size--;
        if (size > 0) {
            long lastTime = timesUs[size];
            long lastOrder = orders[size];
            int lastType = types[size];
            int lastPayload = payloads[size];
            int hole = 0;
            while (true) {
                int child = 2 * hole + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && less(timesUs[child + 1], orders[child + 1], timesUs[child], orders[child])) {
                    child++;
                }
                if (!less(timesUs[child], orders[child], lastTime, lastOrder)) {
                    break;
                }
                move(child, hole);
                hole = child;
            }
            set(hole, lastTime, lastOrder, lastType, lastPayload);
        }
        return timeUs;
    }

    int poppedType() {
        return poppedType;
    }

    int poppedPayload() {
        return poppedPayload;
    }

    private static boolean less(long timeA, long orderA, long timeB, long orderB) {
        return timeA < timeB || (timeA == timeB && orderA < orderB);
    }

    private void move(int from, int to) {
        timesUs[to] = timesUs[from];
        orders[to] = orders[from];
        types[to] = types[from];
        payloads[to] = payloads[from];
    }

    private void set(int index, long timeUs, long order, int type, int payload) {
        timesUs[index] = timeUs;
        orders[index] = order;
        types[index] = type;
        payloads[index] = payload;
    }
}
