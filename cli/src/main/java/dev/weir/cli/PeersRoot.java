package dev.weir.cli;

import dev.weir.peers.PeerCatalog;
import dev.weir.peers.PeerException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --peers-root} option: where the harness-only ONNX peers live ({@code onnx:<folder>},
 * one model per folder). Defaults to {@code $WEIR_PEERS_ROOT}, else {@code ../shared/peers} when
 * present. The models are read in place, never copied.
 */
final class PeersRoot {
    @Option(names = "--peers-root", paramLabel = "DIR",
            description = "Directory of peer model folders for onnx:<name> estimators "
                    + "(default: $WEIR_PEERS_ROOT, else ../shared/peers if present).")
    Path peersRoot;

    /** The catalog of the resolved root, or null when none is configured. */
    PeerCatalog catalog() {
        Path root = PeerCatalog.resolveRoot(peersRoot, System.getenv(PeerCatalog.ENV));
        return root == null ? null : new PeerCatalog(root);
    }
}
