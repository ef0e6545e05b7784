package dev.weir.sim.call;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a call hands out while it runs, besides the metrics it always returns: the 100 ms time
 * series kept in memory (the default, for plots, reports and tests), the same series streamed as
 * CSV text as its rows become final (what {@code timeseries.csv} holds, byte for byte, without
 * holding the rows), and the ground truth of every sent packet to {@link PacketTap}s. A call run
 * with only streamed outputs holds the packets in flight, the rows since the last rendered frame
 * and running sums, so its memory does not grow with its length.
 *
 * <p>Not thread-safe: configure, then hand to one call.
 */
public final class CallOutputs {
    private boolean keepSeries = true;
    private Writer seriesCsv;
    private final List<PacketTap> taps = new ArrayList<>();

    /** The default outputs: the series kept in memory, nothing streamed. */
    public CallOutputs() {
    }

    /**
     * Whether {@link CallResult#series()} holds the series (default true). Without it the rows
     * are still streamed to {@link #seriesCsv} if set, and the metrics are the same.
     */
    public CallOutputs keepSeries(boolean keep) {
        this.keepSeries = keep;
        return this;
    }

    /**
     * Writes the series as CSV (header first, then each row as it becomes final; exactly
     * {@link TimeSeries#toCsv()}) to {@code csv}, which the caller opens, flushes and closes.
     * Write errors end the call with an {@link java.io.UncheckedIOException}.
     */
    public CallOutputs seriesCsv(Writer csv) {
        this.seriesCsv = csv;
        return this;
    }

    /** Adds a receiver of every sent packet's ground truth. */
    public CallOutputs packets(PacketTap tap) {
        if (tap == null) {
            throw new IllegalArgumentException("tap must not be null");
        }
        taps.add(tap);
        return this;
    }

    boolean keepsSeries() {
        return keepSeries;
    }

    Writer seriesCsvWriter() {
        return seriesCsv;
    }

    PacketTap[] taps() {
        return taps.toArray(new PacketTap[0]);
    }
}
