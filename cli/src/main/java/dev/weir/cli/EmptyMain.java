package dev.weir.cli;

/**
 * An empty Java program: {@code weir bench-startup}'s reference for what starting a JVM costs on
 * this machine (the targets are multiples of it).
 *
 * <p>Stateless.
 */
public final class EmptyMain {
    private EmptyMain() {
    }

    public static void main(String[] args) {
        // Nothing: the process start and exit are what is measured.
    }
}
