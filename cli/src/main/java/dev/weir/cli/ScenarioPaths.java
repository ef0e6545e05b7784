package dev.weir.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --allow-absolute-paths} option of commands that load scenarios: without it, a
 * scenario's trace {@code file} must stay inside the scenario's directory or the traces root
 * (symbolic links resolved), so a scenario from elsewhere cannot read arbitrary files.
 */
final class ScenarioPaths {
    @Option(names = "--allow-absolute-paths",
            description = "Let scenario trace files be absolute paths anywhere (default: only inside the "
                    + "scenario's directory or the traces root).")
    boolean allowAbsolutePaths;
}
