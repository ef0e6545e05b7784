package dev.weir.models.dataset;

import dev.weir.bwe.config.SettingsJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@link DatasetGenerator#generate} simulates: synthetic scenario files, trace datasets under
 * a traces root, seeds, a per-call duration cap, a cap on calls per dataset (for quick runs) and
 * the worker thread count (which never changes the output).
 *
 * <p>Immutable and thread-safe: the settings bean is a private copy made on construction; callers
 * must not change what {@link #settings()} returns.
 *
 * @param scenarioFiles scenario JSON files; files naming {@code traces:} paths are skipped (they are
 *     evaluation scenarios on test/ traces)
 * @param tracesRoot root holding {@code <dataset>/train/} and {@code <dataset>/test/}, or null for
 *     synthetic scenarios only
 * @param datasets trace datasets to include (e.g. {@code hsdpa-3g}); empty: every directory of the root
 * @param seeds simulation seeds; every scenario and trace runs once per seed
 * @param maxCallsPerDataset at most this many calls per trace dataset and of synthetic scenarios; 0: all
 * @param durationS per-call duration cap, seconds (trace-driven calls last exactly this long)
 * @param threads worker threads (>= 1)
 * @param settings sampling and labelling settings
 */
public record DatasetRequest(List<Path> scenarioFiles, Path tracesRoot, List<String> datasets, List<Long> seeds,
                             int maxCallsPerDataset, int durationS, int threads, DatasetSettings settings) {
    /** Longest call, seconds (1 h): longer calls add nothing a 10 s window can learn from. */
    static final int MAX_DURATION_S = 3_600;
    /** Shortest call, seconds: the first sample needs 10 s of history and 4 s of horizon. */
    static final int MIN_DURATION_S = 15;

    public DatasetRequest {
        scenarioFiles = List.copyOf(scenarioFiles);
        datasets = List.copyOf(datasets);
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("at least one seed is required");
        }
        if (maxCallsPerDataset < 0) {
            throw new IllegalArgumentException("max calls per dataset must be >= 0 (0: all), got " + maxCallsPerDataset);
        }
        if (durationS < MIN_DURATION_S || durationS > MAX_DURATION_S) {
            throw new IllegalArgumentException("duration " + durationS + " s outside [" + MIN_DURATION_S + ", "
                    + MAX_DURATION_S + "]");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (tracesRoot == null && !datasets.isEmpty()) {
            throw new IllegalArgumentException("datasets " + datasets + " given without a traces root");
        }
        if (settings == null) {
            throw new IllegalArgumentException("settings are required");
        }
        settings = SettingsJson.copy(settings, DatasetSettings.class);
    }

    /** A request with default settings, 60 s calls, seeds 1 and 2, all calls, one thread per core. */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code *.json} files of {@code dir}, sorted by name. */
    public static List<Path> scenarioFilesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list scenario directory " + dir, e);
        }
    }

    /** Builds a {@link DatasetRequest}; not thread-safe. */
    public static final class Builder {
        private final List<Path> scenarioFiles = new ArrayList<>();
        private Path tracesRoot;
        private final List<String> datasets = new ArrayList<>();
        private List<Long> seeds = List.of(1L, 2L);
        private int maxCallsPerDataset;
        private int durationS = 60;
        private int threads = Runtime.getRuntime().availableProcessors();
        private DatasetSettings settings = new DatasetSettings();

        private Builder() {
        }

        /** Adds every {@code *.json} file of {@code dir} (sorted by name). */
        public Builder scenarioDir(Path dir) {
            scenarioFiles.addAll(scenarioFilesIn(dir));
            return this;
        }

        public Builder scenarioFiles(List<Path> files) {
            scenarioFiles.addAll(files);
            return this;
        }

        public Builder tracesRoot(Path root) {
            tracesRoot = root;
            return this;
        }

        public Builder datasets(List<String> names) {
            datasets.addAll(names);
            return this;
        }

        public Builder seeds(List<Long> values) {
            seeds = List.copyOf(values);
            return this;
        }

        public Builder maxCallsPerDataset(int value) {
            maxCallsPerDataset = value;
            return this;
        }

        public Builder durationS(int value) {
            durationS = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        public Builder settings(DatasetSettings value) {
            settings = value;
            return this;
        }

        public DatasetRequest build() {
            return new DatasetRequest(scenarioFiles, tracesRoot, datasets, seeds, maxCallsPerDataset, durationS,
                    threads, settings);
        }
    }
}
