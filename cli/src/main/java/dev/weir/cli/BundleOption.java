package dev.weir.cli;

import dev.weir.steer.Bundle;
import dev.weir.steer.BundleLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The {@code --bundle} option: the steering bundle the {@code weir} estimator runs with. Defaults
 * to the committed {@code configs/bundle} when the command runs from the repository, else GCC's
 * default parameter sets without a model (the weir estimator is then plain GCC). A bundle that
 * does not verify is bad input: the message names the file and the problem (exit code 2).
 */
final class BundleOption {
    /** The committed bundle, relative to the repository root. */
    static final Path COMMITTED = Path.of("configs", "bundle");

    @Option(names = "--bundle", paramLabel = "DIR",
            description = "Steering bundle for the weir estimator, a directory or a .weirbundle archive"
                    + " (default: configs/bundle when present).")
    Path bundle;

    /**
     * The bundle, as a thread-safe supplier: an explicit {@code --bundle} is loaded and verified
     * now (a bad one is bad input whatever the estimator), the default one when first asked for.
     */
    Supplier<Bundle> supplier() {
        if (bundle != null) {
            Bundle loaded = load();
            return () -> loaded;
        }
        return new Supplier<>() {
            private Bundle loaded;

            @Override
            public synchronized Bundle get() {
                if (loaded == null) {
                    loaded = load();
                }
                return loaded;
            }
        };
    }

    /** The loaded, verified bundle. */
    Bundle load() {
        if (bundle != null) {
            if (!Files.exists(bundle)) {
                throw new BadInputException("--bundle " + bundle + " does not exist (a bundle directory or a"
                        + " .weirbundle archive)");
            }
            return BundleLoader.load(bundle);
        }
        return Files.isDirectory(COMMITTED) ? BundleLoader.load(COMMITTED) : Bundle.gccDefaults();
    }
}
