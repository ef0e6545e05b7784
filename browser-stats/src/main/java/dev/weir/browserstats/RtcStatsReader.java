package dev.weir.browserstats;

/*
 * rtcstats dump format: one JSON array per line, [method, peerConnectionId, value, timestamp]
 * (https://github.com/fippo/rtcstats, rtcstats.js; server side https://github.com/fippo/rtcstats-server).
 * getStats samples are delta-compressed by rtcstats' deltaCompression: a report repeats only the
 * fields that changed, "timestamp": 0 means the sample's own timestamp, and the sample carries
 * that timestamp as a top-level "timestamp" member; rtcstats-server's decompress() merges each
 * sample into the previous state, which is what this reader does.
 * Standard stats: W3C "Identifiers for WebRTC's Statistics API" (webrtc-stats): RTCIceCandidatePairStats
 * (availableOutgoingBitrate, currentRoundTripTime, bytesSent), RTCTransportStats
 * (selectedCandidatePairId), RTCOutboundRtpStreamStats (bytesSent, headerBytesSent, packetsSent),
 * RTCRemoteInboundRtpStreamStats (packetsLost, roundTripTime, jitter). Legacy goog* stats: Chrome's
 * pre-standard getStats (report types VideoBwe, ssrc, googCandidatePair; values as strings).
 */

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an rtcstats NDJSON dump into each peer connection's {@link StatsSample}s. Lines of other
 * methods (SDP, ICE events, getUserMedia) are checked for shape and skipped. Each getStats sample
 * is merged into its connection's state (delta decompression; a report absent from a sample keeps
 * its last values, as rtcstats-server keeps them), then the sending side is read from the merged
 * state (see {@link StatsSample} for which stat gives each value).
 *
 * <p>Strict where values would be invented: a line that is not a 4-element array, a getStats value
 * that is not an object of reports, a field this reader uses with the wrong type (a string where
 * a standard stat has a number; legacy goog* stats may hold numbers as strings), a negative rate
 * or counter where none can be, and sample timestamps going backwards within one connection are
 * {@link StatsFormatException}s naming the line and field. Bounded: the file size, each line's
 * length, the reports kept per connection and the samples are capped (constants below) and checked
 * before anything grows past them.
 *
 * <p>Stateless; thread-safe (each call reads with its own state).
 */
public final class RtcStatsReader {
    /** Largest dump, bytes: a day-long call polled every second is a few hundred MB. */
    public static final long MAX_FILE_BYTES = 1L << 30;
    /**
     * Longest line, bytes: 200 times the longest getStats line of the three real dumps (20 KB, a
     * full uncompressed sample of a Jitsi SFU call); its JSON tree stays far below a 256 MB heap.
     */
    public static final int MAX_LINE_BYTES = 4 << 20;
    /** Reports remembered per connection: every codec, candidate and stream a call ever had (hundreds). */
    public static final int MAX_REPORTS = 20_000;
    /** Samples kept over all connections: a day at one per second is 86 400 per connection. */
    public static final int MAX_SAMPLES = 500_000;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** Fields read from standard stats: must be JSON numbers. */
    private static final Set<String> NUMERIC = Set.of("availableOutgoingBitrate", "currentRoundTripTime",
            "bytesSent", "headerBytesSent", "packetsSent", "packetsLost", "roundTripTime", "jitter");
    /** Of those, the ones that cannot be negative (packetsLost can: RFC 3550 counts duplicates). */
    private static final Set<String> NON_NEGATIVE = Set.of("availableOutgoingBitrate", "currentRoundTripTime",
            "bytesSent", "headerBytesSent", "packetsSent", "roundTripTime", "jitter");
    /** Legacy goog* report types, whose values are strings. */
    private static final Set<String> LEGACY_TYPES = Set.of("VideoBwe", "ssrc", "googCandidatePair");
    /** Legacy numeric fields read. */
    private static final Set<String> LEGACY_NUMERIC = Set.of("googAvailableSendBandwidth", "googRtt", "bytesSent",
            "packetsSent", "packetsLost");
    /**
     * Non-numeric fields read. Only fields this reader uses are kept in a connection's state, so
     * memory is bounded by the report count, whatever else a report carries.
     */
    private static final Set<String> KEPT = Set.of("type", "selectedCandidatePairId", "selected", "nominated", "state",
            "isRemote", "googActiveConnection");

    private RtcStatsReader() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws StatsFormatException for a file that is missing, too large, not an rtcstats dump, or
     *     holds no getStats sample
     */
    public static RtcStatsDump read(Path file) {
        String name = file.toString();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new StatsFormatException(name, 0, "file not found");
        } catch (IOException e) {
            throw new StatsFormatException(name, 0, "cannot read: " + e.getMessage());
        }
        if (size > MAX_FILE_BYTES) {
            throw new StatsFormatException(name, 0, "file is " + size + " bytes, more than the " + MAX_FILE_BYTES
                    + "-byte limit of a stats dump");
        }
        MessageDigest digest = sha256();
        Map<String, Connection> connections = new LinkedHashMap<>();
        Map<String, Integer> methods = new LinkedHashMap<>();
        long lines = 0;
        int samples = 0;
        try (InputStream in = Files.newInputStream(file)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] chunk = new byte[1 << 16];
            int read;
            while ((read = in.read(chunk)) >= 0) {
                digest.update(chunk, 0, read);
                int from = 0;
                for (int i = 0; i < read; i++) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    append(name, lines, line, chunk, from, i - from);
                    lines++;
                    samples += readLine(name, lines, line.toString(StandardCharsets.UTF_8), connections, methods);
                    line.reset();
                    from = i + 1;
                }
                append(name, lines, line, chunk, from, read - from);
                if (samples > MAX_SAMPLES) {
                    throw new StatsFormatException(name, lines, "more than " + MAX_SAMPLES + " getStats samples");
                }
            }
            if (line.size() > 0) {
                lines++;
                samples += readLine(name, lines, line.toString(StandardCharsets.UTF_8), connections, methods);
            }
        } catch (IOException e) {
            throw new StatsFormatException(name, 0, "cannot read: " + e.getMessage());
        }
        if (samples == 0) {
            throw new StatsFormatException(name, 0, "no getStats samples in " + lines + " lines (methods: "
                    + methods + "); is this an rtcstats dump?");
        }
        List<RtcStatsDump.PeerConnection> result = new ArrayList<>();
        for (Connection connection : connections.values()) {
            result.add(new RtcStatsDump.PeerConnection(connection.id, List.copyOf(connection.samples),
                    connection.statsLines, connection.compressed));
        }
        return new RtcStatsDump(name, HexFormat.of().formatHex(digest.digest()), lines, methods, result);
    }

    private static void append(String file, long linesBefore, ByteArrayOutputStream line, byte[] bytes, int from,
            int length) {
        if (line.size() + (long) length > MAX_LINE_BYTES) {
            throw new StatsFormatException(file, linesBefore + 1, "line longer than " + MAX_LINE_BYTES + " bytes");
        }
        line.write(bytes, from, length);
    }

    /** Reads one line; returns 1 when it was a getStats sample. */
    private static int readLine(String file, long lineNumber, String text, Map<String, Connection> connections,
            Map<String, Integer> methods) {
        if (text.isBlank()) {
            return 0;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() != null ? " (column " + e.getLocation().getColumnNr() + ")" : "";
            throw new StatsFormatException(file, lineNumber, "malformed JSON" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray() || root.size() != 4) {
            throw new StatsFormatException(file, lineNumber, "expected [method, peerConnectionId, value, timestamp],"
                    + " found " + describe(root));
        }
        if (!root.get(0).isTextual()) {
            throw new StatsFormatException(file, lineNumber, "method (element 0): expected a string, found "
                    + describe(root.get(0)));
        }
        String method = root.get(0).asText();
        methods.merge(method, 1, Integer::sum);
        JsonNode pc = root.get(1);
        if (!pc.isTextual() && !pc.isNull()) {
            throw new StatsFormatException(file, lineNumber, "peerConnectionId (element 1): expected a string or null,"
                    + " found " + describe(pc));
        }
        if (!root.get(3).isNumber()) {
            throw new StatsFormatException(file, lineNumber, "timestamp (element 3): expected a number, found "
                    + describe(root.get(3)));
        }
        if (!method.equalsIgnoreCase("getstats")) {
            return 0;
        }
        if (pc.isNull()) {
            throw new StatsFormatException(file, lineNumber, "getStats sample without a peerConnectionId");
        }
        long timeMs = root.get(3).asLong();
        Connection connection = connections.computeIfAbsent(pc.asText(), Connection::new);
        connection.merge(file, lineNumber, root.get(2));
        if (!connection.samples.isEmpty() && timeMs < connection.samples.get(connection.samples.size() - 1).timeMs()) {
            throw new StatsFormatException(file, lineNumber, pc.asText() + " getstats timestamp " + timeMs
                    + " is earlier than the connection's previous sample ("
                    + connection.samples.get(connection.samples.size() - 1).timeMs() + ")");
        }
        connection.samples.add(connection.read(lineNumber, timeMs));
        return 1;
    }

    /** One connection's merged reports. Not thread-safe. */
    private static final class Connection {
        final String id;
        final Map<String, Map<String, JsonNode>> reports = new LinkedHashMap<>();
        final List<StatsSample> samples = new ArrayList<>();
        int statsLines;
        boolean compressed;

        Connection(String id) {
            this.id = id;
        }

        /** Merges one sample (an object of reports by id, or an array of reports with "id"). */
        void merge(String file, long line, JsonNode value) {
            statsLines++;
            String where = id + " getstats";
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    JsonNode report = value.get(i);
                    if (!report.isObject() || !report.path("id").isTextual()) {
                        throw new StatsFormatException(file, line, where + " value[" + i
                                + "]: expected a report object with a string \"id\", found " + describe(report));
                    }
                    mergeReport(file, line, report.get("id").asText(), report);
                }
                return;
            }
            if (!value.isObject()) {
                throw new StatsFormatException(file, line, where + " value (element 2): expected an object of stats"
                        + " reports, found " + describe(value));
            }
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                if (entry.getKey().equals("timestamp") && entry.getValue().isNumber()) {
                    compressed = true; // rtcstats' deltaCompression moves the sample's timestamp here
                    continue;
                }
                if (!entry.getValue().isObject()) {
                    throw new StatsFormatException(file, line, where + " " + entry.getKey()
                            + ": expected a report object, found " + describe(entry.getValue()));
                }
                mergeReport(file, line, entry.getKey(), entry.getValue());
            }
        }

        private void mergeReport(String file, long line, String reportId, JsonNode report) {
            Map<String, JsonNode> state = reports.get(reportId);
            if (state == null) {
                if (reports.size() >= MAX_REPORTS) {
                    throw new StatsFormatException(file, line, id + " has more than " + MAX_REPORTS + " stats reports");
                }
                state = new LinkedHashMap<>();
                reports.put(reportId, state);
            }
            if (report.has("type") && !report.get("type").isTextual()) {
                throw new StatsFormatException(file, line, id + " getstats " + reportId + ".type: expected a string, found "
                        + describe(report.get("type")));
            }
            String type = report.has("type") ? report.get("type").asText() : text(state.get("type"));
            boolean legacy = LEGACY_TYPES.contains(type);
            for (Map.Entry<String, JsonNode> field : report.properties()) {
                String name = field.getKey();
                if (KEPT.contains(name) || NUMERIC.contains(name) || LEGACY_NUMERIC.contains(name)) {
                    check(file, line, reportId, name, field.getValue(), legacy);
                    state.put(name, field.getValue());
                }
            }
        }

        private void check(String file, long line, String reportId, String name, JsonNode value, boolean legacy) {
            String where = id + " getstats " + reportId + "." + name;
            if (legacy && LEGACY_NUMERIC.contains(name)) {
                if (!(value.isNumber() && Double.isFinite(value.asDouble()))
                        && !(value.isTextual() && isNumber(value.asText()))) {
                    throw new StatsFormatException(file, line, where + ": expected a number (or a number as a string"
                            + " in legacy stats), found " + describe(value));
                }
                return;
            }
            if (!legacy && NUMERIC.contains(name)) {
                if (!value.isNumber()) {
                    throw new StatsFormatException(file, line, where + ": expected a number, found " + describe(value));
                }
                if (!Double.isFinite(value.asDouble())) {
                    throw new StatsFormatException(file, line, where + ": " + value.asText() + " is not a finite number");
                }
                if (NON_NEGATIVE.contains(name) && value.asDouble() < 0) {
                    throw new StatsFormatException(file, line, where + ": " + value.asText() + " is negative");
                }
            }
        }

        /** The sending side as the merged state says it. */
        StatsSample read(long line, long timeMs) {
            Map<String, JsonNode> pair = selectedPair();
            double estimate = number(pair, "availableOutgoingBitrate");
            double rttMs = number(pair, "currentRoundTripTime") * 1_000;
            double bytes = number(pair, "bytesSent");
            double rtpBytes = Double.NaN;
            double packets = Double.NaN;
            double lost = Double.NaN;
            double remoteRttSum = 0;
            int remoteRtts = 0;
            double jitterSum = 0;
            int jitters = 0;
            double legacyEstimate = Double.NaN;
            double legacyRtt = Double.NaN;
            double legacyBytes = Double.NaN;
            double legacyPackets = Double.NaN;
            double legacyLost = Double.NaN;
            double legacySsrcBytes = Double.NaN;
            for (Map<String, JsonNode> report : reports.values()) {
                String type = text(report.get("type"));
                switch (type) {
                    case "outbound-rtp" -> {
                        if (report.containsKey("isRemote") && report.get("isRemote").asBoolean(false)) {
                            continue; // the old spec's remote outbound stats, not this side's
                        }
                        rtpBytes = sum(rtpBytes, number(report, "bytesSent"));
                        rtpBytes = sum(rtpBytes, number(report, "headerBytesSent"));
                        packets = sum(packets, number(report, "packetsSent"));
                    }
                    case "remote-inbound-rtp" -> {
                        lost = sum(lost, number(report, "packetsLost"));
                        double rtt = number(report, "roundTripTime");
                        if (Double.isFinite(rtt)) {
                            remoteRttSum += rtt * 1_000;
                            remoteRtts++;
                        }
                        double jitter = number(report, "jitter");
                        if (Double.isFinite(jitter)) {
                            jitterSum += jitter * 1_000;
                            jitters++;
                        }
                    }
                    case "VideoBwe" -> legacyEstimate = legacyNumber(report, "googAvailableSendBandwidth");
                    case "googCandidatePair" -> {
                        if (text(report.get("googActiveConnection")).equals("true")) {
                            legacyRtt = legacyNumber(report, "googRtt");
                            legacyBytes = legacyNumber(report, "bytesSent");
                        }
                    }
                    case "ssrc" -> {
                        double sent = legacyNumber(report, "packetsSent");
                        if (Double.isFinite(sent)) { // a send-side ssrc report
                            legacyPackets = sum(legacyPackets, sent);
                            legacyLost = sum(legacyLost, legacyNumber(report, "packetsLost"));
                            if (!Double.isFinite(legacyRtt)) {
                                legacyRtt = legacyNumber(report, "googRtt");
                            }
                            legacySsrcBytes = sum(legacySsrcBytes, legacyNumber(report, "bytesSent"));
                        }
                    }
                    default -> {
                        // other report types carry nothing about the sending side's path
                    }
                }
            }
            if (!Double.isFinite(estimate)) {
                estimate = legacyEstimate;
            }
            if (!Double.isFinite(rttMs)) {
                rttMs = remoteRtts > 0 ? remoteRttSum / remoteRtts : legacyRtt;
            }
            if (!Double.isFinite(bytes)) {
                bytes = Double.isFinite(rtpBytes) ? rtpBytes : Double.isFinite(legacyBytes) ? legacyBytes : legacySsrcBytes;
            }
            if (!Double.isFinite(packets)) {
                packets = legacyPackets;
            }
            if (!Double.isFinite(lost)) {
                lost = legacyLost;
            }
            return new StatsSample(line, timeMs, estimate, rttMs, bytes, packets, lost,
                    jitters > 0 ? jitterSum / jitters : Double.NaN);
        }

        /**
         * The candidate pair in use: the one a transport names as selected (Chrome), else one
         * marked {@code selected} (Firefox), else a nominated succeeded one; among several, the one
         * that sent most. Null when there is none.
         */
        private Map<String, JsonNode> selectedPair() {
            Map<String, JsonNode> best = null;
            for (Map<String, JsonNode> report : reports.values()) {
                if (text(report.get("type")).equals("transport") && report.get("selectedCandidatePairId") != null) {
                    best = larger(best, reports.get(report.get("selectedCandidatePairId").asText()));
                }
            }
            if (best != null) {
                return best;
            }
            for (Map<String, JsonNode> report : reports.values()) {
                if (text(report.get("type")).equals("candidate-pair") && report.containsKey("selected")
                        && report.get("selected").asBoolean(false)) {
                    best = larger(best, report);
                }
            }
            if (best != null) {
                return best;
            }
            for (Map<String, JsonNode> report : reports.values()) {
                if (text(report.get("type")).equals("candidate-pair") && report.containsKey("nominated")
                        && report.get("nominated").asBoolean(false)
                        && text(report.get("state")).equals("succeeded")) {
                    best = larger(best, report);
                }
            }
            return best;
        }

        private static Map<String, JsonNode> larger(Map<String, JsonNode> a, Map<String, JsonNode> b) {
            if (b == null || !text(b.get("type")).equals("candidate-pair")) {
                return a;
            }
            if (a == null) {
                return b;
            }
            double bytesA = number(a, "bytesSent");
            double bytesB = number(b, "bytesSent");
            return Double.isFinite(bytesB) && (!Double.isFinite(bytesA) || bytesB > bytesA) ? b : a;
        }
    }

    private static double number(Map<String, JsonNode> report, String name) {
        if (report == null) {
            return Double.NaN;
        }
        JsonNode value = report.get(name);
        return value != null && value.isNumber() ? value.asDouble() : Double.NaN;
    }

    private static double legacyNumber(Map<String, JsonNode> report, String name) {
        JsonNode value = report.get(name);
        if (value == null) {
            return Double.NaN;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        return isNumber(value.asText()) ? Double.parseDouble(value.asText().strip()) : Double.NaN;
    }

    private static boolean isNumber(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** NaN + x = x, so a sum over reports is NaN only when none had the value. */
    private static double sum(double total, double value) {
        if (!Double.isFinite(value)) {
            return total;
        }
        return Double.isFinite(total) ? total + value : value;
    }

    private static String text(JsonNode node) {
        return node == null ? "" : node.asText("");
    }

    /** A short description of a JSON value for messages. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String kind = node.isArray() ? "an array of " + node.size()
                : node.isObject() ? "an object"
                : node.isTextual() ? "a string"
                : node.isNumber() ? "a number"
                : node.isBoolean() ? "a boolean"
                : "null";
        String shown = node.isContainerNode() ? "" : " " + node;
        return kind + (shown.length() > 60 ? shown.substring(0, 60) + "..." : shown);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
