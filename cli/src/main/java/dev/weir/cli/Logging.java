package dev.weir.cli;

/**
 * The command's SLF4J binding (slf4j-simple), configured before the first logger exists: warnings
 * only by default, and with {@code --verbose} weir's set-up, bundle, route-change and model
 * messages (info and debug) plus other libraries' info. Lines go to standard error, so standard
 * output stays the command's result. A {@code -Dorg.slf4j.simpleLogger.*} property given in
 * {@code WEIR_JAVA_OPTS} wins over these defaults.
 *
 * <p>Stateless; configure once per JVM, before any logger is created (slf4j-simple reads its
 * configuration once).
 */
final class Logging {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    /** Whether {@code args} ask for verbose output ({@code --verbose} before any {@code --}). */
    static boolean verboseRequested(String[] args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static void configure(boolean verbose) {
        setIfAbsent("defaultLogLevel", verbose ? "info" : "warn");
        if (verbose) {
            setIfAbsent("log.dev.weir", "debug");
        }
        setIfAbsent("logFile", "System.err");
        setIfAbsent("showThreadName", "false");
        setIfAbsent("showShortLogName", "true");
        setIfAbsent("levelInBrackets", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(PREFIX + key) == null) {
            System.setProperty(PREFIX + key, value);
        }
    }
}
