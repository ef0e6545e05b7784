package dev.weir.models.dataset;

import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.model.ModelArtifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@link DatasetGenerator#generate} simulates: synthetic scenario files, trace datasets under
 * a traces root, seeds, a cap on calls per dataset (for quick runs), the frozen test split, an
 * optional steering model for weir-driven calls and the worker thread count (which never changes
 * the output). Trace-driven calls last {@code min_call_s..max_call_s} of the settings; synthetic
 * scenarios keep their own duration.
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
 * @param testSplit the frozen test split
 * @param steeringModel the model of weir-driven calls, or null (then no call is weir-driven)
 * @param onlySplit simulate only the calls of this split (e.g. {@code test} for an online
 *     evaluation), or null for all
 * @param threads worker threads (>= 1)
 * @param settings sampling and labelling settings
 */
public record DatasetRequest(List<Path> scenarioFiles, Path tracesRoot, List<String> datasets, List<Long> seeds,
                             int maxCallsPerDataset, TestSplit testSplit, ModelArtifact steeringModel,
                             String onlySplit, int threads, DatasetSettings settings) {

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
        if (testSplit == null) {
            throw new IllegalArgumentException("a frozen test split is required");
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

    /** A request with default settings, seeds 1 and 2, all calls, no steering model, one thread per core. */
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
        private TestSplit testSplit;
        private ModelArtifact steeringModel;
        private String onlySplit;
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

        public Builder testSplit(TestSplit value) {
            testSplit = value;
            return this;
        }

        public Builder steeringModel(ModelArtifact value) {
            steeringModel = value;
            return this;
        }

        public Builder onlySplit(String value) {
            onlySplit = value;
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
            return new DatasetRequest(scenarioFiles, tracesRoot, datasets, seeds, maxCallsPerDataset, testSplit,
                    steeringModel, onlySplit, threads, settings);
        }
    }
}
