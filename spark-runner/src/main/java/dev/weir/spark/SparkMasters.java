package dev.weir.spark;

import java.util.regex.Pattern;

/**
 * Checks a Spark master URL before a session starts (a refused one costs seconds of start-up and a
 * page of log): the forms Spark itself parses ({@code SparkMasterRegex}) and the cluster managers
 * a Spark distribution ships.
 *
 * <p>Stateless and thread-safe.
 */
final class SparkMasters {
    /** {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}, {@code local[*,F]}: N >= 1. */
    private static final Pattern LOCAL = Pattern.compile("local(\\[([1-9][0-9]*|\\*)(\\s*,\\s*[0-9]+)?])?");
    /** {@code local-cluster[workers, cores per worker, MiB per worker]}: a test cluster of separate JVMs. */
    private static final Pattern LOCAL_CLUSTER = Pattern.compile(
            "local-cluster\\[\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*]");
    /** A standalone master (or several, comma-separated, with ZooKeeper recovery). */
    private static final Pattern STANDALONE = Pattern.compile("spark://[^\\s/]+(:[0-9]+)?(,[^\\s/]+(:[0-9]+)?)*");
    /** Kubernetes: {@code k8s://https://host:port} or {@code k8s://host:port}. */
    private static final Pattern KUBERNETES = Pattern.compile("k8s://\\S+");
    /** The forms, for messages. */
    static final String FORMS = "local, local[N], local[*], local-cluster[W,C,MiB], spark://HOST:PORT, yarn or"
            + " k8s://URL";

    private SparkMasters() {
    }

    /**
     * Accepts {@code master} or throws.
     *
     * @throws IllegalArgumentException naming the URL and the accepted forms
     */
    static void check(String master) {
        if (master.isBlank()) {
            throw new IllegalArgumentException("--master is empty: use " + FORMS);
        }
        if (LOCAL.matcher(master).matches() || LOCAL_CLUSTER.matcher(master).matches()
                || STANDALONE.matcher(master).matches() || KUBERNETES.matcher(master).matches()
                || master.equals("yarn")) {
            return;
        }
        throw new IllegalArgumentException("--master '" + master + "' is not a Spark master URL: use " + FORMS);
    }
}
