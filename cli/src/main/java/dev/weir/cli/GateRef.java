package dev.weir.cli;

import dev.weir.gcc.GccSettings;
import dev.weir.gcc.GoogCcEstimator;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.steer.Bundle;
import dev.weir.steer.BundleLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one side of a gate runs:
 * <ul>
 *   <li>{@code settings:FILE}: {@code gcc} with a GCC settings file (a file names only what it
 *       changes; each scenario's bitrate bounds replace the file's, as for {@code gcc});</li>
 *   <li>{@code bundle:DIR}: {@code weir} steered by a bundle (a directory or a {@code .weirbundle}
 *       archive);</li>
 *   <li>{@code rev:GIT_REV}: another revision's CLI, built once into the build cache, running
 *       {@code --estimator} (its own committed bundle for {@code weir});</li>
 *   <li>{@code tree}: this checkout as it is, running {@code --estimator}.</li>
 * </ul>
 * {@link #variant} names the noise profile the side is measured against: {@code gcc} for settings,
 * {@code weir} for bundles, the estimator otherwise.
 *
 * <p>Immutable and thread-safe.
 */
sealed interface GateRef {
    /** The reference as given. */
    String text();

    /** The estimator this side runs, which names its noise profile in the record. */
    String variant();

    /** Resolves the side into a call source (building a revision if needed). */
    CallSource source(Context context) throws IOException, InterruptedException;

    /**
     * What resolving a reference may need.
     *
     * @param cache builds of revisions
     * @param tracesRoot the traces root (null when none)
     * @param treeBundle the working tree's bundle, for {@code tree} with {@code weir}
     * @param console progress messages
     */
    record Context(BuildCache cache, Path tracesRoot, Bundle treeBundle, PrintWriter console) {
    }

    /** Parses {@code text}; {@code estimator} is what {@code rev:} and {@code tree} run. Bad input names the problem. */
    static GateRef parse(String option, String text, String estimator) {
        if (text.equals("tree")) {
            requireKnown(estimator);
            return new Tree(text, estimator);
        }
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.isEmpty() && !kind.isEmpty()) {
            throw new BadInputException(option + " " + text + ": nothing after '" + kind + ":'");
        }
        switch (kind) {
            case "settings": {
                Path file = Path.of(value);
                if (!Files.isRegularFile(file)) {
                    throw new BadInputException(option + " " + text + ": no such settings file");
                }
                return new Settings(text, GccSettings.read(file));
            }
            case "bundle": {
                Path bundle = Path.of(value);
                if (!Files.exists(bundle)) {
                    throw new BadInputException(option + " " + text + ": no such bundle (a directory or a .weirbundle"
                            + " archive)");
                }
                return new BundleRef(text, BundleLoader.load(bundle));
            }
            case "rev":
                return new Rev(text, value, estimator);
            default:
                throw new BadInputException(option + " " + text
                        + ": expected settings:FILE, bundle:DIR, rev:GIT_REV or tree");
        }
    }

    private static void requireKnown(String estimator) {
        if (!CliEstimators.registry().contains(estimator)) {
            throw new BadInputException("unknown estimator '" + estimator + "'; known: "
                    + CliEstimators.registry().names());
        }
    }

    /** {@code settings:FILE}. */
    record Settings(String text, GccSettings settings) implements GateRef {
        @Override
        public String variant() {
            return "gcc";
        }

        @Override
        public CallSource source(Context context) {
            return new InProcessCalls("gcc", scenario -> new GoogCcEstimator(settings.withBitrates(
                    scenario.media().minBps(), scenario.media().startBps(), scenario.media().maxBps())));
        }
    }

    /** {@code bundle:DIR}. */
    record BundleRef(String text, Bundle bundle) implements GateRef {
        @Override
        public String variant() {
            return "weir";
        }

        @Override
        public CallSource source(Context context) {
            EstimatorRegistry registry = CliEstimators.registry();
            return new InProcessCalls("weir", scenario -> registry.create("weir", new EstimatorContext(scenario, bundle)));
        }
    }

    /** {@code rev:GIT_REV}. */
    record Rev(String text, String rev, String estimator) implements GateRef {
        @Override
        public String variant() {
            return estimator;
        }

        @Override
        public CallSource source(Context context) throws IOException, InterruptedException {
            return new RevisionCalls(context.cache().cli(rev, context.console()), estimator, context.tracesRoot());
        }
    }

    /** {@code tree}: this checkout. */
    record Tree(String text, String estimator) implements GateRef {
        @Override
        public String variant() {
            return estimator;
        }

        @Override
        public CallSource source(Context context) {
            return tree(estimator, context.treeBundle());
        }
    }

    /** The working tree's {@code estimator} (by registry name), steering estimators with {@code bundle}. */
    static CallSource tree(String estimator, Bundle bundle) {
        EstimatorRegistry registry = CliEstimators.registry();
        return new InProcessCalls(estimator, scenario -> registry.create(estimator, new EstimatorContext(scenario, bundle)));
    }
}
