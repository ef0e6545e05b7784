package dev.weir.cli;

import dev.weir.peers.OnnxPeerEstimator;
import dev.weir.peers.PeerCatalog;
import dev.weir.peers.PeerException;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.scenario.Scenario;
import java.nio.file.Path;
import java.util.Set;

/**
 * The one registry every command takes estimators from (simulate, compare, demo, soak, and the
 * names in their help texts): the simulator's built-ins plus the harness-only ONNX peers,
 * {@code onnx:<folder>} for each folder of the peers root that holds one model (see
 * {@link PeerCatalog}). Peers never reach a client: only this module depends on them.
 *
 * <p>Stateless; thread-safe (each call builds a fresh registry; a catalog loads each model once and
 * is shared by the calls of one registry).
 */
final class CliEstimators {
    /**
     * The estimators whose factory reads {@code EstimatorContext.bundle()}: only their calls wait
     * for the steering bundle to be loaded (see {@link CallRunner}). A new steering variant is
     * added here; a test fails for a registered estimator that is missing and reads the bundle.
     */
    static final Set<String> STEERING = Set.of("weir");

    private CliEstimators() {
    }

    /** Whether calls of {@code estimator} (a registered name) need the steering bundle. */
    static boolean readsBundle(String estimator) {
        return STEERING.contains(estimator);
    }

    /** Built-ins plus the peers of the default root ({@code $WEIR_PEERS_ROOT}, else ../shared/peers), if any. */
    static EstimatorRegistry registry() {
        Path root;
        try {
            root = PeerCatalog.resolveRoot(null, System.getenv(PeerCatalog.ENV));
        } catch (PeerException e) {
            root = null;
        }
        return registry(root == null ? null : new PeerCatalog(root));
    }

    /** Built-ins plus every peer of {@code catalog} (none when null). */
    static EstimatorRegistry registry(PeerCatalog catalog) {
        EstimatorRegistry registry = EstimatorRegistry.withBuiltIns();
        if (catalog != null) {
            for (String peer : catalog.names()) {
                String name = PeerCatalog.PREFIX + peer;
                registry.register(name, context -> {
                    Scenario.Media media = context.scenario().media();
                    return new OnnxPeerEstimator(name, catalog.model(peer).newRunner(), media.minBps(), media.startBps(),
                            media.maxBps());
                });
            }
        }
        return registry;
    }
}
