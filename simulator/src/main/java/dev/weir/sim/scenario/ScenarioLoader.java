package dev.weir.sim.scenario;

import dev.weir.sim.net.CapacitySchedule;
import dev.weir.sim.net.LossSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a scenario JSON file into a fully resolved, validated {@link Scenario} (traces read, times
 * in microseconds, rates in bits per second). Every problem in the file is reported at once, each
 * naming its line, field path, the value given and what was expected.
 *
 * <pre>{@code
 * {"name": "steps", "family": "capacity-drop", "duration_s": 60,
 *  "link": {"capacity": {"type": "steps", "steps": [{"at_s": 0, "kbps": 1000}, {"at_s": 30, "kbps": 500}]},
 *           "one_way_delay_ms": 50, "jitter_ms": 0, "queue_ms": 300, "queue_bytes": 0,
 *           "loss": {"type": "random", "rate": 0.05}},
 *  "return_delay_ms": 50, "return_loss": 0, "feedback_interval_ms": 100,
 *  "media": {"start_kbps": 300, "min_kbps": 30, "max_kbps": 5000, "audio": false, "fps": 30,
 *            "key_frame_interval_s": 10},
 *  "cross_traffic": {"type": "onoff", "kbps": 500, "on_s": 10, "off_s": 10}}
 * }</pre>
 *
 * <p>Required: {@code name}, {@code duration_s}, {@code link.capacity}, {@code link.one_way_delay_ms}
 * and at least one of {@code link.queue_ms} / {@code link.queue_bytes}. Defaults: {@code family}
 * is the name without trailing {@code -<number>} parts ({@code random-loss-5} gives
 * {@code random-loss}), or {@code custom}; jitter 0; loss none; {@code return_delay_ms} equals
 * the one-way delay (symmetric path); return loss 0; feedback every 100 ms; media 300 kbps start,
 * 30..5000 kbps, no audio, 30 fps, key frame every 10 s; no cross traffic. {@code description} is
 * free text for people.
 *
 * <p>Trace files: {@code traces:rel/path} resolves against the traces root, other relative paths
 * against the scenario file's directory; either way the file (symbolic links resolved) must stay
 * inside the traces root or the scenario's directory. Absolute paths only when the caller allows
 * them ({@code allowAbsolutePaths}, the CLI's {@code --allow-absolute-paths}).
 *
 * <p>Immutable and thread-safe (static methods only).
 */
public final class ScenarioLoader {
    /** Longest call, seconds (24 h): longer runs are a typo, and bound the microsecond arithmetic. */
    static final double MAX_DURATION_S = 86_400;
    /** Largest delay, jitter or queue drain time, ms: beyond 10 s no real-time call survives. */
    static final double MAX_DELAY_MS = 10_000;
    /** Largest byte-limited queue, bytes (1 GB): larger is a unit mistake. */
    static final int MAX_QUEUE_BYTES = 1_000_000_000;
    /** Shortest feedback interval, ms: libwebrtc's transport feedback never goes below 50 ms. */
    static final double MIN_FEEDBACK_MS = 50;
    /** Longest feedback interval, ms: libwebrtc's transport feedback never exceeds 250 ms. */
    static final double MAX_FEEDBACK_MS = 250;
    /** Default feedback interval, ms: libwebrtc's usual transport-cc report period. */
    static final double DEFAULT_FEEDBACK_MS = 100;
    /** Default start rate, kbps: libwebrtc's default start bitrate. */
    static final double DEFAULT_START_KBPS = 300;
    /** Default lowest rate, kbps: low enough for audio-only survival on a congested link. */
    static final double DEFAULT_MIN_KBPS = 30;
    /** Default highest rate, kbps: an HD video call's ceiling. */
    static final double DEFAULT_MAX_KBPS = 5000;
    /** Default video frame rate, frames/s: the usual camera rate. */
    static final int DEFAULT_FPS = 30;
    /** Highest frame rate, frames/s: above any camera or screen-share setting in practice. */
    static final int MAX_FPS = 120;
    /**
     * Default key frame interval, s: libwebrtc's VP8 default keyFrameInterval of 3000 frames at
     * 30 fps; WebRTC otherwise sends key frames only at start and when the receiver asks (PLI).
     */
    static final double DEFAULT_KEY_FRAME_INTERVAL_S = 100;
    /** Key frame interval range, s: from several per second to once an hour. */
    static final double MIN_KEY_FRAME_INTERVAL_S = 0.1;
    static final double MAX_KEY_FRAME_INTERVAL_S = 3600; // s: once an hour is "never" for a call
    /** Longest name or family: they become file names, which file systems cap at 255 bytes. */
    static final int MAX_NAME_CHARS = 128;
    /**
     * Largest scenario file, bytes (1 MiB): the library's are under 1 KB, and the parsed tree
     * with line positions takes tens of times the text; long schedules belong in trace files.
     */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** Names and families become file names and report keys. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final double US_PER_MS = 1000; // unit conversion
    private static final double US_PER_S = 1e6; // unit conversion
    private static final double BPS_PER_KBPS = 1000; // unit conversion

    private ScenarioLoader() {
    }

    /**
     * Loads the scenario in {@code file}; trace files must be relative (see the class comment).
     *
     * @param tracesRootOrNull directory for {@code traces:} paths, or null if none was given
     * @throws ScenarioException naming the file and listing every problem
     */
    public static Scenario load(Path file, Path tracesRootOrNull) {
        return load(file, tracesRootOrNull, false);
    }

    /**
     * Loads the scenario in {@code file}, a file of at most {@link #MAX_FILE_BYTES} bytes (checked
     * before reading).
     *
     * @param tracesRootOrNull directory for {@code traces:} paths, or null if none was given
     * @param allowAbsolutePaths whether trace {@code file}s may be absolute paths anywhere (else
     *     they must stay inside the scenario's directory or the traces root)
     * @throws ScenarioException naming the file and listing every problem
     */
    public static Scenario load(Path file, Path tracesRootOrNull, boolean allowAbsolutePaths) {
        byte[] bytes;
        Path baseDir;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ScenarioException(file.toString(), "scenario file is " + size + " bytes, more than the "
                        + MAX_FILE_BYTES + "-byte limit");
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw new ScenarioException(file.toString(), "scenario file grew past " + MAX_FILE_BYTES + " bytes");
            }
            baseDir = file.toAbsolutePath().getParent();
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file.toString(), "scenario file not found");
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), "cannot read scenario file: " + e);
        }
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioException(file.toString(), "scenario file is not valid UTF-8 text");
        }
        return parse(json, baseDir, tracesRootOrNull, file.toString(), allowAbsolutePaths);
    }

    /**
     * Parses a scenario from {@code json}; trace files must be relative (see the class comment).
     *
     * @param baseDir directory for relative trace paths, or null (then only {@code traces:} paths
     *     work)
     * @param tracesRootOrNull directory for {@code traces:} paths, or null if none was given
     * @param sourceName names the input in errors (usually the file path)
     * @throws ScenarioException naming {@code sourceName} and listing every problem
     */
    public static Scenario parse(String json, Path baseDir, Path tracesRootOrNull, String sourceName) {
        return parse(json, baseDir, tracesRootOrNull, sourceName, false);
    }

    /**
     * Parses a scenario from {@code json}.
     *
     * @param baseDir directory for relative trace paths, or null (then only absolute and
     *     {@code traces:} paths work)
     * @param tracesRootOrNull directory for {@code traces:} paths, or null if none was given
     * @param sourceName names the input in errors (usually the file path)
     * @param allowAbsolutePaths whether trace {@code file}s may be absolute paths anywhere
     * @throws ScenarioException naming {@code sourceName} and listing every problem; any other
     *     failure while reading is reported as one too, never as another exception
     */
    public static Scenario parse(String json, Path baseDir, Path tracesRootOrNull, String sourceName,
            boolean allowAbsolutePaths) {
        try {
            return parseChecked(json, baseDir, tracesRootOrNull, sourceName, allowAbsolutePaths);
        } catch (ScenarioException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // A check above missed a case: still bad input, reported against the file.
            throw new ScenarioException(sourceName, "cannot be read: " + e);
        }
    }

    private static Scenario parseChecked(String json, Path baseDir, Path tracesRootOrNull, String sourceName,
            boolean allowAbsolutePaths) {
        LocatedJson document = LocatedJson.parse(json, sourceName);
        List<String> problems = new ArrayList<>();
        FieldReader root = FieldReader.root(document, problems);
        root.allowOnly("name", "family", "description", "duration_s", "link", "return_delay_ms", "return_loss",
                "feedback_interval_ms", "media", "cross_traffic");
        String name = identifier(root, "name", null);
        String family = identifier(root, "family", name == null ? "custom" : defaultFamily(name));
        root.text("description", "");
        double durationS = root.number("duration_s", 1, MAX_DURATION_S, "s");

        FieldReader linkReader = root.object("link", true);
        TraceFiles files = new TraceFiles(baseDir, tracesRootOrNull, name != null ? name : sourceName,
                allowAbsolutePaths);
        Scenario.Link link = readLink(linkReader, files);
        double returnDelayMs = root.number("return_delay_ms", link == null ? 0 : link.oneWayDelayUs() / US_PER_MS,
                0, MAX_DELAY_MS, "ms");
        double returnLoss = root.number("return_loss", 0, 0, 1, "");
        double feedbackMs = root.number("feedback_interval_ms", DEFAULT_FEEDBACK_MS, MIN_FEEDBACK_MS,
                MAX_FEEDBACK_MS, "ms");
        Scenario.Media media = readMedia(root.object("media", false));
        Scenario.CrossTraffic crossTraffic = CrossTrafficReader.read(root.object("cross_traffic", false));

        if (!problems.isEmpty()) {
            throw new ScenarioException(sourceName, problems);
        }
        ScenarioSource source = new ScenarioSource(json, sourceName, absolute(baseDir), absolute(tracesRootOrNull),
                allowAbsolutePaths, 0);
        return new Scenario(name, family, us(durationS, US_PER_S), link, us(returnDelayMs, US_PER_MS), returnLoss,
                us(feedbackMs, US_PER_MS), media, crossTraffic, sha256(json), source);
    }

    /** {@code dir} as an absolute path string (a source may be resolved from another working directory). */
    private static String absolute(Path dir) {
        return dir == null ? null : dir.toAbsolutePath().toString();
    }

    /**
     * {@code random-loss-5} and {@code random-loss-2.5} give {@code random-loss}; all digits give
     * custom. Strips the longest tail of digits and single separators ({@code -_.}) that ends in a
     * digit, with every separator followed by a digit: what the regex
     * {@code ([-_.]?\d+(\.\d+)?)+$} matches, found in one backward scan (the regex recursed once per
     * character and overflowed the stack on names like {@code a1.11.1...-b}).
     */
    static String defaultFamily(String name) {
        int start = name.length();
        if (start > 0 && isAsciiDigit(name.charAt(start - 1))) {
            while (start > 0) {
                char c = name.charAt(start - 1);
                // A separator here is never the last character, so charAt(start) exists.
                boolean separator = c == '-' || c == '_' || c == '.';
                if (!isAsciiDigit(c) && !(separator && isAsciiDigit(name.charAt(start)))) {
                    break;
                }
                start--;
            }
        }
        String family = name.substring(0, start);
        return family.isEmpty() ? "custom" : family;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Lowercase hex SHA-256 of the scenario text as UTF-8: identifies the scenario in outputs. */
    static String sha256(String json) {
        return Sha256.hex(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Scenario.Link readLink(FieldReader link, TraceFiles files) {
        link.allowOnly("capacity", "one_way_delay_ms", "jitter_ms", "queue_ms", "queue_bytes", "loss");
        CapacitySchedule capacity = CapacityReader.read(link.object("capacity", true), files);
        double oneWayDelayMs = link.number("one_way_delay_ms", 0, MAX_DELAY_MS, "ms");
        double jitterMs = link.number("jitter_ms", 0, 0, MAX_DELAY_MS, "ms");
        double queueMs = link.number("queue_ms", 0, 0, MAX_DELAY_MS, "ms");
        int queueBytes = link.wholeNumber("queue_bytes", 0, 0, MAX_QUEUE_BYTES, "bytes");
        if (link.isPresent() && !link.has("queue_ms") && !link.has("queue_bytes")) {
            link.problem("expected a queue limit: queue_ms (drain time) and/or queue_bytes");
        } else if (link.isPresent() && queueMs == 0 && queueBytes == 0) {
            link.problem("expected queue_ms > 0 or queue_bytes > 0 (a queue of size 0 drops every packet)");
        }
        LossSpec loss = LossReader.read(link.object("loss", false));
        if (capacity == null || loss == null || Double.isNaN(oneWayDelayMs + jitterMs + queueMs)) {
            return null;
        }
        return new Scenario.Link(capacity, us(oneWayDelayMs, US_PER_MS), us(jitterMs, US_PER_MS),
                us(queueMs, US_PER_MS), queueBytes, loss);
    }

    private static Scenario.Media readMedia(FieldReader media) {
        media.allowOnly("start_kbps", "min_kbps", "max_kbps", "audio", "fps", "key_frame_interval_s");
        double startKbps = media.number("start_kbps", DEFAULT_START_KBPS, 1, CapacityReader.MAX_KBPS, "kbps");
        double minKbps = media.number("min_kbps", DEFAULT_MIN_KBPS, 1, CapacityReader.MAX_KBPS, "kbps");
        double maxKbps = media.number("max_kbps", DEFAULT_MAX_KBPS, 1, CapacityReader.MAX_KBPS, "kbps");
        boolean audio = media.bool("audio", false);
        int fps = media.wholeNumber("fps", DEFAULT_FPS, 1, MAX_FPS, "frames/s");
        double keyFrameIntervalS = media.number("key_frame_interval_s", DEFAULT_KEY_FRAME_INTERVAL_S,
                MIN_KEY_FRAME_INTERVAL_S, MAX_KEY_FRAME_INTERVAL_S, "s");
        if (minKbps > maxKbps) {
            media.invalid("min_kbps", "at most max_kbps (" + Units.format(maxKbps) + ")");
        } else if (startKbps < minKbps || startKbps > maxKbps) {
            media.invalid("start_kbps", "a rate within [min_kbps, max_kbps] = [" + Units.format(minKbps) + ", "
                    + Units.format(maxKbps) + "]");
        }
        return new Scenario.Media(bps(startKbps), bps(minKbps), bps(maxKbps), audio, fps, keyFrameIntervalS);
    }

    private static String identifier(FieldReader root, String field, String defaultValue) {
        String value = root.text(field, defaultValue);
        if (value != null && (value.length() > MAX_NAME_CHARS || !NAME.matcher(value).matches())) {
            root.invalid(field, "at most " + MAX_NAME_CHARS + " letters, digits, '.', '_' or '-' (it names output"
                    + " files)");
            return null;
        }
        return value;
    }

    static long us(double value, double usPerUnit) {
        return Math.round(value * usPerUnit);
    }

    static long bps(double kbps) {
        return Math.round(kbps * BPS_PER_KBPS);
    }
}
