package dev.weir.bwe.eventlog;

import static dev.weir.bwe.eventlog.EventLogFormat.*;

import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.api.ProbeRequest;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes an event log: a header, then one record per estimator call with its arguments and the
 * result it produced (only the fields that changed since the previous result), streamed through
 * a 64 KiB buffer. Compact (a packet sent ~6 bytes, a feedback entry ~9, a process tick with its
 * result ~6; 13 per event on a simulated GCC call)
 * and allocation-free per event once every distinct network-type string has been seen. The format
 * is documented in docs/architecture.md ("Event log"); {@link EventLogReader} reads it.
 *
 * <p>Usually driven by {@link EventLoggingEstimator}, which wraps an estimator and records every
 * call. The log is complete once {@link #close()} wrote its end record; a log cut short (a killed
 * process) reads up to its last whole record.
 *
 * <p>Not thread-safe: use it on the estimator's thread.
 */
public final class EventLogWriter implements Closeable {
    private static final int BUFFER_BYTES = 1 << 16;
    /** Largest record header or field written between buffer checks: type + mask + 20 fields. */
    private static final int FIELD_BYTES = 10;

    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private final BweResult previous = new BweResult();
    private String[] strings = new String[16];
    private int stringCount;
    private int pos;
    private long bytesWritten;
    private long lastTimeUs;
    private long lastSentSequence;
    private boolean closed;

    /**
     * Starts a log on {@code out} (which the writer then owns and closes) and writes the header.
     *
     * @throws IllegalArgumentException when a header text exceeds {@link EventLogHeader#MAX_TEXT_BYTES}
     */
    public EventLogWriter(OutputStream out, EventLogHeader header) throws IOException {
        this.out = out;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String text : new String[] {header.estimatorName(), header.bundleId(), header.settings(),
                header.description()}) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > EventLogHeader.MAX_TEXT_BYTES) {
                throw new IllegalArgumentException("event log header text of " + bytes.length + " bytes exceeds "
                        + EventLogHeader.MAX_TEXT_BYTES);
            }
            writeVarint(body, bytes.length);
            body.write(bytes);
        }
        for (long value : new long[] {header.originUs(), header.minBps(), header.startBps(), header.maxBps()}) {
            writeVarint(body, zigzag(value));
        }
        byte[] bodyBytes = body.toByteArray();
        ensure(MAGIC.length + 1 + FIELD_BYTES);
        System.arraycopy(MAGIC, 0, buf, pos, MAGIC.length);
        pos += MAGIC.length;
        buf[pos++] = (byte) VERSION;
        varint(bodyBytes.length);
        flushBuffer();
        out.write(bodyBytes);
        bytesWritten += bodyBytes.length;
        lastTimeUs = header.originUs();
    }

    /** {@code onPacketSent}. */
    public void packetSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) throws IOException {
        ensure(4 * FIELD_BYTES);
        buf[pos++] = (byte) EventType.PACKET_SENT.code();
        time(sendTimeUs);
        varint(zigzag(transportSequenceNumber - lastSentSequence));
        lastSentSequence = transportSequenceNumber;
        varint(zigzag(sizeBytes));
    }

    /** {@code onFeedback}: every entry of {@code report} as handed in, then the result. */
    public void feedback(FeedbackReport report, long nowUs, BweResult result) throws IOException {
        defineStrings(result);
        int count = report.count();
        ensure(4 * FIELD_BYTES);
        buf[pos++] = (byte) EventType.FEEDBACK.code();
        time(nowUs);
        varint(count);
        long previousSequence = 0;
        long previousSendUs = nowUs;
        long previousArrivalUs = nowUs;
        for (int i = 0; i < count; i++) {
            ensure(6 * FIELD_BYTES);
            boolean lost = report.isLost(i);
            int probe = report.probeClusterId(i);
            buf[pos++] = (byte) ((lost ? ENTRY_LOST : 0) | (probe != FeedbackReport.NOT_A_PROBE ? ENTRY_PROBE : 0));
            long sequence = report.sequenceNumber(i);
            varint(zigzag(sequence - previousSequence));
            previousSequence = sequence;
            long sendUs = report.sendTimeUs(i);
            varint(zigzag(sendUs - previousSendUs));
            previousSendUs = sendUs;
            if (!lost) {
                long arrivalUs = report.arrivalTimeUs(i);
                varint(zigzag(arrivalUs - previousArrivalUs));
                previousArrivalUs = arrivalUs;
            }
            varint(zigzag(report.sizeBytes(i)));
            if (probe != FeedbackReport.NOT_A_PROBE) {
                varint(zigzag(probe));
            }
        }
        result(nowUs, result);
    }

    /** {@code onRttSample}. */
    public void rttSample(long rttUs, long nowUs, BweResult result) throws IOException {
        begin(EventType.RTT, nowUs, result);
        varint(zigzag(rttUs));
        result(nowUs, result);
    }

    /** {@code onReceiverReport}. */
    public void receiverReport(long packetsLost, long packetsExpected, long nowUs, BweResult result)
            throws IOException {
        begin(EventType.RECEIVER_REPORT, nowUs, result);
        varint(zigzag(packetsLost));
        varint(zigzag(packetsExpected));
        result(nowUs, result);
    }

    /** {@code onProcessInterval}. */
    public void processInterval(long nowUs, BweResult result) throws IOException {
        begin(EventType.PROCESS, nowUs, result);
        result(nowUs, result);
    }

    /** {@code currentEstimate}. */
    public void currentEstimate(long nowUs, BweResult result) throws IOException {
        begin(EventType.CURRENT_ESTIMATE, nowUs, result);
        result(nowUs, result);
    }

    /** {@code onTargetRateConstraints}, the arguments as given (not normalised). */
    public void targetRateConstraints(long minBps, long startBps, long maxBps, long nowUs, BweResult result)
            throws IOException {
        begin(EventType.CONSTRAINTS, nowUs, result);
        varint(zigzag(minBps));
        varint(zigzag(startBps));
        varint(zigzag(maxBps));
        result(nowUs, result);
    }

    /** {@code onNetworkRouteChange}, the arguments as given. */
    public void networkRouteChange(long minBps, long startBps, long maxBps, long nowUs, BweResult result)
            throws IOException {
        begin(EventType.ROUTE_CHANGE, nowUs, result);
        varint(zigzag(minBps));
        varint(zigzag(startBps));
        varint(zigzag(maxBps));
        result(nowUs, result);
    }

    /** {@code onNetworkAvailability}. */
    public void networkAvailability(boolean available, long nowUs, BweResult result) throws IOException {
        begin(EventType.AVAILABILITY, nowUs, result);
        buf[pos++] = (byte) (available ? 1 : 0);
        result(nowUs, result);
    }

    /** {@code onRemoteEstimate}. */
    public void remoteEstimate(long bitrateBps, long nowUs, BweResult result) throws IOException {
        begin(EventType.REMOTE_ESTIMATE, nowUs, result);
        varint(zigzag(bitrateBps));
        result(nowUs, result);
    }

    /** Bytes handed to the stream so far (the buffer's content not included). */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** Hands the buffered records to the stream and flushes it. */
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    /** Writes the end record, flushes and closes the stream. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            ensure(1);
            buf[pos++] = (byte) END;
            flush();
        } finally {
            closed = true;
            out.close();
        }
    }

    private void begin(EventType type, long nowUs, BweResult result) throws IOException {
        defineStrings(result);
        ensure(5 * FIELD_BYTES);
        buf[pos++] = (byte) type.code();
        time(nowUs);
    }

    /** The result: a mask of the fields that differ from the previous result, then their values. */
    private void result(long nowUs, BweResult r) throws IOException {
        BweResult p = previous;
        long mask = 0;
        mask |= bit(F_TIME, r.timeUs() != nowUs);
        mask |= bit(F_TARGET, r.targetRateBps() != p.targetRateBps());
        mask |= bit(F_PACING, r.pacingRateBps() != p.pacingRateBps());
        mask |= bit(F_DELAY_BASED, r.delayBasedRateBps() != p.delayBasedRateBps());
        mask |= bit(F_LOSS_BASED, r.lossBasedRateBps() != p.lossBasedRateBps());
        mask |= bit(F_ACKED, r.ackedRateBps() != p.ackedRateBps());
        mask |= bit(F_DELAY_STATE, r.delayState() != p.delayState());
        mask |= bit(F_LOSS_RATIO, differs(r.lossRatio(), p.lossRatio()));
        mask |= bit(F_RTT, r.rttUs() != p.rttUs());
        mask |= bit(F_ALR, r.inAlr() != p.inAlr());
        mask |= bit(F_FEC, differs(r.fecRatio(), p.fecRatio()));
        mask |= bit(F_PADDING, r.paddingRateBps() != p.paddingRateBps());
        mask |= bit(F_DATA_WINDOW, r.dataWindowBytes() != p.dataWindowBytes());
        mask |= bit(F_CWND_REDUCE, differs(r.cwndReduceRatio(), p.cwndReduceRatio()));
        mask |= bit(F_PUSHBACK, r.pushbackRateBps() != p.pushbackRateBps());
        mask |= bit(F_NETWORK_TYPE, !r.networkType().equals(p.networkType()));
        mask |= bit(F_PARAMETER_SET, !r.parameterSetId().equals(p.parameterSetId()));
        mask |= bit(F_TYPE_CONFIDENCE, differs(r.networkTypeConfidence(), p.networkTypeConfidence()));
        mask |= bit(F_CONGESTION, differs(r.congestionProbability(), p.congestionProbability()));
        mask |= bit(F_RANDOM_LOSS, differs(r.randomLossProbability(), p.randomLossProbability()));
        mask |= bit(F_PROBES, r.probeRequestCount() > 0);
        ensure(FIELD_BYTES);
        varint(mask);
        if (mask == 0) {
            return;
        }
        ensure(40 * FIELD_BYTES);
        if ((mask & (1L << F_TIME)) != 0) {
            varint(zigzag(r.timeUs() - nowUs));
        }
        rate(mask, F_TARGET, r.targetRateBps(), p.targetRateBps());
        rate(mask, F_PACING, r.pacingRateBps(), p.pacingRateBps());
        rate(mask, F_DELAY_BASED, r.delayBasedRateBps(), p.delayBasedRateBps());
        rate(mask, F_LOSS_BASED, r.lossBasedRateBps(), p.lossBasedRateBps());
        rate(mask, F_ACKED, r.ackedRateBps(), p.ackedRateBps());
        if ((mask & (1L << F_DELAY_STATE)) != 0) {
            BandwidthUsage state = r.delayState();
            buf[pos++] = (byte) (state == null ? 0 : state.ordinal() + 1);
        }
        real(mask, F_LOSS_RATIO, r.lossRatio());
        rate(mask, F_RTT, r.rttUs(), p.rttUs());
        if ((mask & (1L << F_ALR)) != 0) {
            buf[pos++] = (byte) (r.inAlr() ? 1 : 0);
        }
        real(mask, F_FEC, r.fecRatio());
        rate(mask, F_PADDING, r.paddingRateBps(), p.paddingRateBps());
        rate(mask, F_DATA_WINDOW, r.dataWindowBytes(), p.dataWindowBytes());
        real(mask, F_CWND_REDUCE, r.cwndReduceRatio());
        rate(mask, F_PUSHBACK, r.pushbackRateBps(), p.pushbackRateBps());
        if ((mask & (1L << F_NETWORK_TYPE)) != 0) {
            varint(stringIndex(r.networkType()));
        }
        if ((mask & (1L << F_PARAMETER_SET)) != 0) {
            varint(stringIndex(r.parameterSetId()));
        }
        real(mask, F_TYPE_CONFIDENCE, r.networkTypeConfidence());
        real(mask, F_CONGESTION, r.congestionProbability());
        real(mask, F_RANDOM_LOSS, r.randomLossProbability());
        if ((mask & (1L << F_PROBES)) != 0) {
            int count = r.probeRequestCount();
            varint(count);
            for (int i = 0; i < count; i++) {
                ProbeRequest probe = r.probeRequest(i);
                ensure(4 * FIELD_BYTES);
                varint(zigzag(probe.clusterId()));
                varint(zigzag(probe.rateBps()));
                varint(zigzag(probe.durationUs()));
                varint(zigzag(probe.minProbes()));
            }
        }
        previous.copyFrom(r);
    }

    private void rate(long mask, int field, long value, long previousValue) {
        if ((mask & (1L << field)) != 0) {
            varint(zigzag(value - previousValue));
        }
    }

    private void real(long mask, int field, double value) {
        if ((mask & (1L << field)) != 0) {
            long bits = Double.doubleToRawLongBits(value);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf[pos++] = (byte) (bits >>> shift);
            }
        }
    }

    /** Emits a string-table record for each string of {@code result} not yet in the table. */
    private void defineStrings(BweResult result) throws IOException {
        define(result.networkType());
        define(result.parameterSetId());
    }

    private void define(String value) throws IOException {
        if (find(value) >= 0) {
            return;
        }
        if (stringCount == MAX_STRINGS) {
            throw new IOException("event log string table full (" + MAX_STRINGS + " distinct network types"
                    + " and parameter set ids)");
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING_BYTES) {
            throw new IOException("event log string of " + bytes.length + " bytes exceeds " + MAX_STRING_BYTES);
        }
        if (stringCount == strings.length) {
            strings = java.util.Arrays.copyOf(strings, strings.length * 2);
        }
        strings[stringCount++] = value;
        ensure(1 + FIELD_BYTES);
        buf[pos++] = (byte) STRING;
        varint(bytes.length);
        for (int offset = 0; offset < bytes.length; ) {
            ensure(1);
            int chunk = Math.min(bytes.length - offset, buf.length - pos);
            System.arraycopy(bytes, offset, buf, pos, chunk);
            pos += chunk;
            offset += chunk;
        }
    }

    /** Index of {@code value} in the table: the same constant object usually, else an equal string. */
    private int find(String value) {
        for (int i = stringCount - 1; i >= 0; i--) {
            if (strings[i] == value) {
                return i;
            }
        }
        for (int i = stringCount - 1; i >= 0; i--) {
            if (strings[i].equals(value)) {
                return i;
            }
        }
        return -1;
    }

    private int stringIndex(String value) {
        return find(value); // defined before the record began
    }

    private void time(long timeUs) {
        varint(zigzag(timeUs - lastTimeUs));
        lastTimeUs = timeUs;
    }

    private void ensure(int bytes) throws IOException {
        if (closed) {
            throw new IOException("event log writer is closed");
        }
        if (buf.length - pos < bytes) {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            bytesWritten += pos;
            pos = 0;
        }
    }

    private void varint(long value) {
        while ((value & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
    }

    private static void writeVarint(ByteArrayOutputStream body, long value) {
        while ((value & ~0x7FL) != 0) {
            body.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        body.write((int) value);
    }

    static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long bit(int field, boolean set) {
        return set ? 1L << field : 0;
    }

    private static boolean differs(double a, double b) {
        return Double.doubleToRawLongBits(a) != Double.doubleToRawLongBits(b);
    }
}
