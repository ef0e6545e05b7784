package dev.weir.sim.tune;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every evaluated candidate, one line each, so an interrupted tuning resumes: CMA-ES with the same
 * seed proposes the same candidates again and their scores come from here instead of new calls.
 * The first line identifies the tuning (space, scenarios, seeds, base set, objective); a journal
 * of another tuning is refused rather than mixed in.
 *
 * <pre>
 *   weir-tuning-journal/1 &lt;configuration digest&gt;
 *   &lt;point as hex doubles, space-separated&gt; = &lt;score as a hex double&gt;
 * </pre>
 *
 * <p>Not thread-safe: one tuning appends to it.
 */
final class TuningJournal implements AutoCloseable {
    private static final String FORMAT = "weir-tuning-journal/1";

    private final Map<String, Double> scores = new HashMap<>();
    /** Scores read from an earlier run's journal: the evaluations a resume saved. */
    private final Map<String, Double> earlier = new HashMap<>();
    private final BufferedWriter writer;

    TuningJournal(Path file, String configurationDigest) throws IOException {
        String header = FORMAT + " " + configurationDigest;
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(header)) {
                throw new TuningJournalException("journal " + file + " belongs to another tuning (first line "
                        + (lines.isEmpty() ? "missing" : "'" + lines.get(0) + "'") + ", expected '" + header
                        + "'): remove it or choose another --out");
            }
            for (int i = 1; i < lines.size(); i++) {
                String[] parts = lines.get(i).split(" = ");
                if (parts.length == 2) { // a line cut short by a kill is skipped: that candidate reruns
                    earlier.put(parts[0], Double.valueOf(parts[1]));
                }
            }
            byte[] bytes = Files.readAllBytes(file);
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
                writer.newLine(); // end the line a kill cut short, so the next record starts clean
            }
        } else {
            Files.createDirectories(file.toAbsolutePath().getParent());
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            writer.write(header);
            writer.newLine();
            writer.flush();
        }
    }

    /** The score of {@code point} recorded in this run, or null. */
    Double score(double[] point) {
        return scores.get(key(point));
    }

    /** The score of {@code point} recorded by an earlier, interrupted run, or null. */
    Double earlierScore(double[] point) {
        return earlier.get(key(point));
    }

    /** Records an evaluation (new ones are flushed at once, so a kill loses at most the running one). */
    void record(double[] point, double score) throws IOException {
        String key = key(point);
        scores.put(key, score);
        if (earlier.containsKey(key)) {
            return;
        }
        writer.write(key + " = " + Double.toHexString(score));
        writer.newLine();
        writer.flush();
    }

    /** Distinct candidates evaluated so far, this run and earlier ones. */
    int size() {
        int size = earlier.size();
        for (String key : scores.keySet()) {
            if (!earlier.containsKey(key)) {
                size++;
            }
        }
        return size;
    }

    private static String key(double[] point) {
        StringBuilder key = new StringBuilder();
        for (double value : point) {
            if (key.length() > 0) {
                key.append(' ');
            }
            key.append(Double.toHexString(value));
        }
        return key.toString();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
