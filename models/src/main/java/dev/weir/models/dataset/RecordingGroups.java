package dev.weir.models.dataset;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recording a call belongs to: splits and cross-validation folds keep every call of one
 * recording on one side, so a model is never scored on a recording it trained on.
 * <ul>
 *   <li>FCC Measuring Broadband America: one measurement series, {@code trace_<id>_..._partN}
 *       grouped by {@code <id>} ({@code fcc:<id>}): the parts of a series are consecutive stretches
 *       of one household's line;</li>
 *   <li>Mahimahi: one drive, both directions ({@code mahimahi:<file without .up/.down>});</li>
 *   <li>HSDPA (Riiser et al., MMSys 2013): one commute route per mode of transport, every trip of
 *       it ({@code hsdpa-3g:<mode>}, e.g. {@code hsdpa-3g:tram});</li>
 *   <li>Puffer: one session per file ({@code puffer:<file>});</li>
 *   <li>other trace sets: the file without direction and part suffixes;</li>
 *   <li>synthetic scenarios: the capacity script ({@code synthetic:<capacity description>}), so
 *       scenarios that only differ in added loss (random-loss-1 ... random-loss-20, bursty-loss on
 *       the same constant link) are one group.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class RecordingGroups {
    private static final Pattern FCC = Pattern.compile("trace_(\\d+)_.*");
    private static final Pattern HSDPA = Pattern.compile("norway_([a-z]+)_\\d+");
    private static final Pattern DIRECTION = Pattern.compile("\\.(up|down)$");
    private static final Pattern PART = Pattern.compile("_part\\d+(\\.log)?$");

    private RecordingGroups() {
    }

    /** The group of trace {@code traceId} ({@code <dataset>/<train|test>/<file>}). */
    public static String ofTrace(String traceId) {
        String[] parts = traceId.split("/", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("trace id '" + traceId + "' is not <dataset>/<split>/<file>");
        }
        String dataset = parts[0];
        String file = parts[2];
        switch (dataset) {
            case "fcc" -> {
                Matcher m = FCC.matcher(file);
                if (m.matches()) {
                    return "fcc:" + m.group(1);
                }
            }
            case "mahimahi" -> {
                return "mahimahi:" + DIRECTION.matcher(file).replaceFirst("");
            }
            case "hsdpa-3g" -> {
                Matcher m = HSDPA.matcher(file);
                if (m.matches()) {
                    return "hsdpa-3g:" + m.group(1);
                }
            }
            case "puffer" -> {
                return "puffer:" + file;
            }
            default -> {
                // other trace sets: file level below
            }
        }
        return dataset + ":" + PART.matcher(DIRECTION.matcher(file).replaceFirst("")).replaceFirst("");
    }

    /** The group of a synthetic scenario whose capacity is described as {@code capacityDescription}. */
    public static String ofSynthetic(String capacityDescription) {
        return "synthetic:" + capacityDescription;
    }
}
