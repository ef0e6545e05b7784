package dev.weir.bwe.eventlog;

import static dev.weir.bwe.eventlog.EventLogFormat.*;

import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads an event log written by {@link EventLogWriter}, one record at a time into a reused
 * {@link LoggedEvent}. Strict: anything the format does not allow (a wrong magic or version, an
 * unknown record type or result field, a value out of range, a count beyond its cap, a log cut
 * mid-record) is an {@link EventLogFormatException} naming the source, the byte offset and the
 * record. Nothing is allocated from a count the file declares: strings are capped (4 KiB in the
 * body, 1 MiB in the header) and feedback reports grow only as their entries are actually read
 * (at most 2^20 per report). A log without its end record (the writer was not closed) reads up to
 * its last whole record; {@link #complete()} tells.
 *
 * <p>Not thread-safe.
 */
public final class EventLogReader implements Closeable {
    private static final int BUFFER_BYTES = 1 << 16;
    private static final BandwidthUsage[] USAGES = BandwidthUsage.values();

    private final InputStream in;
    private final String source;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private final BweResult previous = new BweResult();
    private final EventLogHeader header;
    private String[] strings = new String[16];
    private int stringCount;
    private int bufPos;
    private int bufLen;
    private long offset;
    private long recordStart;
    private long records;
    private long lastTimeUs;
    private long lastSentSequence;
    private boolean ended;

    /**
     * Opens {@code file} and reads its header.
     *
     * @throws EventLogFormatException when it is not a readable event log
     */
    public static EventLogReader open(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file)) {
            throw new EventLogFormatException(file + ": not a regular file");
        }
        InputStream stream = Files.newInputStream(file);
        try {
            return new EventLogReader(stream, file.toString());
        } catch (RuntimeException | IOException e) {
            stream.close();
            throw e;
        }
    }

    /** Reads an event log from bytes (tests, fuzzing). */
    public static EventLogReader of(byte[] bytes, String source) throws IOException {
        return new EventLogReader(new ByteArrayInputStream(bytes), source);
    }

    /**
     * Reads the header from {@code in}, which the reader then owns and closes.
     *
     * @param source names the log in messages (a file name)
     * @throws EventLogFormatException when the header is not a valid event log header
     */
    public EventLogReader(InputStream in, String source) throws IOException {
        this.in = in;
        this.source = source;
        try {
            header = readHeader();
        } catch (EventLogFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw problem("unreadable header (" + e + ")", e);
        }
        lastTimeUs = header.originUs();
    }

    /** The header. */
    public EventLogHeader header() {
        return header;
    }

    /** Whether the end record was read (the writer was closed properly). */
    public boolean complete() {
        return ended;
    }

    /** Event records read so far. */
    public long eventsRead() {
        return records;
    }

    /**
     * Reads the next event into {@code event}; false at the end of the log (its end record, or the
     * end of the file at a record boundary).
     *
     * @throws EventLogFormatException for a malformed or truncated record
     */
    public boolean next(LoggedEvent event) throws IOException {
        try {
            return readEvent(event);
        } catch (EventLogFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw problem("unreadable record (" + e + ")", e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private EventLogHeader readHeader() throws IOException {
        recordStart = 0;
        for (byte expected : MAGIC) {
            if (!fill(1)) {
                throw problem(offset == 0 ? "empty file, not an event log" : "truncated in the magic number");
            }
            if (buf[bufPos++] != expected) {
                throw problem("not a weir event log (wrong magic number)");
            }
            offset++;
        }
        int version = u8();
        if (version != VERSION) {
            throw problem("unsupported event log version " + version + " (this reader reads " + VERSION + ")");
        }
        long length = varint();
        if (length > MAX_HEADER_BYTES) {
            throw problem("header of " + length + " bytes exceeds the " + MAX_HEADER_BYTES + "-byte limit");
        }
        long end = offset + length;
        String name = text(EventLogHeader.MAX_TEXT_BYTES, "estimator name");
        String bundleId = text(EventLogHeader.MAX_TEXT_BYTES, "bundle id");
        String settings = text(EventLogHeader.MAX_TEXT_BYTES, "settings");
        String description = text(EventLogHeader.MAX_TEXT_BYTES, "description");
        long originUs = svarint();
        long minBps = svarint();
        long startBps = svarint();
        long maxBps = svarint();
        if (offset > end) {
            throw problem("header fields run past the header's declared length " + length);
        }
        while (offset < end) { // fields a later version appended
            u8();
        }
        return new EventLogHeader(name, bundleId, settings, description, originUs, minBps, startBps, maxBps);
    }

    private boolean readEvent(LoggedEvent event) throws IOException {
        while (true) {
            if (ended) {
                return false;
            }
            recordStart = offset;
            if (!fill(1)) {
                return false; // end of file at a record boundary: a log whose writer was not closed
            }
            records++;
            int code = u8();
            if (code == END) {
                ended = true;
                return false;
            }
            if (code == STRING) {
                defineString();
                records--;
                continue;
            }
            EventType type = EventType.ofCode(code);
            if (type == null) {
                throw problem("unknown record type " + code);
            }
            event.type = type;
            event.timeUs = time();
            switch (type) {
                case PACKET_SENT -> {
                    lastSentSequence += svarint();
                    event.sequenceNumber = lastSentSequence;
                    event.sizeBytes = intValue(svarint(), "packet size");
                }
                case FEEDBACK -> readReport(event.report, event.timeUs);
                case RTT, REMOTE_ESTIMATE -> event.value = svarint();
                case RECEIVER_REPORT -> {
                    event.value = svarint();
                    event.second = svarint();
                }
                case CONSTRAINTS, ROUTE_CHANGE -> {
                    event.minBps = svarint();
                    event.startBps = svarint();
                    event.maxBps = svarint();
                }
                case AVAILABILITY -> event.available = bool("availability");
                default -> {
                }
            }
            if (type.hasResult()) {
                readResult(event.result, event.timeUs);
            }
            return true;
        }
    }

    private void readReport(FeedbackReport report, long nowUs) throws IOException {
        report.clear();
        long count = varint();
        if (count > MAX_FEEDBACK_PACKETS) {
            throw problem("feedback report of " + count + " packets exceeds the " + MAX_FEEDBACK_PACKETS + " limit");
        }
        long sequence = 0;
        long sendUs = nowUs;
        long arrivalUs = nowUs;
        for (long i = 0; i < count; i++) {
            int flags = u8();
            if ((flags & ~(ENTRY_LOST | ENTRY_PROBE)) != 0) {
                throw problem("feedback entry " + i + " has unknown flags " + flags);
            }
            sequence += svarint();
            sendUs += svarint();
            long arrival = FeedbackReport.LOST;
            if ((flags & ENTRY_LOST) == 0) {
                arrivalUs += svarint();
                arrival = arrivalUs;
            }
            int size = intValue(svarint(), "packet size");
            int probe = (flags & ENTRY_PROBE) != 0 ? intValue(svarint(), "probe cluster id") : FeedbackReport.NOT_A_PROBE;
            report.add(sequence, sendUs, arrival, size, probe);
        }
    }

    private void readResult(BweResult r, long nowUs) throws IOException {
        long mask = varint();
        if ((mask & ~ALL_FIELDS) != 0) {
            throw problem("unknown result fields in mask " + Long.toHexString(mask));
        }
        BweResult p = previous;
        r.copyFrom(p);
        r.timeUs(has(mask, F_TIME) ? nowUs + svarint() : nowUs);
        if (has(mask, F_TARGET)) {
            r.targetRateBps(p.targetRateBps() + svarint());
        }
        if (has(mask, F_PACING)) {
            r.pacingRateBps(p.pacingRateBps() + svarint());
        }
        if (has(mask, F_DELAY_BASED)) {
            r.delayBasedRateBps(p.delayBasedRateBps() + svarint());
        }
        if (has(mask, F_LOSS_BASED)) {
            r.lossBasedRateBps(p.lossBasedRateBps() + svarint());
        }
        if (has(mask, F_ACKED)) {
            r.ackedRateBps(p.ackedRateBps() + svarint());
        }
        if (has(mask, F_DELAY_STATE)) {
            int state = u8();
            if (state > USAGES.length) {
                throw problem("delay state " + state + " out of range");
            }
            r.delayState(state == 0 ? null : USAGES[state - 1]);
        }
        if (has(mask, F_LOSS_RATIO)) {
            r.lossRatio(real());
        }
        if (has(mask, F_RTT)) {
            r.rttUs(p.rttUs() + svarint());
        }
        if (has(mask, F_ALR)) {
            r.inAlr(bool("in_alr"));
        }
        if (has(mask, F_FEC)) {
            r.fecRatio(real());
        }
        if (has(mask, F_PADDING)) {
            r.paddingRateBps(p.paddingRateBps() + svarint());
        }
        if (has(mask, F_DATA_WINDOW)) {
            r.dataWindowBytes(p.dataWindowBytes() + svarint());
        }
        if (has(mask, F_CWND_REDUCE)) {
            r.cwndReduceRatio(real());
        }
        if (has(mask, F_PUSHBACK)) {
            r.pushbackRateBps(p.pushbackRateBps() + svarint());
        }
        String networkType = has(mask, F_NETWORK_TYPE) ? string() : p.networkType();
        String parameterSet = has(mask, F_PARAMETER_SET) ? string() : p.parameterSetId();
        double confidence = has(mask, F_TYPE_CONFIDENCE) ? real() : p.networkTypeConfidence();
        double congestion = has(mask, F_CONGESTION) ? real() : p.congestionProbability();
        double randomLoss = has(mask, F_RANDOM_LOSS) ? real() : p.randomLossProbability();
        r.steering(networkType, parameterSet, confidence, congestion, randomLoss);
        r.clearProbeRequests();
        if (has(mask, F_PROBES)) {
            long count = varint();
            if (count < 1 || count > BweResult.MAX_PROBE_REQUESTS) {
                throw problem(count + " probe requests (1 to " + BweResult.MAX_PROBE_REQUESTS + " allowed)");
            }
            for (int i = 0; i < count; i++) {
                r.addProbeRequest(intValue(svarint(), "probe cluster id"), svarint(), svarint(),
                        intValue(svarint(), "probe count"));
            }
        }
        previous.copyFrom(r);
    }

    private void defineString() throws IOException {
        if (stringCount == MAX_STRINGS) {
            throw problem("more than " + MAX_STRINGS + " strings");
        }
        String value = text(MAX_STRING_BYTES, "string");
        if (stringCount == strings.length) {
            strings = Arrays.copyOf(strings, strings.length * 2);
        }
        strings[stringCount++] = value;
    }

    private String string() throws IOException {
        long index = varint();
        if (index >= stringCount) {
            throw problem("string " + index + " is not defined (" + stringCount + " are)");
        }
        return strings[(int) index];
    }

    private String text(int maxBytes, String what) throws IOException {
        long length = varint();
        if (length > maxBytes) {
            throw problem(what + " of " + length + " bytes exceeds the " + maxBytes + "-byte limit");
        }
        byte[] bytes = new byte[(int) length];
        int done = 0;
        while (done < length) {
            if (!fill(1)) {
                throw truncated();
            }
            int chunk = Math.min((int) length - done, bufLen - bufPos);
            System.arraycopy(buf, bufPos, bytes, done, chunk);
            bufPos += chunk;
            offset += chunk;
            done += chunk;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private long time() throws IOException {
        lastTimeUs += svarint();
        return lastTimeUs;
    }

    private double real() throws IOException {
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | u8();
        }
        return Double.longBitsToDouble(bits);
    }

    private boolean bool(String what) throws IOException {
        int value = u8();
        if (value > 1) {
            throw problem(what + " byte " + value + " is neither 0 nor 1");
        }
        return value == 1;
    }

    private int intValue(long value, String what) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw problem(what + " " + value + " does not fit 32 bits");
        }
        return (int) value;
    }

    private long svarint() throws IOException {
        long raw = varint();
        return (raw >>> 1) ^ -(raw & 1);
    }

    private long varint() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            if (shift == 63 && (b & 0x7E) != 0) {
                throw problem("varint overflows 64 bits");
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw problem("varint longer than 10 bytes");
    }

    private int u8() throws IOException {
        if (!fill(1)) {
            throw truncated();
        }
        offset++;
        return buf[bufPos++] & 0xFF;
    }

    /** Whether at least {@code n} (<= buffer size) bytes are buffered, reading more if needed. */
    private boolean fill(int n) throws IOException {
        if (bufLen - bufPos >= n) {
            return true;
        }
        System.arraycopy(buf, bufPos, buf, 0, bufLen - bufPos);
        bufLen -= bufPos;
        bufPos = 0;
        while (bufLen < n) {
            int read = in.read(buf, bufLen, buf.length - bufLen);
            if (read < 0) {
                return false;
            }
            bufLen += read;
        }
        return true;
    }

    private static boolean has(long mask, int field) {
        return (mask & (1L << field)) != 0;
    }

    private EventLogFormatException truncated() {
        return problem("truncated: the log ends inside this record (the writer did not finish it)");
    }

    private EventLogFormatException problem(String message) {
        return problem(message, null);
    }

    private EventLogFormatException problem(String message, Throwable cause) {
        String where = records == 0 ? "header" : "record " + records + " at byte " + recordStart;
        return new EventLogFormatException(source + ": " + where + ", byte " + offset + ": " + message, cause);
    }
}
