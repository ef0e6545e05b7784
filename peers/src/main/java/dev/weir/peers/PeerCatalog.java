package dev.weir.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The peers found under a peers root: one peer per folder holding exactly one {@code .onnx} file,
 * named after the folder (estimator {@code onnx:<folder>}). Folders without a model (a peer whose
 * file could not be brought in, or one without a licence) are listed with the reason, never run.
 * The models stay where they are: nothing is copied.
 *
 * <p>Models are loaded on first use and kept for the catalog's life (one ONNX Runtime session per
 * peer, shared by all calls). Thread-safe: the folder scan happens in the constructor, loading is
 * guarded by a concurrent map.
 */
public final class PeerCatalog {
    /** Estimator names of peers start with this. */
    public static final String PREFIX = "onnx:";
    /** Environment variable naming the default peers root. */
    public static final String ENV = "WEIR_PEERS_ROOT";
    /** Largest model file read, bytes: Pioneer, the largest peer, is 1.9 MB. */
    public static final long MAX_MODEL_BYTES = 256L << 20;

    private final Path root;
    private final Map<String, Path> models = new TreeMap<>();
    private final Map<String, String> unusable = new TreeMap<>();
    private final Map<String, PeerModel> loaded = new ConcurrentHashMap<>();

    /**
     * Scans {@code root}.
     *
     * @throws PeerException when {@code root} is not a readable directory
     */
    public PeerCatalog(Path root) {
        if (root == null || !Files.isDirectory(root)) {
            throw new PeerException("peers root " + root + " is not a directory");
        }
        this.root = root;
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> list = Files.list(root)) {
            list.filter(Files::isDirectory).sorted().forEach(folders::add);
        } catch (IOException e) {
            throw new PeerException("cannot list peers root " + root + ": " + e.getMessage(), e);
        }
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            List<Path> onnx = new ArrayList<>();
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(f -> f.getFileName().toString().endsWith(".onnx") && Files.isRegularFile(f)).sorted()
                        .forEach(onnx::add);
            } catch (IOException e) {
                unusable.put(name, "cannot list " + folder + ": " + e.getMessage());
                continue;
            }
            if (onnx.size() == 1) {
                models.put(name, onnx.get(0));
            } else if (onnx.isEmpty()) {
                unusable.put(name, "no .onnx model in " + folder);
            } else {
                unusable.put(name, "more than one .onnx model in " + folder + ": " + onnx);
            }
        }
    }

    /**
     * The peers root to use: {@code explicit} when given (it must be a directory), else
     * {@code $WEIR_PEERS_ROOT}, else {@code ../shared/peers} when present; null when none.
     *
     * @throws PeerException when {@code explicit} is given but is not a directory
     */
    public static Path resolveRoot(Path explicit, String environmentValue) {
        if (explicit != null) {
            if (!Files.isDirectory(explicit)) {
                throw new PeerException("--peers-root " + explicit + " is not a directory");
            }
            return explicit;
        }
        if (environmentValue != null && !environmentValue.isBlank() && Files.isDirectory(Path.of(environmentValue))) {
            return Path.of(environmentValue);
        }
        Path shared = Path.of("..", "shared", "peers");
        return Files.isDirectory(shared) ? shared : null;
    }

    public Path root() {
        return root;
    }

    /** Names of the peers with a model, sorted (without the {@code onnx:} prefix). */
    public List<String> names() {
        return List.copyOf(models.keySet());
    }

    /** Folders that are not runnable peers, with the reason. */
    public Map<String, String> unusable() {
        return Collections.unmodifiableMap(unusable);
    }

    /** The model file of {@code peer}. */
    public Path modelFile(String peer) {
        Path file = models.get(peer);
        if (file == null) {
            String why = unusable.get(peer);
            throw new PeerException(why != null ? "peer '" + peer + "' cannot run: " + why
                    : "unknown peer '" + peer + "' in " + root + "; peers with a model: " + names());
        }
        return file;
    }

    /**
     * The loaded model of {@code peer} (loaded once).
     *
     * @throws PeerException for an unknown peer or a model ONNX Runtime rejects
     */
    public PeerModel model(String peer) {
        Path file = modelFile(peer);
        return loaded.computeIfAbsent(peer, p -> PeerModel.load(p, file.toString(), read(file)));
    }

    private static byte[] read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_MODEL_BYTES) {
                throw new PeerException(file + ": " + size + " bytes, more than the " + MAX_MODEL_BYTES
                        + "-byte limit for a peer model");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PeerException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
