package dev.weir.cli;

import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.steer.Bundle;
import dev.weir.steer.BundleArchive;
import dev.weir.steer.BundleLoader;
import dev.weir.steer.BundleStore;
import dev.weir.steer.BundleWriter;
import dev.weir.steer.NetworkType;
import dev.weir.steer.ParameterSet;
import dev.weir.steer.TypeDecisionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./weir bundle build|verify|diff|install|checkout}: steering bundles for the weir estimator. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = {"Builds, verifies, compares and installs steering bundles for the weir estimator.",
                "A bundle holds a parameter set per network type, the type-decision settings and the model, each",
                "file named with its SHA-256 in manifest.json."},
        subcommands = {BundleCommand.Build.class, BundleCommand.Verify.class, BundleCommand.Diff.class,
                BundleCommand.Install.class, BundleCommand.Checkout.class, BundleCommand.Pack.class})
final class BundleCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds a bundle directory from parameter-set files, decision settings and a model. */
    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Builds a bundle from DIR/<type>.json for every network type (wired_stable,",
                    "congestion_prone, random_loss, cellular_variable), DIR/decision.json and a model."})
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--sets", required = true, paramLabel = "DIR", description = "Parameter-set files.")
        Path sets;
        @Option(names = "--model", paramLabel = "FILE", description = "Model artifact (omit for a bundle without one).")
        Path model;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Bundle directory to write.")
        Path out;
        @Option(names = "--description", defaultValue = "", description = "What the bundle is for.")
        String description;
        @Option(names = "--provenance", defaultValue = "", description = "Where its values come from.")
        String provenance;

        @Override
        public Integer call() throws Exception {
            EnumMap<NetworkType, ParameterSet> parameterSets = new EnumMap<>(NetworkType.class);
            for (NetworkType type : NetworkType.values()) {
                parameterSets.put(type, ParameterSet.read(sets.resolve(type.id() + ".json")));
            }
            Path decisionFile = sets.resolve(BundleWriter.DECISION);
            TypeDecisionSettings decision = Files.exists(decisionFile)
                    ? SettingsJson.read(decisionFile, TypeDecisionSettings.class) : new TypeDecisionSettings();
            ModelArtifact artifact = model == null ? null : ModelArtifact.read(model);
            String id = BundleWriter.write(out, parameterSets, decision, artifact, description, provenance);
            spec.commandLine().getOut().printf("bundle %s -> %s%n", id, out);
            return 0;
        }
    }

    /** Loads and verifies a bundle and prints what it holds. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verifies a bundle (every digest, setting and the model) and prints what it holds.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "DIR|FILE", description = "Bundle directory or archive (.weirbundle).")
        Path dir;

        @Override
        public Integer call() {
            Bundle bundle = BundleLoader.load(dir);
            var w = spec.commandLine().getOut();
            w.printf("bundle %s: verified%n  %s%n", bundle.id(), bundle.description());
            for (NetworkType type : NetworkType.values()) {
                w.printf("  %-18s %s%n", type.id(), bundle.parameterSet(type).id);
            }
            w.printf("  model: %s%n", bundle.model() == null ? "none" : bundle.model().fileName());
            return 0;
        }
    }

    /** Packs a bundle directory into one archive file, as a server delivers it. */
    @Command(name = "pack", mixinStandardHelpOptions = true,
            description = {"Packs a verified bundle directory into one archive file (.weirbundle).",
                    "The archive has the same id, and loads wherever a bundle directory does (--bundle FILE)."})
    static final class Pack implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "DIR", description = "Bundle directory.")
        Path dir;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Archive to write.")
        Path out;

        @Override
        public Integer call() throws Exception {
            BundleArchive.pack(dir, out);
            Bundle bundle = BundleLoader.load(out);
            spec.commandLine().getOut().printf("bundle %s -> %s (%d bytes)%n", bundle.id(), out, Files.size(out));
            return 0;
        }
    }

    /** The differences between two bundles, file by file and setting by setting. */
    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Shows what differs between two bundles: files by digest, settings field by field.")
    static final class Diff implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "A", description = "First bundle directory.")
        Path a;
        @Parameters(index = "1", paramLabel = "B", description = "Second bundle directory.")
        Path b;

        @Override
        public Integer call() {
            Bundle left = BundleLoader.load(a);
            Bundle right = BundleLoader.load(b);
            var w = spec.commandLine().getOut();
            if (left.id().equals(right.id())) {
                w.println("identical bundles " + left.id());
                return 0;
            }
            w.printf("A %s%nB %s%n", left.id(), right.id());
            for (NetworkType type : NetworkType.values()) {
                JsonDiff.print(w, type.id(), SettingsJson.write(left.parameterSet(type)),
                        SettingsJson.write(right.parameterSet(type)));
            }
            JsonDiff.print(w, "decision", SettingsJson.write(left.decision()), SettingsJson.write(right.decision()));
            String leftModel = left.model() == null ? "none" : left.model().sha256();
            String rightModel = right.model() == null ? "none" : right.model().sha256();
            if (!leftModel.equals(rightModel)) {
                w.printf("model: %s -> %s%n", leftModel, rightModel);
            }
            return 0;
        }
    }

    /** Adds a bundle to a local content-addressed store, copying only the files the store lacks. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Verifies a bundle and adds it to a content-addressed store, copying only new files.")
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "DIR", description = "Bundle directory.")
        Path dir;
        @Option(names = "--store", required = true, paramLabel = "STORE", description = "Store directory.")
        Path store;

        @Override
        public Integer call() throws Exception {
            BundleStore.Installed installed = new BundleStore(store).install(dir);
            var w = spec.commandLine().getOut();
            w.printf("bundle %s installed in %s: %d new file(s) %s, %d already present %s%n", installed.bundleId(),
                    store, installed.newFiles().size(), installed.newFiles(), installed.presentFiles().size(),
                    installed.presentFiles());
            return 0;
        }
    }

    /** Writes an installed bundle from the store as a directory. */
    @Command(name = "checkout", mixinStandardHelpOptions = true,
            description = "Writes a bundle installed in a store back as a directory (verified again).")
    static final class Checkout implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID", description = "Bundle id (the manifest's SHA-256).")
        String id;
        @Option(names = "--store", required = true, paramLabel = "STORE", description = "Store directory.")
        Path store;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write.")
        Path out;

        @Override
        public Integer call() throws Exception {
            Bundle bundle = new BundleStore(store).materialise(id, out);
            spec.commandLine().getOut().printf("bundle %s -> %s%n", bundle.id(), out);
            return 0;
        }
    }
}
