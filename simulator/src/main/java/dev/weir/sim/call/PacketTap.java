package dev.weir.sim.call;

/**
 * Receives the ground truth of every packet a call sends, in send order, as it is sent: the link
 * decides a packet's fate (arrival time or drop cause, queueing delay, capacity) when the packet
 * enters it, so the record is complete at once. A consumer keeps only what it needs (labels,
 * statistics over a time window), so a long call costs it no more memory than its own results;
 * {@link PacketLog} keeps everything, for tests and tools that want the whole log.
 *
 * <p>Called on the call's thread; an implementation serves one call at a time.
 */
@FunctionalInterface
public interface PacketTap {
    /**
     * One packet was sent. {@code packet} is reused for the next packet: read its fields during
     * this call and copy what must be kept.
     */
    void onPacket(SentPacket packet);
}
