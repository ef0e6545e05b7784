package dev.weir.browserstats;

import java.util.List;
import java.util.Map;

/**
 * A read rtcstats dump: its digest and, per peer connection, the samples of the sending side.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source the file as named
 * @param sha256 lowercase hex SHA-256 of the file's bytes
 * @param lines lines in the file
 * @param methods how many lines each method had (getstats, createOffer, ...)
 * @param connections the peer connections with getStats samples, in order of first appearance
 */
public record RtcStatsDump(String source, String sha256, long lines, Map<String, Integer> methods,
                           List<PeerConnection> connections) {
    /**
     * One peer connection.
     *
     * @param id its id in the dump (e.g. PC_0)
     * @param samples its samples, in time order
     * @param statsLines getStats lines for it
     * @param deltaCompressed whether its samples were delta-compressed (rtcstats' top-level timestamp)
     */
    public record PeerConnection(String id, List<StatsSample> samples, int statsLines, boolean deltaCompressed) {
        /** Bytes sent by the last sample, 0 when it never sent. */
        public double bytesSent() {
            for (int i = samples.size() - 1; i >= 0; i--) {
                if (Double.isFinite(samples.get(i).bytesSent())) {
                    return samples.get(i).bytesSent();
                }
            }
            return 0;
        }

        /** Samples that say anything about sending. */
        public long sendSamples() {
            return samples.stream().filter(StatsSample::hasSendData).count();
        }
    }

    /** The connection with {@code id}, or null. */
    public PeerConnection connection(String id) {
        return connections.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }
}
