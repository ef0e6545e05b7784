package dev.weir.netpath;

/*
 * RTCP sender report (PT 200), receiver report (PT 201) with one report block, and BYE (PT 203):
 * RFC 3550 sections 6.4.1, 6.4.2 and 6.6. Round-trip time from LSR and DLSR: RFC 3550 section
 * 6.4.1 ("A - LSR - DLSR", in 1/65536 s).
 */

import dev.weir.rtcp.CompactNtp;
import dev.weir.rtcp.RtcpFormatException;
import dev.weir.rtcp.RtcpHeader;

/**
 * The RTCP reports the harness exchanges besides TWCC: the sender's SR every second, the
 * receiver's RR (one report block about the media SSRC) from which the sender computes the
 * round-trip time as libwebrtc's {@code RTCPReceiver} does, and a BYE that ends the call.
 *
 * <p>NTP timestamps come from the writer's monotonic clock (microseconds since the run's start):
 * RFC 3550 only needs the sender to recognise its own timestamps in LSR.
 *
 * <p>Stateless and thread-safe; {@link ReceiverReport} instances are reusable and not thread-safe.
 */
public final class RtcpReports {
    public static final int SENDER_REPORT = 200;
    public static final int RECEIVER_REPORT = 201;
    public static final int BYE = 203;
    /** Header (4) + SSRC (4) + NTP (8) + RTP timestamp (4) + packet and octet counts (8). */
    public static final int SENDER_REPORT_BYTES = 28;
    /** Header (4) + reporter SSRC (4) + one 24-byte report block. */
    public static final int RECEIVER_REPORT_BYTES = 32;
    /** Header (4) + one SSRC. */
    public static final int BYE_BYTES = 8;
    private static final long MICROS_PER_SECOND = 1_000_000;
    private static final long COMPACT_MASK = 0xFFFF_FFFFL;

    private RtcpReports() {
    }

    /** Writes an SR at {@code offset}; returns its size. */
    public static int writeSenderReport(byte[] buf, int offset, long ssrc, long nowUs, long rtpTimestamp,
            long packetCount, long octetCount) {
        header(buf, offset, 0, SENDER_REPORT, SENDER_REPORT_BYTES);
        RtpPackets.put32(buf, offset + 4, ssrc);
        long seconds = Math.floorDiv(nowUs, MICROS_PER_SECOND);
        long micros = Math.floorMod(nowUs, MICROS_PER_SECOND);
        RtpPackets.put32(buf, offset + 8, seconds);
        RtpPackets.put32(buf, offset + 12, (micros << 32) / MICROS_PER_SECOND);
        RtpPackets.put32(buf, offset + 16, rtpTimestamp);
        RtpPackets.put32(buf, offset + 20, packetCount);
        RtpPackets.put32(buf, offset + 24, octetCount);
        return SENDER_REPORT_BYTES;
    }

    /**
     * The compact NTP time (middle 32 bits) of an SR at {@code offset}, which the receiver echoes
     * as LSR.
     */
    public static long compactNtpOfSenderReport(byte[] buf, int offset) {
        return (RtpPackets.u32(buf, offset + 8) << 16 | RtpPackets.u32(buf, offset + 12) >>> 16) & COMPACT_MASK;
    }

    /** The compact NTP time the sender's clock stands at, for the RTT computation. */
    public static long compactNtp(long nowUs) {
        return CompactNtp.fromMicros(nowUs) & COMPACT_MASK;
    }

    /** Writes an RR with one report block at {@code offset}; returns its size. */
    public static int writeReceiverReport(byte[] buf, int offset, long reporterSsrc, long sourceSsrc,
            int fractionLost, long cumulativeLost, long extendedHighestSequence, long jitterUnits,
            long lastSenderReport, long delaySinceLastSenderReport) {
        header(buf, offset, 1, RECEIVER_REPORT, RECEIVER_REPORT_BYTES);
        RtpPackets.put32(buf, offset + 4, reporterSsrc);
        RtpPackets.put32(buf, offset + 8, sourceSsrc);
        long lost = Math.max(-(1L << 23), Math.min((1L << 23) - 1, cumulativeLost)) & 0xFF_FFFFL;
        RtpPackets.put32(buf, offset + 12, (long) (fractionLost & 0xFF) << 24 | lost);
        RtpPackets.put32(buf, offset + 16, extendedHighestSequence);
        RtpPackets.put32(buf, offset + 20, jitterUnits);
        RtpPackets.put32(buf, offset + 24, lastSenderReport);
        RtpPackets.put32(buf, offset + 28, delaySinceLastSenderReport);
        return RECEIVER_REPORT_BYTES;
    }

    /** Writes a BYE for {@code ssrc} at {@code offset}; returns its size. */
    public static int writeBye(byte[] buf, int offset, long ssrc) {
        header(buf, offset, 1, BYE, BYE_BYTES);
        RtpPackets.put32(buf, offset + 4, ssrc);
        return BYE_BYTES;
    }

    /**
     * RTT of an RR's block, microseconds, at sender time {@code nowUs}; -1 when the block carries
     * no LSR (no SR reached the receiver yet) or the result is negative (clock trouble).
     */
    public static long roundTripUs(long nowUs, long lastSenderReport, long delaySinceLastSenderReport) {
        if (lastSenderReport == 0) {
            return -1;
        }
        long units = (compactNtp(nowUs) - lastSenderReport - delaySinceLastSenderReport) & COMPACT_MASK;
        if (units >= 1L << 31) {
            return -1;
        }
        return CompactNtp.toMicros(units);
    }

    /** One parsed receiver report block. */
    public static final class ReceiverReport {
        private long reporterSsrc;
        private long sourceSsrc;
        private int fractionLost;
        private long cumulativeLost;
        private long extendedHighestSequence;
        private long jitterUnits;
        private long lastSenderReport;
        private long delaySinceLastSenderReport;

        /**
         * Parses the RR whose header {@code header} has read at {@code offset}.
         *
         * @throws RtcpFormatException when it is not an RR with at least one complete report block
         */
        public void parse(byte[] buf, int offset, RtcpHeader header) throws RtcpFormatException {
            if (header.packetType() != RECEIVER_REPORT || header.format() < 1
                    || header.payloadEndOffset() < RECEIVER_REPORT_BYTES) {
                throw new RtcpFormatException(dev.weir.rtcp.RtcpProblem.PAYLOAD_TOO_SHORT, 0, "packet type "
                        + header.packetType() + " with " + header.format() + " blocks in "
                        + header.payloadEndOffset() + " bytes is not a receiver report with a report block");
            }
            reporterSsrc = RtpPackets.u32(buf, offset + 4);
            sourceSsrc = RtpPackets.u32(buf, offset + 8);
            long word = RtpPackets.u32(buf, offset + 12);
            fractionLost = (int) (word >>> 24);
            long lost = word & 0xFF_FFFFL;
            cumulativeLost = lost >= 1L << 23 ? lost - (1L << 24) : lost;
            extendedHighestSequence = RtpPackets.u32(buf, offset + 16);
            jitterUnits = RtpPackets.u32(buf, offset + 20);
            lastSenderReport = RtpPackets.u32(buf, offset + 24);
            delaySinceLastSenderReport = RtpPackets.u32(buf, offset + 28);
        }

        public long reporterSsrc() {
            return reporterSsrc;
        }

        public long sourceSsrc() {
            return sourceSsrc;
        }

        /** Fraction lost since the previous report, in 1/256. */
        public int fractionLost() {
            return fractionLost;
        }

        public long cumulativeLost() {
            return cumulativeLost;
        }

        public long extendedHighestSequence() {
            return extendedHighestSequence;
        }

        /** Interarrival jitter in RTP timestamp units. */
        public long jitterUnits() {
            return jitterUnits;
        }

        public long lastSenderReport() {
            return lastSenderReport;
        }

        /** Delay since the last SR, 1/65536 s. */
        public long delaySinceLastSenderReport() {
            return delaySinceLastSenderReport;
        }
    }

    private static void header(byte[] buf, int offset, int count, int packetType, int sizeBytes) {
        buf[offset] = (byte) (2 << 6 | count);
        buf[offset + 1] = (byte) packetType;
        RtpPackets.put16(buf, offset + 2, sizeBytes / 4 - 1);
    }
}
