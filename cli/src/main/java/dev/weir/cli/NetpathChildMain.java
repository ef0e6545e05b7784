package dev.weir.cli;

import dev.weir.netpath.NetpathChild;

/**
 * Main class of {@code udp-call}'s sender and receiver processes: {@link NetpathChild} with the
 * CLI's estimator registry, so every name {@code --estimator} accepts runs on the real path too.
 *
 * <p>Stateless.
 */
public final class NetpathChildMain {
    private NetpathChildMain() {
    }

    public static void main(String[] args) {
        System.exit(NetpathChild.run(args, CliEstimators.registry()));
    }
}
