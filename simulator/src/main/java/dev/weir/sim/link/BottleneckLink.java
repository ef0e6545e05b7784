package dev.weir.sim.link;

import dev.weir.sim.net.CapacitySchedule;
import dev.weir.sim.net.DropCause;
import dev.weir.sim.net.LossModel;
import dev.weir.sim.scenario.Scenario;
import java.util.SplittableRandom;

/**
 * The forward path, modelled like the emulators used to evaluate RTC congestion control
 * (Mahimahi's drop-tail link shell, Linux netem delay/jitter/loss; RFC 8868 test setups): a FIFO
 * drop-tail queue in front of a link whose capacity follows a
 * {@link CapacitySchedule}, then the loss process and propagation delay with Gaussian jitter.
 *
 * <p>Because the queue is FIFO and work-conserving, a packet's whole fate is known when it is
 * enqueued: its service starts when the previous packet has left, and it leaves once the schedule
 * has carried its bits ({@link CapacityIntegrator#finishTimeUs}). {@link #transmit} therefore
 * resolves the packet at once and exposes the result through accessors (no allocation).
 *
 * <p>Drop-tail rule: a packet is dropped ({@link DropCause#QUEUE_OVERFLOW}) when the bytes in the
 * queue plus its own exceed {@code queueLimitBytes}, or when it would leave the link more than
 * {@code queueLimitUs} after it arrived, computed on the exact capacity schedule ahead. The time
 * limit therefore follows what the queue really drains: on a trace whose 10 ms bins are often
 * empty (Mahimahi at low rates) an empty bin is not an outage, while a real outage fills the
 * queue. A packet that would never leave (capacity 0 forever) is also a queue overflow. The loss model applies only to
 * the call's own packets leaving the queue (cross traffic is not observed). Jitter is
 * {@code oneWayDelayUs + jitterUs * N(0,1)} (never below zero), and a packet never arrives before
 * the call's previous one (no reordering).
 *
 * <p>Not thread-safe: one instance per call.
 */
public final class BottleneckLink {

    private final CapacitySchedule capacity;
    private final long oneWayDelayUs;
    private final long jitterUs;
    private final long queueLimitUs;
    private final long queueLimitBytes;
    private final LossModel lossModel;
    private final SplittableRandom lossRandom;
    private final SplittableRandom jitterRandom;

    // Packets still in the queue (waiting or serialising): departure times and sizes, a ring.
    private long[] departuresUs = new long[256];
    private int[] sizesBytes = new int[256];
    private int head;
    private int count;
    private long queuedBytes;
    private long lastDepartureUs;
    private long lastArrivalUs;

    private DropCause dropCause = DropCause.NONE;
    private long arrivalUs = -1;
    private long queueDelayUs;
    private long capacityBpsAtEnqueue;

    /**
     * @param link the scenario's forward path
     * @param lossRandom randomness for the loss model only
     * @param jitterRandom randomness for jitter only
     */
    public BottleneckLink(Scenario.Link link, SplittableRandom lossRandom, SplittableRandom jitterRandom) {
        this.capacity = link.capacity();
        this.oneWayDelayUs = Math.max(0, link.oneWayDelayUs());
        this.jitterUs = Math.max(0, link.jitterUs());
        this.queueLimitUs = Math.max(0, link.queueLimitUs());
        this.queueLimitBytes = Math.max(0, link.queueLimitBytes());
        this.lossModel = link.loss() == null ? null : link.loss().newModel();
        this.lossRandom = lossRandom;
        this.jitterRandom = jitterRandom;
    }

    /**
     * Offers one packet to the queue at {@code nowUs} (times must not decrease between calls).
     * Afterwards {@link #dropCause()}, {@link #arrivalUs()}, {@link #queueDelayUs()} and
     * {@link #capacityBpsAtEnqueue()} describe it.
     *
     * @param observed true for the call's own packets (loss model, jitter and arrival apply);
     *     false for cross traffic, which only occupies the queue
     */
    public void transmit(long nowUs, int sizeBytes, boolean observed) {
        drainUntil(nowUs);
        long capacityBps = capacity.capacityBpsAt(nowUs);
        capacityBpsAtEnqueue = capacityBps;
        long serviceStartUs = Math.max(nowUs, lastDepartureUs);
        queueDelayUs = serviceStartUs == Long.MAX_VALUE ? Long.MAX_VALUE - nowUs : serviceStartUs - nowUs;
        arrivalUs = -1;
        if (overflowsBytes(sizeBytes) || serviceStartUs == Long.MAX_VALUE) {
            dropCause = DropCause.QUEUE_OVERFLOW;
            return;
        }
        long departureUs = CapacityIntegrator.finishTimeUs(capacity, serviceStartUs, sizeBytes * 8L);
        if (departureUs == Long.MAX_VALUE || (queueLimitUs > 0 && departureUs - nowUs > queueLimitUs)) {
            dropCause = DropCause.QUEUE_OVERFLOW;
            return;
        }
        push(departureUs, sizeBytes);
        lastDepartureUs = departureUs;
        if (!observed) {
            dropCause = DropCause.NONE;
            return;
        }
        dropCause = lossModel == null ? DropCause.NONE : lossModel.nextPacket(lossRandom);
        if (dropCause == null) {
            dropCause = DropCause.NONE;
        }
        long delayUs = oneWayDelayUs;
        if (jitterUs > 0) {
            delayUs = Math.max(0, oneWayDelayUs + Math.round(jitterUs * jitterRandom.nextGaussian()));
        }
        if (dropCause == DropCause.NONE) {
            arrivalUs = Math.max(departureUs + delayUs, lastArrivalUs);
            lastArrivalUs = arrivalUs;
        }
    }

    private boolean overflowsBytes(int sizeBytes) {
        return queueLimitBytes > 0 && queuedBytes + sizeBytes > queueLimitBytes;
    }

    private void drainUntil(long nowUs) {
        while (count > 0 && departuresUs[head] <= nowUs) {
            queuedBytes -= sizesBytes[head];
            head = (head + 1) % departuresUs.length;
            count--;
        }
    }

    private void push(long departureUs, int sizeBytes) {
        if (count == departuresUs.length) {
            long[] times = new long[count * 2];
            int[] sizes = new int[count * 2];
            for (int i = 0; i < count; i++) {
                int from = (head + i) % departuresUs.length;
                times[i] = departuresUs[from];
                sizes[i] = sizesBytes[from];
            }
            departuresUs = times;
            sizesBytes = sizes;
            head = 0;
        }
        int tail = (head + count) % departuresUs.length;
        departuresUs[tail] = departureUs;
        sizesBytes[tail] = sizeBytes;
        count++;
        queuedBytes += sizeBytes;
    }

    /** Bytes in the queue (waiting or serialising) at {@code nowUs}. */
    public long queuedBytes(long nowUs) {
        drainUntil(nowUs);
        return queuedBytes;
    }

    /** How long a packet enqueued at {@code nowUs} would wait before its serialisation starts. */
    public long backlogUs(long nowUs) {
        drainUntil(nowUs);
        return lastDepartureUs > nowUs ? lastDepartureUs - nowUs : 0;
    }

    /** Why the last packet was dropped, or {@link DropCause#NONE} if it is delivered. */
    public DropCause dropCause() {
        return dropCause;
    }

    /** Arrival time at the receiver of the last observed packet, or -1 when it was dropped. */
    public long arrivalUs() {
        return arrivalUs;
    }

    /**
     * Time the last packet waited in the queue before its serialisation started (for a dropped
     * packet: the wait it was refused).
     */
    public long queueDelayUs() {
        return queueDelayUs;
    }

    /** Link capacity when the last packet was enqueued, bits per second. */
    public long capacityBpsAtEnqueue() {
        return capacityBpsAtEnqueue;
    }
}
