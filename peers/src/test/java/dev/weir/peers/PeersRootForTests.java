package dev.weir.peers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests find the real peers pack: {@code -Dweir.peersRoot}, {@code $WEIR_PEERS_ROOT}, or
 * {@code shared/peers} beside the repository (module or repository directory as working
 * directory). Tests that need it are skipped with a message on a fresh clone without it.
 */
final class PeersRootForTests {
    private PeersRootForTests() {
    }

    static Path find() {
        String property = System.getProperty("weir.peersRoot");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property);
        }
        String env = System.getenv(PeerCatalog.ENV);
        if (env != null && !env.isBlank() && Files.isDirectory(Path.of(env))) {
            return Path.of(env);
        }
        for (String candidate : new String[] {"../shared/peers", "../../shared/peers"}) {
            if (Files.isRegularFile(Path.of(candidate, "test_vectors.json"))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    /** The peers root, or the test is skipped. */
    static Path require() {
        Path root = find();
        assumeTrue(root != null && Files.isRegularFile(root.resolve("test_vectors.json")),
                "no peers pack (set WEIR_PEERS_ROOT or -Dweir.peersRoot, or put shared/peers beside the repository):"
                        + " reference-vector tests skipped");
        return root;
    }
}
